// Data & admin (admin only): start a simulation and follow it, start or stop the live order stream, upload Olist files or an
// order-lines file and read the import report, the data-quality report, and the users.
import { h, fmt, clear, label } from '../dom.js';
import { table, errorMessage } from '../panel.js';
import { chart, axes } from '../charts.js';
import * as api from '../api.js';

const SIMULATIONS = '/api/v1/simulations';
const STREAMS = '/api/v1/streams/orders';
const IMPORTS = '/api/v1/imports';
const QUALITY = '/api/v1/data-quality/report';
const USERS = '/api/v1/users';
const POLL_MS = 1000;
const ENDED = ['COMPLETED', 'FAILED', 'CANCELLED'];

const pathOf = (location) => new URL(location, window.location.href).pathname;
const wait = (ms, signal) => new Promise((resolve) => {
  const t = setTimeout(resolve, ms);
  signal.addEventListener('abort', () => clearTimeout(t), { once: true });
});

/** Follows a job (simulation or import) until it ends, showing its progress; answers its last state. */
async function follow(path, progress, text, signal) {
  for (;;) {
    const job = await api.get(path, {}, { signal, cached: false });
    progress.value = Number(job.percent) || 0;
    clear(text, `${job.status} · ${job.phase || ''} · ${fmt.num(job.percent)}%${job.elapsedSeconds !== undefined ? ` · ${fmt.num(job.elapsedSeconds)} s` : ''}`);
    text.dataset.status = job.status;
    if (ENDED.includes(job.status) || signal.aborted) return job;
    await wait(POLL_MS, signal);
  }
}

function field(id, text, attrs) {
  return h('label', { class: 'field', for: id }, text, h('input', { id, name: id, ...attrs }));
}

function countsTable(counts) {
  return table({
    columns: [{ key: 'table', label: 'Table' }, { key: 'rows', label: 'Rows', numeric: true, format: fmt.int }],
    rows: Object.entries(counts || {}).map(([t, rows]) => ({ table: t, rows })),
    caption: 'Rows written',
  });
}

function importReport(report) {
  if (!report) return null;
  const files = Object.entries(report.files || {}).map(([file, c]) => ({ file, ...c, rules: Object.entries(c.rejectedByRule || {}).map(([r, n]) => `${r}: ${n}`).join(', ') }));
  return h('div', { class: 'report', id: 'import-report' },
    h('p', {}, `Read ${fmt.int(report.totals.read)} rows: ${fmt.int(report.totals.loaded)} loaded, ${fmt.int(report.totals.rejected)} rejected.`),
    table({
      columns: [
        { key: 'file', label: 'File' },
        { key: 'read', label: 'Read', numeric: true, format: fmt.int },
        { key: 'loaded', label: 'Loaded', numeric: true, format: fmt.int },
        { key: 'rejected', label: 'Rejected', numeric: true, format: fmt.int },
        { key: 'rules', label: 'Rejected by rule', sortable: false },
      ],
      rows: files,
      caption: 'Import report by file',
    }),
    report.rejectedRows && report.rejectedRows.length ? table({
      columns: ['file', 'row', 'key', 'rule', 'reason'].map((key) => ({ key, label: label(key) })),
      rows: report.rejectedRows.slice(0, 20),
      caption: 'First rejected rows',
    }) : null);
}

export default {
  id: 'admin',
  title: 'Data & admin',
  role: 'admin',
  filters: 'none',
  render(view) {
    simulation(view);
    liveStream(view);
    imports(view);
    quality(view);
    users(view);
  },
};

function simulation(view) {
  const p = view.panel({ id: 'simulation', title: 'Simulate a store' });
  const progress = h('progress', { id: 'sim-progress', max: '100', value: '0' });
  const text = h('p', { id: 'sim-status', role: 'status' });
  const result = h('div');
  const form = h('form', { id: 'sim-form', class: 'form' },
    field('sim-years', 'Years', { type: 'number', min: '1', max: '20', placeholder: '5' }),
    field('sim-customers', 'Customers per year', { type: 'number', min: '1', placeholder: '2000' }),
    field('sim-products', 'Products per year', { type: 'number', min: '1', placeholder: '200' }),
    field('sim-seed', 'Seed', { type: 'number', placeholder: '42' }),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'sim-replace' }), ' Replace the data held now'),
    h('button', { type: 'submit' }, 'Start simulation'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = {};
    [['sim-years', 'years'], ['sim-customers', 'customersPerYear'], ['sim-products', 'productsPerYear'], ['sim-seed', 'seed']].forEach(([id, key]) => {
      const v = form.querySelector(`#${id}`).value;
      if (v !== '') body[key] = Number(v);
    });
    body.replace = form.querySelector('#sim-replace').checked;
    clear(result);
    try {
      const { location } = await api.post(SIMULATIONS, body);
      const job = await follow(pathOf(location), progress, text, view.signal);
      clear(result, job.error ? h('p', { class: 'error', role: 'alert' }, job.error) : countsTable(job.counts));
    } catch (err) {
      clear(result, errorMessage(err));
    }
  });
  view.task(p, async () => {
    const recent = await view.get(SIMULATIONS, { limit: 5 });
    const last = recent[0];
    p.ready(form, progress, text, result, recent.length ? table({
      columns: [
        { key: 'id', label: 'Run' },
        { key: 'status', label: 'Status' },
        { key: 'percent', label: '%', numeric: true, format: fmt.num },
        { key: 'elapsedSeconds', label: 'Seconds', numeric: true, format: fmt.num },
      ],
      rows: recent,
      caption: 'Recent simulations',
    }) : h('p', { class: 'muted' }, 'No simulation has run yet.'));
    if (last && !ENDED.includes(last.status)) follow(`${SIMULATIONS}/${last.id}`, progress, text, view.signal).catch(() => {});
  });
}

