// Cohorts: customers grouped by the month or week of their first purchase, and the share of them (or of their first period's
// revenue) that came back in each later period, as a heatmap.
import { fmt } from '../dom.js';
import { toggle } from '../panel.js';
import { chart } from '../charts.js';
import { SEQUENTIAL } from '../palette.js';

const RETENTION = '/api/v1/analytics/cohorts/retention';

export default {
  id: 'cohorts',
  title: 'Cohorts',
  role: 'viewer',
  filters: 'sales',
  intro: 'Each row is the customers whose first purchase fell in that period; each column a period after it.',
  render(view) {
    const granularity = view.param('gran', 'month');
    const metric = view.param('metric', 'customers');
    const p = view.panel({
      id: 'retention',
      title: metric === 'revenue' ? 'Revenue retention' : 'Customer retention',
      wide: true,
      exportName: 'cohort-retention',
      controls: [
        toggle(view, { param: 'metric', fallback: 'customers', label: 'Measure', options: [['customers', 'Customers'], ['revenue', 'Revenue']] }),
        toggle(view, { param: 'gran', fallback: 'month', label: 'Cohort width', options: [['month', 'Month'], ['week', 'Week']] }),
      ],
    });
    view.task(p, async () => {
      const params = { ...view.filters(), granularity };
      const r = await view.get(RETENTION, params);
      const cohorts = r.cohorts.filter((c) => c.size > 0);
      if (!cohorts.length) {
        p.empty('No customers were acquired in this period for these filters.');
        return;
      }
      const key = metric === 'revenue' ? 'revenueRetention' : 'customerRetention';
      const periods = Math.max(...cohorts.map((c) => c.periods.length));
      const data = [];
      cohorts.forEach((c, y) => c.periods.forEach((cell) => {
        // period 0 is 100% by definition: leaving it out keeps the colour scale for the periods that tell something
        if (cell.period > 0 && cell[key] !== null) data.push([cell.period, y, Number(cell[key])]);
      }));
      const max = Math.max(0.0001, ...data.map((d) => d[2]));
      const body = p.ready();
      const height = Math.min(900, Math.max(260, 60 + cohorts.length * 16));
      const c = chart(body, {
        tooltip: {
          formatter: (x) => `${cohorts[x.value[1]].cohort} (${fmt.int(cohorts[x.value[1]].size)} customers)<br>period ${x.value[0]}: ${fmt.pct(x.value[2])}`,
        },
        grid: { containLabel: true, left: 8, right: 16, top: 24, bottom: 56 },
        xAxis: { type: 'category', name: `${granularity}s after the first`, nameLocation: 'middle', nameGap: 28, data: Array.from({ length: periods }, (_, i) => i), splitArea: { show: true } },
        yAxis: { type: 'category', data: cohorts.map((x) => x.cohort), inverse: true, splitArea: { show: true } },
        visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, inRange: { color: SEQUENTIAL }, formatter: (v) => fmt.pct(v) },
        series: [{ type: 'heatmap', data, progressive: 0 }],
      }, { height, label: `${metric} retention by ${granularity} cohort` });
      p.setExport({ endpoint: RETENTION, params });
      await view.wait(c.done);
    });
  },
};
