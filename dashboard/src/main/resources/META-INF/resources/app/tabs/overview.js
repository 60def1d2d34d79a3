// Overview / financial: KPI cards with growth against the previous period and the same period a year earlier, and revenue and
// gross profit over time by day, week or month.
import { h, fmt } from '../dom.js';
import { kpi, toggle } from '../panel.js';
import { chart } from '../charts.js';

const SUMMARY = '/api/v1/analytics/financial/summary';
const SERIES = '/api/v1/analytics/financial/timeseries';

const KPIS = [
  ['revenue', 'Revenue', (m) => m.revenue, fmt.money, 'revenueGrowth'],
  ['grossProfit', 'Gross profit', (m) => m.grossProfit, fmt.money, 'grossProfitGrowth'],
  ['margin', 'Margin', (m) => m.margin, fmt.pct, null],
  ['orders', 'Orders', (m) => m.orders, fmt.int, 'ordersGrowth'],
  ['averageTicket', 'Average ticket', (m) => m.averageTicket, fmt.money, 'averageTicketGrowth'],
  ['uniqueCustomers', 'Unique customers', (m) => m.uniqueCustomers, fmt.int, 'uniqueCustomersGrowth'],
];

export default {
  id: 'overview',
  title: 'Overview',
  role: 'viewer',
  filters: 'sales',
  render(view) {
    const cards = view.panel({ id: 'kpis', title: 'Key figures', wide: true, exportName: 'financial-summary' });
    view.task(cards, async (p) => {
      const params = view.filters();
      const s = await view.get(SUMMARY, params);
      const m = s.current;
      if (!m || m.orders === 0) {
        p.empty('No sales in this period for these filters.');
        return;
      }
      p.ready(
        h('p', { class: 'period' }, `${fmt.date(s.from)} – ${fmt.date(s.to)}, against ${fmt.date(s.previousPeriod.from)} – ${fmt.date(s.previousPeriod.to)} and a year earlier`),
        h('div', { class: 'kpis' }, KPIS.map(([id, label, pick, format, growth]) => kpi({
          id,
          label,
          value: pick(m),
          text: format(pick(m)),
          comparisons: growth ? [
            { label: 'vs previous period', value: s.previousPeriod[growth] },
            { label: 'vs last year', value: s.samePeriodLastYear[growth] },
          ] : [],
        }))),
        m.knownCostShare !== null && Number(m.knownCostShare) < 1
          ? h('p', { class: 'muted' }, `Profit and margin cover the ${fmt.pct(m.knownCostShare)} of revenue whose cost is known.`)
          : null,
      );
      p.setExport({ endpoint: SUMMARY, params });
    });

    const granularity = view.param('gran', 'day');
    const series = view.panel({
      id: 'timeseries',
      title: 'Revenue and gross profit',
      wide: true,
      exportName: 'financial-timeseries',
      controls: toggle(view, { param: 'gran', fallback: 'day', label: 'Granularity', options: [['day', 'Day'], ['week', 'Week'], ['month', 'Month']] }),
    });
    view.task(series, async (p) => {
      const params = { ...view.filters(), granularity };
      const t = await view.get(SERIES, params);
      if (!t.points.length || t.points.every((x) => x.metrics.orders === 0)) {
        p.empty('No sales in this period for these filters.');
        return;
      }
      const body = p.ready();
      const c = chart(body, {
        tooltip: { trigger: 'axis', valueFormatter: fmt.money },
        legend: { top: 0 },
        dataZoom: t.points.length > 120 ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 0 }] : [],
        grid: { containLabel: true, left: 8, right: 16, top: 36, bottom: t.points.length > 120 ? 36 : 8 },
        xAxis: { type: 'category', data: t.points.map((x) => x.period) },
        yAxis: { type: 'value', axisLabel: { formatter: fmt.moneyShort } },
        series: [
          { name: 'Revenue', type: 'line', showSymbol: false, data: t.points.map((x) => x.metrics.revenue) },
          { name: 'Gross profit', type: 'line', showSymbol: false, data: t.points.map((x) => x.metrics.grossProfit) },
        ],
      }, { height: 320, label: `Revenue and gross profit by ${granularity}` });
      p.setExport({ endpoint: SERIES, params });
      await view.wait(c.done);
    });
  },
};