function liveStream(view) {
  const p = view.panel({ id: 'stream', title: 'Live order stream' });
  const state = h('p', { id: 'stream-status', role: 'status' });
  const show = async () => {
    const s = await api.get(STREAMS, {}, { signal: view.signal, cached: false });
    clear(state, s.running ? `Running at ${s.rate}/s: ${fmt.int(s.inserted)} orders inserted, ${fmt.int(s.published)} published.` : `Stopped (${fmt.int(s.inserted || 0)} orders inserted by the last one).`);
  };
  const form = h('form', { class: 'form', id: 'stream-form' },
    field('stream-rate', 'Orders per second', { type: 'number', min: '1', max: '500', value: '5', required: true }),
    field('stream-duration', 'Seconds', { type: 'number', min: '1', max: '86400', value: '300', required: true }),
    h('button', { type: 'submit' }, 'Start'),
    h('button', {
      type: 'button',
      onclick: async () => {
        await api.del(STREAMS).catch((err) => clear(state, errorMessage(err)));
        show().catch(() => {});
      },
    }, 'Stop'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api.post(STREAMS, { ordersPerSecond: Number(form.querySelector('#stream-rate').value), durationSeconds: Number(form.querySelector('#stream-duration').value) });
      await show();
    } catch (err) {
      clear(state, errorMessage(err));
    }
  });
  view.task(p, async () => {
    await show();
    p.ready(form, state);
  });
}

function imports(view) {
  const p = view.panel({ id: 'imports', title: 'Import data', wide: true });
  const upload = h('progress', { id: 'upload-progress', max: '100', value: '0' });
  const job = h('progress', { id: 'import-progress', max: '100', value: '0' });
  const text = h('p', { id: 'import-status', role: 'status' });
  const result = h('div');
  const run = async (path, form) => {
    clear(result);
    clear(text, 'Uploading…');
    try {
      const { location } = await api.upload(path, form, (share) => (upload.value = share * 100));
      upload.value = 100;
      const done = await follow(pathOf(location), job, text, view.signal);
      clear(result, done.error ? h('p', { class: 'error', role: 'alert' }, done.error) : null, importReport(done.report));
    } catch (err) {
      clear(result, errorMessage(err));
    }
  };
  const olist = h('form', { class: 'form', id: 'olist-form' },
    h('label', { class: 'field', for: 'olist-files' }, 'Olist CSV files (csv or csv.gz; pick the folder’s files)',
      h('input', { id: 'olist-files', type: 'file', multiple: true, accept: '.csv,.gz', required: true })),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'olist-replace' }), ' Replace the data held now'),
    h('button', { type: 'submit' }, 'Upload Olist files'));
  olist.addEventListener('submit', (e) => {
    e.preventDefault();
    const form = new FormData();
    for (const file of olist.querySelector('#olist-files').files) form.append(file.name, file, file.name);
    form.append('replace', String(olist.querySelector('#olist-replace').checked));
    run(`${IMPORTS}/olist`, form);
  });
  const lines = h('form', { class: 'form', id: 'lines-form' },
    h('label', { class: 'field', for: 'lines-file' }, 'Order-lines file (UCI Online Retail shape)', h('input', { id: 'lines-file', type: 'file', accept: '.csv,.gz', required: true })),
    field('lines-date-format', 'Date format', { placeholder: 'yyyy-MM-dd HH:mm:ss' }),
    h('label', { class: 'field', for: 'lines-mapping' }, 'Column mapping (JSON, optional)', h('textarea', { id: 'lines-mapping', rows: '2', placeholder: '{"invoice": "Invoice"}' })),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'lines-replace' }), ' Replace the data held now'),
    h('button', { type: 'submit' }, 'Upload order lines'));
  lines.addEventListener('submit', (e) => {
    e.preventDefault();
    const form = new FormData();
    form.append('file', lines.querySelector('#lines-file').files[0]);
    form.append('replace', String(lines.querySelector('#lines-replace').checked));
    const dateFormat = lines.querySelector('#lines-date-format').value.trim();
    const mapping = lines.querySelector('#lines-mapping').value.trim();
    if (dateFormat) form.append('dateFormat', dateFormat);
    if (mapping) form.append('mapping', mapping);
    run(`${IMPORTS}/order-lines`, form);
  });
  view.task(p, async () => {
    p.ready(h('div', { class: 'two' }, olist, lines),
      h('div', { class: 'progress-row' }, h('label', { for: 'upload-progress' }, 'Upload'), upload),
      h('div', { class: 'progress-row' }, h('label', { for: 'import-progress' }, 'Import'), job),
      text, result);
  });
}

