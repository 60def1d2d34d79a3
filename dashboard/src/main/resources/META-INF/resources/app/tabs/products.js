// Products: the best sellers by quantity, revenue or profit; lifecycle stages (derived from the sales curve, compared with the
// recorded stage where one exists); product pairs bought together, by lift.
import { h, fmt, label } from '../dom.js';
import { table, toggle } from '../panel.js';
import { chart, axes } from '../charts.js';

const TOP = '/api/v1/analytics/products/top';
const LIFECYCLE = '/api/v1/analytics/products/lifecycle';
const PAIRS = '/api/v1/analytics/products/combinations';

export default {
  id: 'products',
  title: 'Products',
  role: 'viewer',
  filters: 'sales',
  render(view) {
    const by = view.param('by', 'revenue');
    const top = view.panel({
      id: 'top-products',
      title: 'Top 10 products',
      exportName: 'top-products',
      controls: toggle(view, { param: 'by', fallback: 'revenue', label: 'Rank by', options: [['quantity', 'Quantity'], ['revenue', 'Revenue'], ['profit', 'Profit']] }),
    });
    const stages = view.panel({ id: 'lifecycle-stages', title: 'Lifecycle stages', exportName: 'product-lifecycle' });
    const lifecycle = view.panel({ id: 'lifecycle', title: 'Products by lifecycle stage', wide: true, exportName: 'product-lifecycle-list' });
    const pairs = view.panel({ id: 'pairs', title: 'Bought together (by lift)', wide: true, exportName: 'product-pairs' });

    view.task(top, async (p) => {
      const params = { ...view.filters(), by, limit: 10 };
      const t = await view.get(TOP, params);
      if (!t.products.length) return p.empty('No products sold in this period for these filters.');
      const value = (x) => Number(by === 'quantity' ? x.quantity : by === 'profit' ? x.profit : x.revenue);
      const format = by === 'quantity' ? fmt.int : fmt.money;
      const c = chart(p.ready(), {
        tooltip: { trigger: 'axis', valueFormatter: format },
        ...axes(t.products.map((x) => x.name || `#${x.productId}`), { horizontal: true, format: by === 'quantity' ? fmt.int : fmt.moneyShort }),
        series: [{ name: label(by), type: 'bar', data: t.products.map(value) }],
      }, { height: 360, label: `Top products by ${by}` });
      p.setExport({ endpoint: TOP, params });
      await view.wait(c.done);
    });

    const lifeParams = { ...view.filters(), limit: 100 };
    const life = view.get(LIFECYCLE, lifeParams);
    view.task(stages, async (p) => {
      const l = await life;
      const entries = Object.entries(l.stages || {}).filter(([, n]) => n > 0);
      if (!entries.length) return p.empty('No products sold in this period for these filters.');
      const body = p.ready(l.agreement && l.agreement.rate !== null
        ? h('p', { class: 'muted' }, `The derived stage agrees with the recorded one for ${fmt.pct(l.agreement.rate)} of ${fmt.int(l.agreement.compared)} products.`)
        : null);
      const c = chart(body, {
        tooltip: { trigger: 'item' },
        legend: { bottom: 0 },
        series: [{ type: 'pie', radius: ['40%', '70%'], data: entries.map(([name, value]) => ({ name: label(name), value })), label: { formatter: '{b}: {c}' } }],
      }, { height: 300, label: 'Products per lifecycle stage' });
      // the answer's CSV is its product table: the stage counts are written here; Excel and PDF carry them as a sheet
      p.setExport({ derivedFrom: { endpoint: LIFECYCLE, params: lifeParams }, columns: [{ key: 'stage' }, { key: 'products' }], rows: entries.map(([stage, products]) => ({ stage, products })) });
      await view.wait(c.done);
    });

    view.task(lifecycle, async (p) => {
      const l = await life;
      if (!l.products.length) return p.empty('No products sold in this period for these filters.');
      const columns = [
        { key: 'name', label: 'Product' },
        { key: 'stage', label: 'Stage', format: label },
        { key: 'recordedStage', label: 'Recorded stage', format: label },
        { key: 'firstSaleDay', label: 'First sale', format: fmt.date },
        { key: 'lastSaleDay', label: 'Last sale', format: fmt.date },
        { key: 'quantity', label: 'Quantity', numeric: true, format: fmt.int },
        { key: 'recentQuantity', label: 'Last 120 days', numeric: true, format: fmt.int },
        { key: 'previousQuantity', label: '120 days before', numeric: true, format: fmt.int },
      ];
      p.ready(table({ columns, rows: l.products, caption: 'Products and their lifecycle stage' }));
      p.setExport({ endpoint: LIFECYCLE, params: lifeParams });
    });

    view.task(pairs, async (p) => {
      // the 20 pairs of highest lift among those bought together in at least three orders (the server's default by lift)
      const params = { ...view.filters(), limit: 20, sort: 'lift' };
      const r = await view.get(PAIRS, params);
      if (!r.pairs.length) return p.empty('No two products were bought together in this period.');
      const rows = r.pairs;
      const columns = [
        { key: 'nameA', label: 'Product A' },
        { key: 'nameB', label: 'Product B' },
        { key: 'orders', label: 'Orders together', numeric: true, format: fmt.int },
        { key: 'support', label: 'Support', numeric: true, format: (v) => fmt.pct(v) },
        { key: 'confidenceAtoB', label: 'Confidence A→B', numeric: true, format: fmt.pct },
        { key: 'confidenceBtoA', label: 'Confidence B→A', numeric: true, format: fmt.pct },
        { key: 'lift', label: 'Lift', numeric: true, format: fmt.num },
      ];
      p.ready(h('p', { class: 'muted' }, `${fmt.int(r.orders)} orders in the period; pairs bought together in at least ${fmt.int(r.minOrders)} of them.`), table({ columns, rows, sort: { key: 'lift', dir: 'desc' }, caption: 'Product pairs by lift' }));
      p.setExport({ endpoint: PAIRS, params });
    });
  },
};
