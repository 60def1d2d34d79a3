// The building blocks of a tab: a panel with its loading, empty, error and ready states and its download buttons, a sortable
// table, a KPI card.
import { h, clear, fmt } from './dom.js';
import * as auth from './auth.js';
import { ApiError } from './api.js';
import { FORMATS, EXPORT_ROLE, formatsFor, download } from './exports.js';

/**
 * A panel: <section data-panel=id data-state=loading|empty|error|ready>. exportName enables downloads: setExport() says what
 * the panel shows, and the panel offers a button for each format that can be delivered (exports.formatsFor). exportNote is
 * added to the note for the users who see the buttons.
 */
export function panel({ id, title, note = '', wide = false, exportName = null, exportNote = '', controls = null }) {
  const body = h('div', { class: 'panel-body' });
  const actions = h('div', { class: 'panel-actions' });
  const exporting = exportName && auth.hasRole(EXPORT_ROLE);
  const notes = [note, exporting ? exportNote : ''].filter(Boolean).join(' ');
  const el = h(
    'section',
    { class: `panel${wide ? ' wide' : ''}`, 'data-panel': id, 'data-state': 'loading', 'aria-busy': 'true', 'aria-labelledby': `${id}-title` },
    h('header', { class: 'panel-head' }, h('h2', { id: `${id}-title` }, title), controls, actions),
    notes ? h('p', { class: 'panel-note' }, notes) : null,
    body,
  );
  let spec = null;
  let offered = '';
  const button = ({ id: format, derived }) => {
    const f = FORMATS[format];
    const hint = derived ? `the ${f.label} file of the answer this is drawn from` : null;
    return h('button', {
      type: 'button',
      class: 'export',
      'data-export': format,
      'data-derived': derived ? 'true' : null,
      title: hint ? `Download ${hint}` : null,
      'aria-label': `Download ${title} as ${f.label}${hint ? ` (${hint})` : ''}`,
      onclick: async (e) => {
        const b = e.currentTarget;
        b.disabled = true;
        b.setAttribute('aria-busy', 'true');
        try {
          await download({ name: exportName, ...spec }, format);
        } catch (err) {
          body.prepend(h('p', { class: 'inline-error', role: 'alert' }, `Download failed: ${err.message}`));
        } finally {
          b.disabled = false;
          b.removeAttribute('aria-busy');
        }
      },
    }, `⤓ ${f.label}`);
  };
  const state = (name, ...children) => {
    el.dataset.state = name;
    el.setAttribute('aria-busy', String(name === 'loading'));
    clear(body, ...children);
    return body;
  };
  return {
    el,
    body,
    loading: (message = 'Loading…') => state('loading', h('div', { class: 'skeleton', role: 'status' }, message)),
    empty: (message = 'No data for these filters.', ...more) => state('empty', h('p', { class: 'empty', role: 'status' }, message), ...more),
    error: (err, retry) => state('error', errorMessage(err, retry)),
    ready: (...children) => state('ready', ...children),
    /**
     * What the downloads deliver: {endpoint, params} of the answer shown, or derivedFrom {endpoint, params} for rows computed
     * here, and columns/rows for a CSV written here; filterKind names the file when the server does not. The buttons are
     * drawn again only when the formats change (the Live tab sets its rows with every event).
     */
    setExport(next) {
      spec = next;
      if (!exporting) return;
      const formats = formatsFor(next);
      const key = formats.map((f) => `${f.id}${f.derived ? '*' : ''}`).join(',');
      if (key !== offered) {
        offered = key;
        clear(actions, formats.map(button));
      }
    },
  };
}

/** What went wrong, in words; a 403 names the role needed (from the problem body). */
export function errorMessage(err, retry) {
  const user = auth.user();
  if (err instanceof ApiError && err.status === 403) {
    return h(
      'div',
      { class: 'error role-needed', role: 'alert' },
      h('p', {}, err.neededRole
        ? ['This needs the ', h('strong', {}, err.neededRole), ` role; you are signed in as ${user ? user.role : 'nobody'}.`]
        : 'You are not allowed to see this.'),
      h('p', { class: 'detail' }, err.message),
    );
  }
  const what = err instanceof ApiError
    ? err.status === 0 ? 'The server cannot be reached.' : `The server answered ${err.status}: ${err.message}`
    : `Something failed: ${err.message}`;
  return h(
    'div',
    { class: 'error', role: 'alert' },
    h('p', {}, what),
    err?.problem?.requestId ? h('p', { class: 'detail' }, `Request id ${err.problem.requestId}`) : null,
    retry ? h('button', { type: 'button', onclick: retry }, 'Try again') : null,
  );
}