/**
 * The data-quality report profiles every table (completeness, quartiles, integrity, duplicates, coverage): tens of full scans
 * and sorts, about 50 s at 1M orders. It runs only when the admin asks for it, so the tab opens at once.
 */
function quality(view) {
  const p = view.panel({ id: 'quality', title: 'Data quality', wide: true, exportName: 'data-quality' });
  const note = 'The check reads every row of every table (about a minute at a million orders).';
  const start = (text) => h('button', { type: 'button', id: 'quality-run', onclick: () => run() }, text);
  const run = async () => {
    p.loading(`Checking every table… ${note}`);
    try {
      const r = await api.get(QUALITY, {}, { signal: view.signal, cached: false });
      show(r);
    } catch (err) {
      if (!view.signal.aborted) p.error(err, run);
    }
  };
  const show = (r) => {
    const rows = Object.values(r.rows || {}).reduce((a, b) => a + b, 0);
    if (!rows) {
      p.empty('The store is empty: load or simulate data first.', start('Check again'));
      return;
    }
    const checks = [...(r.integrity || []), ...(r.duplicates || [])];
    const incomplete = [...(r.completeness || [])].sort((a, b) => a.share - b.share).slice(0, 10);
    const months = Object.entries(r.coverage?.ordersPerMonth || {});
    const body = p.ready(
      h('p', {}, `Generated ${fmt.dateTime(r.generatedAt)}. Orders from ${fmt.date(r.coverage?.firstOrderAt)} to ${fmt.date(r.coverage?.lastOrderAt)}; ${fmt.int(r.ordersWithoutItems?.count)} without items, ${fmt.int(r.ordersWithoutPayments?.count)} without payments. `, start('Check again')),
      h('div', { class: 'two' },
        table({ columns: [{ key: 'table', label: 'Table' }, { key: 'rows', label: 'Rows', numeric: true, format: fmt.int }], rows: Object.entries(r.rows).map(([t, n]) => ({ table: t, rows: n })), caption: 'Rows per table' }),
        table({ columns: [{ key: 'name', label: 'Check' }, { key: 'description', label: 'What it counts', sortable: false }, { key: 'count', label: 'Rows breaking it', numeric: true, format: fmt.int }], rows: checks, caption: 'Integrity and duplicates' })),
      table({ columns: [{ key: 'table', label: 'Table' }, { key: 'column', label: 'Column' }, { key: 'share', label: 'Filled', numeric: true, format: fmt.pct }], rows: incomplete, caption: 'Least complete columns' }),
    );
    // the simulator writes the whole report as CSV (section, subject, metric, value) by checking again; no Excel or PDF
    p.setExport({ endpoint: QUALITY, params: {}, filterKind: 'none' });
    if (months.length) {
      chart(body, {
        tooltip: { trigger: 'axis' },
        ...axes(months.map(([m]) => m), { name: 'orders' }),
        series: [{ name: 'Orders', type: 'bar', data: months.map(([, n]) => n) }],
      }, { height: 240, label: 'Orders per month' });
    }
  };
  view.task(p, async () => {
    p.ready(h('p', { class: 'muted' }, `Completeness, distributions, integrity, duplicates and date coverage of the data held now. ${note}`),
      start('Check data quality'));
  });
}

function users(view) {
  const p = view.panel({ id: 'users', title: 'Users', wide: true, exportName: 'users' });
  const message = h('p', { role: 'status' });
  const form = h('form', { class: 'form', id: 'user-form' },
    field('user-name', 'User name', { required: true, pattern: '[A-Za-z0-9._@-]+', autocomplete: 'off' }),
    field('user-password', 'Password (10 characters or more)', { type: 'password', minlength: '10', required: true, autocomplete: 'new-password' }),
    h('label', { class: 'field', for: 'user-role' }, 'Role', h('select', { id: 'user-role' }, ['viewer', 'analyst', 'admin'].map((r) => h('option', { value: r }, r)))),
    h('button', { type: 'submit' }, 'Add user'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api.post(USERS, { username: form.querySelector('#user-name').value, password: form.querySelector('#user-password').value, role: form.querySelector('#user-role').value });
      view.rerender();
    } catch (err) {
      clear(message, errorMessage(err));
    }
  });
  view.task(p, async () => {
    const list = await api.get(USERS, {}, { signal: view.signal, cached: false });
    const columns = [
        { key: 'id', label: 'Id', numeric: true },
        { key: 'username', label: 'User name' },
        { key: 'role', label: 'Role' },
        { key: 'enabled', label: 'Enabled', format: (v) => (v ? 'yes' : 'no') },
        { key: 'createdAt', label: 'Created', format: fmt.dateTime },
    ];
    p.ready(table({ columns, rows: list, caption: 'Users' }), form, message);
    p.setExport({ filterKind: 'none', columns, rows: list });
  });
}
