// Fraud / anomalies: orders ranked by how unusual they are (isolation forest or one-class SVM), with the features that stand
// out, the spread of scores, and, where the data carries fraud labels (simulated data), the ranking's precision figures.
import { h, fmt, label } from '../dom.js';
import { kpi, table, toggle } from '../panel.js';
import { chart, axes, histogram } from '../charts.js';

const ANOMALIES = '/api/v1/analytics/anomalies/orders';
const LIMIT = 200;
const SHOWN = 50;
const BINS = 10;

export default {
  id: 'anomalies',
  title: 'Fraud / anomalies',
  role: 'analyst',
  filters: 'sales',
  intro: 'Every order of the period is scored; the most unusual come first. A high score is a reason to look, not proof.',
  render(view) {
    const method = view.param('method', 'isolation-forest');
    const controls = toggle(view, { param: 'method', fallback: 'isolation-forest', label: 'Method', options: [['isolation-forest', 'Isolation forest'], ['one-class-svm', 'One-class SVM']] });
    const figures = view.panel({ id: 'anomaly-figures', title: 'Screening', wide: true, controls, exportName: 'anomaly-screening' });
    const scores = view.panel({ id: 'anomaly-scores', title: `Scores of the ${LIMIT} most unusual orders`, exportName: 'anomaly-scores' });
    const ranking = view.panel({ id: 'anomaly-orders', title: 'Most unusual orders', wide: true, exportName: 'anomalous-orders', exportNote: 'A download holds every scored order of the period, most unusual first.' });
    const report = view.get(ANOMALIES, { ...view.filters(), method, limit: LIMIT });
    // the server's file: the whole ranking (limit only pages JSON) and the evaluation
    const whole = { endpoint: ANOMALIES, params: { ...view.filters(), method } };

    view.task(figures, async (p) => {
      const r = await report;
      if (!r.orders.length) return p.empty('No orders to screen in this period for these filters.');
      const e = r.evaluation;
      p.ready(h('div', { class: 'kpis' },
        kpi({ id: 'orders-scored', label: 'Orders scored', value: r.ordersScored, text: fmt.int(r.ordersScored) }),
        kpi({ id: 'training-orders', label: 'Training sample', value: r.trainingOrders, text: fmt.int(r.trainingOrders) }),
        e ? kpi({ id: 'roc-auc', label: 'ROC-AUC vs fraud labels', value: e.rocAuc, text: fmt.num(e.rocAuc) }) : null,
        e ? kpi({ id: 'average-precision', label: 'Average precision', value: e.averagePrecision, text: fmt.num(e.averagePrecision) }) : null,
        e ? kpi({ id: 'prevalence', label: `Labelled fraud (${fmt.int(e.labelledFraud)})`, value: e.prevalence, text: fmt.pct(e.prevalence) }) : null,
        kpi({ id: 'scoring-time', label: 'Training + scoring', value: r.timings.trainingMillis + r.timings.scoringMillis, text: `${fmt.num((r.timings.trainingMillis + r.timings.scoringMillis) / 1000)} s` }),
      ), e ? null : h('p', { class: 'muted' }, 'No fraud labels in these orders: precision cannot be measured.'));
      p.setExport({
        derivedFrom: whole,
        columns: ['method', 'ordersScored', 'trainingOrders', 'labelledFraud', 'rocAuc', 'averagePrecision', 'prevalence'].map((key) => ({ key })),
        rows: [{ method: r.method, ordersScored: r.ordersScored, trainingOrders: r.trainingOrders, ...(e || {}) }],
      });
    });

    view.task(scores, async (p) => {
      const r = await report;
      if (!r.orders.length) return p.empty('No orders to screen.');
      const { starts, counts } = histogram(r.orders.map((o) => o.score), BINS);
      const c = chart(p.ready(), {
        tooltip: { trigger: 'axis' },
        ...axes(starts.map(fmt.num), { name: 'orders' }),
        series: [{ name: 'Orders', type: 'bar', data: counts }],
      }, { height: 300, label: 'Histogram of anomaly scores' });
      p.setExport({ derivedFrom: whole, columns: [{ key: 'scoreFrom', value: (i) => starts[i] }, { key: 'orders', value: (i) => counts[i] }], rows: counts.map((_, i) => i) });
      await view.wait(c.done);
    });

    view.task(ranking, async (p) => {
      const r = await report;
      if (!r.orders.length) return p.empty('No orders to screen.');
      const rows = r.orders.slice(0, SHOWN).map((o, i) => ({ rank: i + 1, ...o }));
      const columns = [
        { key: 'rank', label: '#', numeric: true },
        { key: 'orderId', label: 'Order' },
        { key: 'customerId', label: 'Customer' },
        { key: 'orderedAt', label: 'Ordered', format: fmt.dateTime },
        { key: 'total', label: 'Total', numeric: true, format: fmt.money },
        { key: 'score', label: 'Score', numeric: true, format: fmt.num },
        { key: 'standouts', label: 'Stands out by', sortable: false, value: (o) => (o.standouts || []).slice(0, 3).map((s) => `${label(s.name)} ${fmt.num(s.value)} (z ${fmt.num(s.z)})`).join('; ') },
      ];
      p.ready(table({ columns, rows, sort: { key: 'rank', dir: 'asc' }, caption: `The ${SHOWN} most unusual orders` }));
      p.setExport({ ...whole });
    });
  },
};