/**
 * A table. columns: [{key, label, format, numeric, value(row)}]. Sorted here by clicking a header, unless onSort is given
 * (then the server sorts and sort names the current key).
 */
export function table({ columns, rows, caption = '', sort = null, onSort = null, sortable = true, rowAttrs = null }) {
  let current = sort || { key: null, dir: 'desc' };
  const tbody = h('tbody');
  const valueOf = (c, row) => (c.value ? c.value(row) : row[c.key]);
  const draw = () => {
    let shown = rows;
    if (!onSort && current.key) {
      const c = columns.find((col) => col.key === current.key);
      const sign = current.dir === 'asc' ? 1 : -1;
      shown = [...rows].sort((a, b) => {
        const x = valueOf(c, a);
        const y = valueOf(c, b);
        const nx = Number(x);
        const ny = Number(y);
        if (x !== null && y !== null && x !== '' && y !== '' && !Number.isNaN(nx) && !Number.isNaN(ny)) return sign * (nx - ny);
        return sign * String(x ?? '').localeCompare(String(y ?? ''));
      });
    }
    clear(tbody, shown.map((row) => h('tr', rowAttrs ? rowAttrs(row) : {}, columns.map((c) => {
      const v = valueOf(c, row);
      return h('td', { class: c.numeric ? 'num' : null }, c.format ? c.format(v, row) : fmt.text(v));
    }))));
  };
  const head = h('tr', {}, columns.map((c) => {
    const canSort = sortable && c.sortable !== false && (!onSort || c.serverSort);
    const th = h('th', { scope: 'col', class: c.numeric ? 'num' : null });
    if (canSort) {
      const active = current.key === c.key;
      th.setAttribute('aria-sort', active ? (current.dir === 'asc' ? 'ascending' : 'descending') : 'none');
      th.append(h('button', {
        type: 'button',
        class: 'sort',
        onclick: () => {
          const dir = current.key === c.key && current.dir === 'desc' ? 'asc' : 'desc';
          if (onSort) {
            onSort(c.serverSort);
            return;
          }
          current = { key: c.key, dir };
          head.querySelectorAll('th').forEach((x) => x.getAttribute('aria-sort') && x.setAttribute('aria-sort', 'none'));
          th.setAttribute('aria-sort', dir === 'asc' ? 'ascending' : 'descending');
          draw();
        },
      }, c.label));
    } else {
      th.append(c.label);
    }
    return th;
  }));
  draw();
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption || 'table' },
    h('table', {}, caption ? h('caption', {}, caption) : null, h('thead', {}, head), tbody));
}

/** A KPI card: data-kpi=id and data-value (the API's exact number) for tests and scrapers. */
export function kpi({ id, label, value, text, comparisons = [] }) {
  return h(
    'div',
    { class: 'kpi', 'data-kpi': id, 'data-value': value === null || value === undefined ? '' : String(value) },
    h('div', { class: 'kpi-label' }, label),
    h('div', { class: 'kpi-value' }, text),
    comparisons.map((c) => h('div', {
      class: `kpi-growth ${c.value > 0 ? 'up' : c.value < 0 ? 'down' : ''}`,
    }, h('span', { 'aria-hidden': 'true' }, c.value > 0 ? '▲ ' : c.value < 0 ? '▼ ' : ''), `${fmt.growth(c.value)} ${c.label}`)),
  );
}

/** A row of buttons choosing one value of a URL parameter (granularity, metric, method...). */
export function toggle(view, { param, options, fallback, label }) {
  const chosen = view.param(param, fallback);
  return h('div', { class: 'toggle', role: 'group', 'aria-label': label },
    options.map(([value, text]) => h('button', {
      type: 'button',
      'data-value': value,
      'aria-pressed': String(value === chosen),
      onclick: () => view.set({ [param]: value === fallback ? null : value }),
    }, text)));
}

/** Previous/next buttons of a paged list; the page (from 0) is the URL parameter "page". */
export function pager(view, page, pages, text) {
  return h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('button', { type: 'button', disabled: page === 0, onclick: () => view.set({ page: page - 1 || null }) }, '‹ Previous'),
    h('span', {}, text),
    h('button', { type: 'button', disabled: page + 1 >= pages, onclick: () => view.set({ page: page + 1 }) }, 'Next ›'));
}
