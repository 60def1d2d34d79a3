// Customers (RFM): segment sizes and revenue shares, the Pareto curve of revenue over customers (by segment), the action each
// segment calls for, and the customers of a segment, page by page, sorted by the server.
import { h, fmt, label } from '../dom.js';
import { table, pager, toggle } from '../panel.js';
import { chart, axes } from '../charts.js';

const SEGMENTS = '/api/v1/analytics/customers/rfm/segments';
const LIST = '/api/v1/analytics/customers/rfm';
const PAGE_SIZE = 25;
const SORTS = [['monetary', 'Monetary'], ['frequency', 'Frequency'], ['recency', 'Recency'], ['customer', 'Customer']];

export default {
  id: 'customers',
  title: 'Customers (RFM)',
  role: 'viewer',
  filters: 'sales',
  render(view) {
    // F by quintiles (like R and M) or by fixed order counts, for stores where most customers bought once
    const scoring = view.param('frequencyScoring', 'quintiles');
    const scoringControl = toggle(view, { param: 'frequencyScoring', fallback: 'quintiles', label: 'Frequency score', options: [['quintiles', 'Quintiles'], ['thresholds', 'Order counts']] });
    // sent only when not the shipped default, so the default view's requests and file names stay as they were
    const scored = () => (scoring === 'quintiles' ? view.filters() : { ...view.filters(), frequencyScoring: scoring });
    const sizes = view.panel({ id: 'segments', title: 'Segments: customers and revenue', exportName: 'rfm-segments', controls: scoringControl });
    const pareto = view.panel({ id: 'pareto', title: 'Pareto: revenue over customers', exportName: 'rfm-pareto', note: 'Segments ordered by revenue per customer; the curve joins their cumulative shares.' });
    const actions = view.panel({ id: 'actions', title: 'Recommended actions', wide: true, exportName: 'rfm-actions' });
    const list = view.panel({ id: 'customer-list', title: 'Customers', wide: true, exportName: 'rfm-customers', exportNote: 'A download holds every customer of the segment for these filters, not only this page.' });

    const summary = view.get(SEGMENTS, scored());
    const empty = (s) => !s.segments.length || s.customers === 0;

    view.task(sizes, async (p) => {
      const s = await summary;
      if (empty(s)) return p.empty('No customers bought in this period for these filters.');
      const segs = [...s.segments].sort((a, b) => b.customers - a.customers);
      const c = chart(p.ready(), {
        tooltip: { trigger: 'axis', valueFormatter: fmt.pct },
        legend: { top: 0 },
        ...axes(segs.map((x) => label(x.segment)), { horizontal: true, format: fmt.pct }),
        series: [
          { name: 'Share of customers', type: 'bar', data: segs.map((x) => Number(x.customerShare)) },
          { name: 'Share of revenue', type: 'bar', data: segs.map((x) => Number(x.revenueShare)) },
        ],
      }, { height: 380, label: 'Customer and revenue share by segment' });
      p.setExport({ endpoint: SEGMENTS, params: scored() });
      if (s.frequencyTiesDecide) {
        // a low-repeat store (Olist: 99% bought once): the quintiles split equal frequencies by customer key
        p.body.append(h('p', { class: 'muted', 'data-note': 'frequency-ties' }, `Ties decided ${fmt.pct(s.frequencyTieShare)} of the F scores: most customers bought equally often, so F and the segments built on it order them by customer key more than by behaviour.`));
      }
      await view.wait(c.done);
    });

    view.task(pareto, async (p) => {
      const s = await summary;
      if (empty(s)) return p.empty('No customers bought in this period for these filters.');
      const segs = [...s.segments].filter((x) => x.customers > 0).sort((a, b) => b.revenue / b.customers - a.revenue / a.customers);
      let cx = 0;
      let cy = 0;
      const points = [[0, 0], ...segs.map((x) => {
        cx += Number(x.customerShare);
        cy += Number(x.revenueShare);
        return [Math.min(1, cx), Math.min(1, cy)];
      })];
      const body = p.ready(h('p', { class: 'muted' }, `The top 20% of customers bring ${fmt.pct(s.topCustomersRevenueShare)} of the revenue.`));
      const c = chart(body, {
        tooltip: { trigger: 'item', formatter: (x) => `${fmt.pct(x.value[0])} of customers → ${fmt.pct(x.value[1])} of revenue` },
        xAxis: { type: 'value', max: 1, name: 'customers', nameLocation: 'middle', nameGap: 24, axisLabel: { formatter: fmt.pct } },
        yAxis: { type: 'value', max: 1, name: 'revenue', axisLabel: { formatter: fmt.pct } },
        series: [
          { name: 'Cumulative revenue', type: 'line', data: points, areaStyle: { opacity: 0.15 } },
          { name: 'Equal shares', type: 'line', data: [[0, 0], [1, 1]], symbol: 'none', lineStyle: { type: 'dashed' } },
        ],
      }, { height: 320, label: 'Pareto curve of revenue over customers' });
      p.setExport({
        derivedFrom: { endpoint: SEGMENTS, params: scored() },
        columns: [{ key: 'customerShare', value: (x) => x[0] }, { key: 'revenueShare', value: (x) => x[1] }],
        rows: points,
      });
      await view.wait(c.done);
    });

    view.task(actions, async (p) => {
      const s = await summary;
      if (empty(s)) return p.empty('No segments for these filters.');
      const columns = [
        { key: 'segment', label: 'Segment', format: label },
        { key: 'customers', label: 'Customers', numeric: true, format: fmt.int },
        { key: 'revenue', label: 'Revenue', numeric: true, format: fmt.money },
        { key: 'meanRecency', label: 'Mean recency (days)', numeric: true, format: fmt.num },
        { key: 'meanFrequency', label: 'Mean orders', numeric: true, format: fmt.num },
        { key: 'meanMonetary', label: 'Mean spend', numeric: true, format: fmt.money },
        { key: 'action', label: 'Recommended action', sortable: false },
      ];
      p.ready(table({ columns, rows: s.segments, sort: { key: 'customers', dir: 'desc' }, caption: 'RFM segments and their actions' }));
      p.setExport({ endpoint: SEGMENTS, params: scored() });
    });

    const segment = view.param('segment', '');
    const sort = view.param('sort', 'monetary');
    const page = Number(view.param('page', '0')) || 0;
    list.el.querySelector('.panel-head').append(h('div', { class: 'inline-controls' },
      h('label', { for: 'rfm-segment' }, 'Segment '),
      h('select', { id: 'rfm-segment', onchange: (e) => view.set({ segment: e.target.value || null, page: null }) },
        h('option', { value: '' }, 'All')),
      h('label', { for: 'rfm-sort' }, ' Sort '),
      h('select', { id: 'rfm-sort', onchange: (e) => view.set({ sort: e.target.value === 'monetary' ? null : e.target.value, page: null }) },
        SORTS.map(([v, t]) => h('option', { value: v, selected: v === sort }, t)))));
    summary.then((s) => {
      const select = list.el.querySelector('#rfm-segment');
      s.segments.forEach((x) => select.append(h('option', { value: x.segment.toLowerCase(), selected: x.segment.toLowerCase() === segment }, label(x.segment))));
    }).catch(() => {});

    view.task(list, async (p) => {
      const params = { ...scored(), segment, sort, page, size: PAGE_SIZE };
      const r = await view.get(LIST, params);
      if (!r.customers.length) return p.empty(page > 0 ? 'No customers on this page.' : 'No customers for these filters.');
      const pages = Math.max(1, Math.ceil(r.total / PAGE_SIZE));
      const columns = [
        { key: 'customerKey', label: 'Customer', serverSort: 'customer' },
        { key: 'segment', label: 'Segment', format: label },
        { key: 'score', label: 'RFM score' },
        { key: 'recency', label: 'Recency (days)', numeric: true, format: fmt.int, serverSort: 'recency' },
        { key: 'frequency', label: 'Orders', numeric: true, format: fmt.int, serverSort: 'frequency' },
        { key: 'monetary', label: 'Spend', numeric: true, format: fmt.money, serverSort: 'monetary' },
      ];
      p.ready(
        table({ columns, rows: r.customers, sort: { key: columns.find((c) => c.serverSort === sort)?.key, dir: 'desc' }, onSort: (s) => view.set({ sort: s === 'monetary' ? null : s, page: null }), caption: 'Customers of the segment' }),
        pager(view, page, pages, `Page ${page + 1} of ${fmt.int(pages)} · ${fmt.int(r.total)} customers`),
      );
      // as a file the list is whole: every customer of the segment for the filters, in this order (page and size page JSON)
      p.setExport({ endpoint: LIST, params: { ...scored(), segment, sort } });
    });
  },
};
