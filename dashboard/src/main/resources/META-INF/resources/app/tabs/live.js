// Live: today's figures from the metrics service, kept current by its server-sent events stream (read with fetch, which can
// send the bearer token; EventSource cannot), with top products and regions refreshed as events arrive.
import { h, fmt, clear } from '../dom.js';
import { kpi, table } from '../panel.js';
import { chart, axes } from '../charts.js';
import * as api from '../api.js';
import { REGIONS } from '../brazil.js';

const TODAY = '/api/v1/metrics/today';
const STREAM = '/api/v1/metrics/stream';
const REGIONS_URL = '/api/v1/metrics/regions';
const TOP = '/api/v1/metrics/top-products';
/** Top products and regions are asked again at most this often while events arrive. */
const SIDE_REFRESH_MS = 5000;
const TREND_POINTS = 120;

export default {
  id: 'live',
  title: 'Live',
  role: 'viewer',
  filters: 'none',
  intro: 'Today’s figures for the whole store, updated as orders arrive.',
  render(view) {
    const status = h('span', { class: 'live-status', id: 'live-status', role: 'status' }, 'connecting…');
    const today = view.panel({ id: 'live-today', title: 'Today', wide: true, controls: status, exportName: 'metrics-today' });
    const trend = view.panel({ id: 'live-trend', title: 'Revenue today, as events arrived', exportName: 'live-trend' });
    const regions = view.panel({ id: 'live-regions', title: 'Revenue today by region', exportName: 'live-regions' });
    const top = view.panel({ id: 'live-top', title: 'Best sellers (all time, by quantity)', wide: true, exportName: 'live-top-products' });
    const names = new Map(REGIONS);
    let events = 0;
    let trendChart = null;
    let regionChart = null;
    const points = [];

    const drawToday = (m) => {
      today.ready(
        h('div', { class: 'kpis' },
          kpi({ id: 'live-revenue', label: 'Revenue', value: m.revenue, text: fmt.money(m.revenue) }),
          kpi({ id: 'live-orders', label: 'Orders', value: m.orders, text: fmt.int(m.orders) }),
          kpi({ id: 'live-customers', label: 'Active customers', value: m.activeCustomers, text: fmt.int(m.activeCustomers) }),
          kpi({ id: 'live-ticket', label: 'Average ticket', value: m.averageTicket, text: fmt.money(m.averageTicket) }),
          kpi({ id: 'live-top-product', label: 'Top product today', value: m.topProduct ? m.topProduct.productId : '', text: m.topProduct ? `#${m.topProduct.productId} (${fmt.int(m.topProduct.quantity)})` : '–' })),
        h('p', { class: 'muted', id: 'live-updated', 'data-events': String(events) }, `${m.date} · ${events} update${events === 1 ? '' : 's'} received · last at ${new Date().toLocaleTimeString()}`),
      );
      // a download asks the server for today's figures as they are at the click
      today.setExport({ endpoint: TODAY, params: {} });
    };
    const addPoint = (m) => {
      points.push([new Date().toLocaleTimeString(), Number(m.revenue)]);
      if (points.length > TREND_POINTS) points.shift();
      trend.setExport({ filterKind: 'none', columns: [{ key: 'time', value: (x) => x[0] }, { key: 'revenue', value: (x) => x[1] }], rows: points });
      const option = { xAxis: { type: 'category', data: points.map((x) => x[0]) }, series: [{ name: 'Revenue', type: 'line', showSymbol: false, data: points.map((x) => x[1]) }] };
      if (trendChart) trendChart.instance.setOption(option);
      else {
        trendChart = chart(trend.ready(), { tooltip: { trigger: 'axis', valueFormatter: fmt.money }, yAxis: { type: 'value', scale: true, axisLabel: { formatter: fmt.moneyShort } }, ...option }, { height: 260, label: 'Revenue today over time' });
        view.wait(trendChart.done);
      }
    };

    const loadSides = async () => {
      const [r, t] = await Promise.all([api.get(REGIONS_URL, {}, { signal: view.signal, cached: false }), api.get(TOP, { limit: 10 }, { signal: view.signal, cached: false })]);
      const option = {
        tooltip: { trigger: 'axis', valueFormatter: fmt.money },
        ...axes(r.map((x) => names.get(x.region) || x.name), { format: fmt.moneyShort }),
        series: [{ name: 'Revenue', type: 'bar', colorBy: 'data', data: r.map((x) => Number(x.revenue)) }],
      };
      if (regionChart) regionChart.instance.setOption(option);
      else {
        regionChart = chart(regions.ready(), option, { height: 260, label: 'Revenue today by region' });
        view.wait(regionChart.done);
      }
      regions.setExport({ endpoint: REGIONS_URL, params: {} });
      const columns = [{ key: 'productId', label: 'Product' }, { key: 'quantity', label: 'Quantity sold', numeric: true, format: fmt.int }];
      if (t.length) {
        top.ready(table({ columns, rows: t, sort: { key: 'quantity', dir: 'desc' }, caption: 'Best-selling products' }));
        top.setExport({ endpoint: TOP, params: { limit: 10 } });
      } else {
        top.empty('No sales recorded yet.');
      }
    };

    const first = view.get(TODAY);
    view.task(today, async () => drawToday(await first));
    view.task(trend, async () => addPoint(await first));
    const sides = loadSides();
    view.task(regions, () => sides);
    view.task(top, () => sides);

    let lastSides = Date.now();
    api.stream(STREAM, (m) => {
      events++;
      drawToday(m);
      addPoint(m);
      if (Date.now() - lastSides >= SIDE_REFRESH_MS) {
        lastSides = Date.now();
        loadSides().catch(() => {});
      }
    }, (state, err) => {
      clear(status, state === 'open' ? '● live' : state === 'error' ? `stream failed: ${err?.message || ''}` : 'reconnecting…');
      status.dataset.state = state;
      if (state === 'error' && err instanceof api.ApiError && err.status === 403) today.error(err);
    }, view.signal);
  },
};
