// Geography: a tile-grid map of the 27 states coloured by the chosen measure (a tile picks that state as the filter), revenue by
// region, and the region table.
import { h, fmt, label } from '../dom.js';
import { table, toggle } from '../panel.js';
import { chart, axes } from '../charts.js';
import { sequential, SEQUENTIAL } from '../palette.js';
import { STATES, REGIONS } from '../brazil.js';

const STATES_URL = '/api/v1/analytics/geo/states';
const REGIONS_URL = '/api/v1/analytics/geo/regions';
const MEASURES = { revenue: ['Revenue', fmt.money], orders: ['Orders', fmt.int], customers: ['Customers', fmt.int], averageTicket: ['Average ticket', fmt.money] };

export default {
  id: 'geography',
  title: 'Geography',
  role: 'viewer',
  filters: 'sales',
  render(view) {
    const measure = MEASURES[view.param('measure', 'revenue')] ? view.param('measure', 'revenue') : 'revenue';
    const [measureLabel, format] = MEASURES[measure];
    const map = view.panel({
      id: 'state-map',
      title: `${measureLabel} by state`,
      exportName: 'geo-states',
      note: 'One tile per state, placed roughly where it lies. Choose a tile to filter every tab by that state.',
      controls: toggle(view, { param: 'measure', fallback: 'revenue', label: 'Measure', options: Object.entries(MEASURES).map(([k, [t]]) => [k, t]) }),
    });
    const regionChart = view.panel({ id: 'region-chart', title: 'Revenue by region', exportName: 'geo-regions' });
    const regionTable = view.panel({ id: 'regions', title: 'Regions', wide: true, exportName: 'geo-regions' });

    view.task(map, async (p) => {
      const params = view.filters();
      const g = await view.get(STATES_URL, params);
      const byUf = new Map(g.areas.map((a) => [a.state, a]));
      if (!g.areas.some((a) => a.orders > 0)) return p.empty('No sales in this period for these filters.');
      const values = g.areas.map((a) => Number(a[measure]) || 0);
      const max = Math.max(...values) || 1;
      const selected = view.param('state', '');
      const grid = h('div', { class: 'tile-map', role: 'group', 'aria-label': `${measureLabel} by state` },
        STATES.map((s) => {
          const a = byUf.get(s.uf);
          const v = a ? Number(a[measure]) || 0 : 0;
          const colour = sequential(v / max);
          const tile = h('button', {
            type: 'button',
            class: `tile${selected === s.uf ? ' selected' : ''}`,
            'data-uf': s.uf,
            'data-value': String(v),
            'aria-pressed': String(selected === s.uf),
            title: `${s.name}: ${format(v)}`,
            'aria-label': `${s.name}, ${measureLabel.toLowerCase()} ${format(v)}`,
            onclick: () => view.set({ state: selected === s.uf ? null : s.uf }),
          }, h('span', { class: 'uf' }, s.uf), h('span', { class: 'v' }, measure === 'orders' || measure === 'customers' ? fmt.int(v) : fmt.moneyShort(v)));
          tile.style.gridColumn = String(s.col + 1);
          tile.style.gridRow = String(s.row + 1);
          tile.style.background = colour.background;
          tile.style.color = colour.text;
          return tile;
        }));
      const legend = h('div', { class: 'legend', 'aria-hidden': 'true' },
        h('span', {}, format(0)), ...SEQUENTIAL.map((c) => {
          const swatch = h('i');
          swatch.style.background = c;
          return swatch;
        }), h('span', {}, format(max)));
      p.ready(grid, legend);
      p.setExport({ endpoint: STATES_URL, params });
    });

    const regions = view.get(REGIONS_URL, view.filters());
    view.task(regionChart, async (p) => {
      const g = await regions;
      if (!g.areas.some((a) => a.orders > 0)) return p.empty('No sales in this period for these filters.');
      const names = new Map(REGIONS);
      const c = chart(p.ready(), {
        tooltip: { trigger: 'axis', valueFormatter: fmt.money },
        ...axes(g.areas.map((a) => names.get(a.region) || label(a.region)), { format: fmt.moneyShort }),
        series: [{ name: 'Revenue', type: 'bar', data: g.areas.map((a) => Number(a.revenue)), colorBy: 'data' }],
      }, { height: 300, label: 'Revenue by region' });
      p.setExport({ endpoint: REGIONS_URL, params: view.filters() });
      await view.wait(c.done);
    });

    view.task(regionTable, async (p) => {
      const g = await regions;
      if (!g.areas.some((a) => a.orders > 0)) return p.empty('No sales in this period for these filters.');
      const names = new Map(REGIONS);
      const columns = [
        { key: 'region', label: 'Region', format: (v) => names.get(v) || label(v) },
        { key: 'revenue', label: 'Revenue', numeric: true, format: fmt.money },
        { key: 'revenueShare', label: 'Share of revenue', numeric: true, format: fmt.pct },
        { key: 'orders', label: 'Orders', numeric: true, format: fmt.int },
        { key: 'orderShare', label: 'Share of orders', numeric: true, format: fmt.pct },
        { key: 'customers', label: 'Customers', numeric: true, format: fmt.int },
        { key: 'averageTicket', label: 'Average ticket', numeric: true, format: fmt.money },
      ];
      p.ready(table({ columns, rows: g.areas, sort: { key: 'revenue', dir: 'desc' }, caption: 'Sales by region' }));
      p.setExport({ endpoint: REGIONS_URL, params: view.filters() });
    });
  },
};
