// Lifetime value (BG/NBD + Gamma-Gamma, fitted on the sales of the filters, a customer being a person as RFM counts them):
// totals, the holdout check, CLV by segment and by cohort, the spread of CLV over a page of customers, and the customer list.
import { h, fmt, label } from '../dom.js';
import { kpi, table, toggle, pager } from '../panel.js';
import { chart, axes, histogram } from '../charts.js';

const LTV = '/api/v1/analytics/customers/ltv';
const PAGE_SIZE = 100;
const BINS = 12;

export default {
  id: 'ltv',
  title: 'Lifetime value',
  role: 'analyst',
  filters: 'sales',
  intro: 'Expected value of each customer over the coming months, from a BG/NBD and Gamma-Gamma fit on the sales of the filters.',
  render(view) {
    const months = view.param('months', '12');
    const page = Number(view.param('page', '0')) || 0;
    const controls = toggle(view, { param: 'months', fallback: '12', label: 'Horizon', options: [['6', '6 months'], ['12', '12 months'], ['24', '24 months']] });
    const totals = view.panel({ id: 'ltv-totals', title: 'Totals and holdout check', wide: true, controls, exportName: 'ltv-totals' });
    const bySegment = view.panel({ id: 'ltv-segments', title: 'CLV by RFM segment', exportName: 'ltv-segments' });
    const byCohort = view.panel({ id: 'ltv-cohorts', title: 'CLV by acquisition cohort', exportName: 'ltv-cohorts' });
    const spread = view.panel({ id: 'ltv-distribution', title: 'CLV distribution', exportName: 'ltv-distribution', note: `Over the ${PAGE_SIZE} customers of the page shown below.` });
    const list = view.panel({ id: 'ltv-customers', title: 'Customers', wide: true, exportName: 'ltv-customers', exportNote: 'A download holds every customer, not only this page.' });
    const report = view.get(LTV, { ...view.filters(), months, page, size: PAGE_SIZE });
    // the server's file of the report: every customer, the model, the holdout check, the cohorts and the segments
    const whole = { endpoint: LTV, params: { ...view.filters(), months } };
    const nobody = (r) => !r || r.customers === 0;

    view.task(totals, async (p) => {
      const r = await report;
      if (nobody(r)) return p.empty('No customers to value.');
      const hold = r.holdout;
      p.ready(h('div', { class: 'kpis' },
        kpi({ id: 'ltv-customers', label: 'Customers', value: r.customers, text: fmt.int(r.customers) }),
        kpi({ id: 'ltv-total', label: `Total CLV, ${r.months} months`, value: r.totals.clv, text: fmt.money(r.totals.clv) }),
        kpi({ id: 'ltv-purchases', label: 'Expected purchases', value: r.totals.expectedPurchases, text: fmt.int(r.totals.expectedPurchases) }),
        hold ? kpi({ id: 'ltv-holdout', label: `Holdout: last ${hold.weeks} weeks, predicted vs actual`, value: hold.relativeError, text: `${fmt.int(hold.predictedPurchases)} vs ${fmt.int(hold.actualPurchases)}` }) : null,
        hold ? kpi({ id: 'ltv-holdout-error', label: 'Holdout relative error', value: hold.relativeError, text: fmt.pct(hold.relativeError) }) : null,
      ));
      p.setExport({
        derivedFrom: whole,
        columns: ['months', 'customers', 'clv', 'expectedPurchases', 'holdoutWeeks', 'holdoutPredictedPurchases', 'holdoutActualPurchases', 'holdoutRelativeError'].map((key) => ({ key })),
        rows: [{
          months: r.months,
          customers: r.customers,
          clv: r.totals.clv,
          expectedPurchases: r.totals.expectedPurchases,
          holdoutWeeks: hold?.weeks,
          holdoutPredictedPurchases: hold?.predictedPurchases,
          holdoutActualPurchases: hold?.actualPurchases,
          holdoutRelativeError: hold?.relativeError,
        }],
      });
    });

    view.task(bySegment, async (p) => {
      const r = await report;
      if (nobody(r) || !r.segments.length) return p.empty('No segments.');
      const segs = [...r.segments].sort((a, b) => Number(b.totalClv) - Number(a.totalClv));
      const c = chart(p.ready(), {
        tooltip: { trigger: 'axis', valueFormatter: fmt.money },
        legend: { top: 0 },
        ...axes(segs.map((x) => label(x.segment)), { horizontal: true, format: fmt.moneyShort }),
        series: [{ name: 'Total CLV', type: 'bar', data: segs.map((x) => Number(x.totalClv)) }],
      }, { height: 360, label: 'Total CLV by segment' });
      p.setExport({ derivedFrom: whole, columns: ['segment', 'customers', 'meanClv', 'totalClv', 'meanProbabilityAlive'].map((key) => ({ key })), rows: segs });
      await view.wait(c.done);
    });

    view.task(byCohort, async (p) => {
      const r = await report;
      if (nobody(r) || !r.cohorts.length) return p.empty('No cohorts.');
      const c = chart(p.ready(), {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        xAxis: { type: 'category', data: r.cohorts.map((x) => x.cohort) },
        yAxis: [{ type: 'value', name: 'CLV', axisLabel: { formatter: fmt.moneyShort } }, { type: 'value', name: 'P(alive)', max: 1, axisLabel: { formatter: fmt.pct } }],
        series: [
          { name: 'CLV', type: 'bar', data: r.cohorts.map((x) => Number(x.clv)), tooltip: { valueFormatter: fmt.money } },
          { name: 'Mean P(alive)', type: 'line', yAxisIndex: 1, data: r.cohorts.map((x) => x.meanProbabilityAlive), tooltip: { valueFormatter: fmt.pct } },
        ],
      }, { height: 360, label: 'CLV and probability alive by cohort' });
      p.setExport({ derivedFrom: whole, columns: ['cohort', 'customers', 'expectedPurchases', 'meanProbabilityAlive', 'clv'].map((key) => ({ key })), rows: r.cohorts });
      await view.wait(c.done);
    });

    view.task(spread, async (p) => {
      const r = await report;
      if (nobody(r) || !r.rows.length) return p.empty('No customers on this page.');
      const { starts, width, counts } = histogram(r.rows.map((x) => Number(x.clv)), BINS, 0);
      const c = chart(p.ready(), {
        tooltip: { trigger: 'axis' },
        ...axes(starts.map((s) => `${fmt.moneyShort(s)}–${fmt.moneyShort(s + width)}`), { name: 'customers' }),
        series: [{ name: 'Customers', type: 'bar', data: counts }],
      }, { height: 300, label: 'Histogram of CLV' });
      p.setExport({ derivedFrom: whole, columns: [{ key: 'from', value: (i) => starts[i] }, { key: 'to', value: (i) => starts[i] + width }, { key: 'customers', value: (i) => counts[i] }], rows: counts.map((_, i) => i) });
      await view.wait(c.done);
    });

    view.task(list, async (p) => {
      const r = await report;
      if (nobody(r) || !r.rows.length) return p.empty('No customers on this page.');
      const pages = Math.max(1, Math.ceil(r.customers / PAGE_SIZE));
      const columns = [
        { key: 'customerId', label: 'Customer' },
        { key: 'cohort', label: 'Cohort' },
        { key: 'repeatPurchases', label: 'Repeat purchases', numeric: true, format: fmt.int },
        { key: 'probabilityAlive', label: 'P(alive)', numeric: true, format: fmt.pct },
        { key: 'expectedPurchases', label: 'Expected purchases', numeric: true, format: fmt.num },
        { key: 'expectedSpendPerPurchase', label: 'Spend per purchase', numeric: true, format: fmt.money },
        { key: 'clv', label: 'CLV', numeric: true, format: fmt.money },
      ];
      p.ready(
        table({ columns, rows: r.rows, sort: { key: 'clv', dir: 'desc' }, caption: 'Customers and their lifetime value' }),
        pager(view, page, pages, `Page ${page + 1} of ${fmt.int(pages)}`),
      );
      p.setExport({ ...whole });
    });
  },
};
