// Forecast: weekly revenue history and the forecast with its 80% and 95% bands, the model (chosen by backtest or picked),
// and the rolling-origin backtest of every candidate.
import { h, fmt, label } from '../dom.js';
import { table, toggle } from '../panel.js';
import { chart } from '../charts.js';
import { BAND_80, BAND_95 } from '../palette.js';

const FORECAST = '/api/v1/analytics/forecast/revenue';
const SERIES = '/api/v1/analytics/financial/timeseries';
/** Weeks of history drawn before the forecast. */
const HISTORY_WEEKS = 104;

export default {
  id: 'forecast',
  title: 'Forecast',
  role: 'analyst',
  filters: 'sales',
  render(view) {
    const model = view.param('model', 'auto');
    const horizon = view.param('horizon', '8');
    const main = view.panel({
      id: 'forecast-chart',
      title: 'Weekly revenue: history and forecast',
      wide: true,
      exportName: 'revenue-forecast',
      controls: [
        toggle(view, { param: 'model', fallback: 'auto', label: 'Model', options: [['auto', 'Best by backtest'], ['holt-winters', 'Holt-Winters'], ['seasonal-naive', 'Seasonal naive'], ['polynomial', 'Polynomial']] }),
        toggle(view, { param: 'horizon', fallback: '8', label: 'Weeks ahead', options: [['4', '4 weeks'], ['8', '8 weeks'], ['13', '13 weeks'], ['26', '26 weeks']] }),
      ],
    });
    const backtest = view.panel({ id: 'backtest', title: 'Backtest of the candidates', wide: true, exportName: 'forecast-backtest' });
    const params = { ...view.filters(), horizonWeeks: horizon, model };
    const result = view.get(FORECAST, params);

    view.task(main, async (p) => {
      const f = await result;
      if (!f.forecast.length) return p.empty('Not enough weekly history to forecast for these filters.');
      const from = new Date(`${f.history.lastWeek}T00:00:00`);
      from.setDate(from.getDate() - 7 * (HISTORY_WEEKS - 1));
      const seriesFrom = [view.filters().from, f.history.firstWeek, from.toISOString().slice(0, 10)].filter(Boolean).sort().at(-1);
      const t = await view.get(SERIES, { ...view.filters(), from: seriesFrom, to: view.filters().to, granularity: 'week' });
      const history = t.points.filter((x) => x.period <= f.history.lastWeek);
      const weeks = [...history.map((x) => x.period), ...f.forecast.map((w) => w.weekStart)];
      const pad = Array(history.length).fill(null);
      const band = (lower, upper) => [
        [...pad, ...f.forecast.map((w) => Number(w[lower]))],
        [...pad, ...f.forecast.map((w) => Number(w[upper]) - Number(w[lower]))],
      ];
      const [b95lo, b95w] = band('lower95', 'upper95');
      const [b80lo, b80w] = band('lower80', 'upper80');
      const body = p.ready(h('p', { class: 'muted', 'data-model': f.model },
        `Model: ${label(f.model)}${f.variant ? ` (${f.variant})` : ''}${f.requestedModel === 'auto' ? ', chosen by the lowest backtest error' : ''}; ${f.history.weeks} weeks of history; intervals: ${f.intervalMethod}.`));
      const c = chart(body, {
        tooltip: { trigger: 'axis', valueFormatter: fmt.money },
        legend: { top: 0, data: ['Revenue', 'Forecast', '80% band', '95% band'] },
        xAxis: { type: 'category', data: weeks, boundaryGap: false },
        yAxis: { type: 'value', axisLabel: { formatter: fmt.moneyShort } },
        series: [
          { name: '95% low', type: 'line', stack: '95', data: b95lo, lineStyle: { opacity: 0 }, symbol: 'none', tooltip: { show: false } },
          { name: '95% band', type: 'line', stack: '95', data: b95w, lineStyle: { opacity: 0 }, symbol: 'none', areaStyle: { color: BAND_95 }, color: BAND_95 },
          { name: '80% low', type: 'line', stack: '80', data: b80lo, lineStyle: { opacity: 0 }, symbol: 'none', tooltip: { show: false } },
          { name: '80% band', type: 'line', stack: '80', data: b80w, lineStyle: { opacity: 0 }, symbol: 'none', areaStyle: { color: BAND_80 }, color: BAND_80 },
          { name: 'Revenue', type: 'line', showSymbol: false, data: [...history.map((x) => Number(x.metrics.revenue)), ...f.forecast.map(() => null)], color: '#000000' },
          { name: 'Forecast', type: 'line', data: [...pad.slice(1), history.length ? Number(history.at(-1).metrics.revenue) : null, ...f.forecast.map((w) => Number(w.revenue))].slice(0, weeks.length), lineStyle: { type: 'dashed' }, color: '#D55E00' },
        ],
      }, { height: 360, label: 'Weekly revenue with forecast and 80/95% bands' });
      p.setExport({ endpoint: FORECAST, params });
      await view.wait(c.done);
    });

    view.task(backtest, async (p) => {
      const f = await result;
      if (!f.candidates || !f.candidates.length) return p.empty('No backtest: too little history.');
      const columns = [
        { key: 'model', label: 'Model', format: (v) => (v === f.model ? `${label(v)} ✓ chosen` : label(v)) },
        { key: 'variant', label: 'Scored as' },
        { key: 'origins', label: 'Origins', numeric: true },
        // MAPE and sMAPE come in percent, the coverages as shares
        { key: 'mape', label: 'MAPE', numeric: true, format: (v) => (v == null ? '–' : fmt.pct(v / 100)) },
        { key: 'smape', label: 'sMAPE', numeric: true, format: (v) => (v == null ? '–' : fmt.pct(v / 100)) },
        { key: 'mase', label: 'MASE', numeric: true, format: fmt.num },
        { key: 'coverage80', label: 'In 80% band', numeric: true, format: fmt.pct },
        { key: 'coverage95', label: 'In 95% band', numeric: true, format: fmt.pct },
      ];
      const leftOut = f.candidates.filter((c) => c.leftOut);
      p.ready(
        h('p', { class: 'muted' }, 'Rolling-origin backtest over the last weeks, each model as it forecasts this history: lower is better; MASE below 1 beats the naive forecast; a well-calibrated band holds about 80% and 95% of the weeks.'),
        ...leftOut.map((c) => h('p', { class: 'muted' }, `${label(c.model)} left out: ${c.leftOut}.`)),
        table({ columns, rows: f.candidates, sort: { key: 'mase', dir: 'asc' }, caption: 'Backtest errors by model' }),
      );
      // the answer's CSV is the forecast: the backtest is written here; Excel and PDF carry it as a sheet
      p.setExport({ derivedFrom: { endpoint: FORECAST, params }, columns: columns.map((c) => ({ key: c.key })), rows: f.candidates });
    });
  },
};
