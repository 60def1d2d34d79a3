// The shell: log-in page, header, tab navigation, global filters, and the rendering of the current tab with its render marker
// (data-rendered="true" on the tab once every panel has drawn, failed or found nothing).
import { h, clear } from './dom.js';
import * as auth from './auth.js';
import * as api from './api.js';
import * as route from './route.js';
import { disposeDetached } from './charts.js';
import { panel as makePanel } from './panel.js';
import { TABS } from './tabs/index.js';
import { REGIONS, STATES } from './brazil.js';

const app = document.getElementById('app');
let shell = null;
let generation = 0;
let controller = null;
let shown = { tab: null, filters: null };
let sessionEndedNotice = '';

// ---- log-in -------------------------------------------------------------------------------------------------------------

function showLogin() {
  shell = null;
  shown = { tab: null, filters: null };
  controller?.abort();
  const error = h('p', { id: 'login-error', class: 'login-error', role: 'alert', hidden: !sessionEndedNotice }, sessionEndedNotice);
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', id: 'login-submit' }, 'Log in');
  const form = h('form', {
    id: 'login-form',
    class: 'login-card',
    onsubmit: async (e) => {
      e.preventDefault();
      submit.disabled = true;
      error.hidden = true;
      try {
        await auth.login(username.value.trim(), password.value);
        sessionEndedNotice = '';
        if (!route.current().tab) history.replaceState(null, '', route.hrefForTab('overview'));
        render();
      } catch (err) {
        error.textContent = err.message;
        error.hidden = false;
        password.select();
      } finally {
        submit.disabled = false;
      }
    },
  },
  h('h1', {}, 'ecommerce-analytics'),
  h('p', { class: 'muted' }, 'Log in to see the store’s figures.'),
  h('label', { for: 'username' }, 'User name'), username,
  h('label', { for: 'password' }, 'Password'), password,
  error, submit);
  clear(app, h('main', { id: 'main', class: 'login', tabindex: '-1' }, form));
  username.focus();
}

auth.onChange((session) => {
  if (!session && shell) {
    sessionEndedNotice = 'Your session has ended. Please log in again.';
    showLogin();
  }
});

// ---- shell --------------------------------------------------------------------------------------------------------------

function buildShell() {
  const user = auth.user();
  const nav = h('nav', { class: 'tabs', 'aria-label': 'Dashboard tabs' }, h('ul', {},
    TABS.filter((t) => auth.hasRole(t.role)).map((t) => h('li', {}, h('a', { href: route.hrefForTab(t.id), 'data-tab': t.id }, t.title)))));
  const filters = h('form', { class: 'filters', id: 'filters', 'aria-label': 'Filters', onsubmit: (e) => e.preventDefault() });
  const main = h('main', { id: 'main', tabindex: '-1' });
  const header = h('header', { class: 'top' },
    h('a', { class: 'brand', href: route.hrefForTab('overview') }, 'ecommerce-analytics'),
    h('span', { class: 'who', id: 'who' }, `${user.username} · ${user.role}`),
    h('button', {
      type: 'button',
      id: 'logout',
      onclick: async () => {
        await auth.logout();
        sessionEndedNotice = '';
        showLogin();
      },
    }, 'Log out'));
  clear(app, header, nav, filters, main);
  return { nav, filters, main };
}

function select(id, labelText, options, value, onChange) {
  return h('label', { class: 'field', for: id }, labelText,
    h('select', { id, name: id, onchange: (e) => onChange(e.target.value) },
      options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
}

function drawFilters(form, tab) {
  const f = route.filters();
  const fields = [
    select('f-range', 'Period', route.PRESETS.map((p) => [p.id, p.label]), f.range, (v) => {
      const { from, to } = route.period(route.filters());
      route.update(v === 'custom' ? { range: v, from: from || null, to: to || null } : { range: v === 'all' ? null : v, from: null, to: null });
    }),
  ];
  if (f.range === 'custom') {
    const date = (id, key, text) => h('label', { class: 'field', for: id }, text,
      h('input', { id, type: 'date', value: f[key], onchange: (e) => route.update({ [key]: e.target.value || null }) }));
    fields.push(date('f-from', 'from', 'From'), date('f-to', 'to', 'To'));
  }
  fields.push(
    select('f-state', 'State', [['', 'All states'], ...STATES.map((s) => [s.uf, `${s.uf} · ${s.name}`])], f.state, (v) => route.update({ state: v || null })),
    select('f-region', 'Region', [['', 'All regions'], ...REGIONS], f.region, (v) => route.update({ region: v || null })),
    h('label', { class: 'field', for: 'f-category' }, 'Category',
      h('input', {
        id: 'f-category',
        type: 'search',
        list: 'categories',
        value: f.category,
        placeholder: 'All categories',
        onchange: (e) => route.update({ category: e.target.value.trim() || null }),
        // suggestions only when wanted: a tab's own calls come first
        onfocus: () => fillCategories(form.querySelector('#categories')),
      })),
    h('datalist', { id: 'categories' }),
  );
  const note = tab.filters === 'none' ? 'The filters do not apply to this tab.' : '';
  clear(form, fields, note ? h('p', { class: 'filter-note' }, note) : null);
  if (categories) fillCategories(form.querySelector('#categories'));
}

let categories = null;
/** Category suggestions: the categories of the best-selling products (free text is accepted too). */
function fillCategories(list) {
  if (!categories) {
    categories = api.get('/api/v1/analytics/products/top', { by: 'revenue', limit: 100 }, { cached: false })
      .then((top) => [...new Set(top.products.map((p) => p.category).filter(Boolean))].sort())
      .catch(() => []);
  }
  categories.then((names) => list.isConnected && clear(list, names.map((n) => h('option', { value: n }))));
}

// ---- tabs ---------------------------------------------------------------------------------------------------------------

async function settled(tasks) {
  let seen;
  do {
    seen = tasks.length;
    await Promise.allSettled(tasks.slice());
  } while (tasks.length !== seen);
}

function renderTab(tab, main) {
  controller?.abort();
  controller = new AbortController();
  const mine = ++generation;
  const signal = controller.signal;
  const grid = h('div', { class: 'panels' });
  const section = h('section', { class: 'tab', id: `tab-${tab.id}`, 'data-tab': tab.id, 'data-rendered': 'false', 'aria-labelledby': 'tab-title' },
    h('h1', { id: 'tab-title' }, tab.title),
    tab.intro ? h('p', { class: 'intro' }, tab.intro) : null,
    auth.hasRole(tab.role) ? null : h('p', { class: 'error role-needed', role: 'alert' },
      'This tab needs the ', h('strong', {}, tab.role), ` role; you are signed in as ${auth.user().role}.`),
    grid);
  clear(main, section);
  disposeDetached();
  const tasks = [];
  const params = route.current().params;
  const view = {
    root: section,
    grid,
    signal,
    role: auth.user().role,
    hasRole: auth.hasRole,
    param: (key, fallback = '') => params.get(key) || fallback,
    set: (changes) => route.update(changes),
    filters: (kind = tab.filters) => route.apiFilters(kind),
    get: (path, query) => api.get(path, query, { signal }),
    rerender: () => renderTab(tab, main),
    panel(opts, where = grid) {
      const made = makePanel(opts);
      where.append(made.el);
      return made;
    },
    /** Runs a panel's loading: fn(panel) draws it; an error shows in the panel with a retry. */
    task(p, fn) {
      p.loading();
      const run = Promise.resolve().then(() => fn(p)).catch((err) => {
        if (signal.aborted || err?.name === 'AbortError') return;
        p.error(err, () => view.rerender());
      });
      tasks.push(run);
      return run;
    },
    /** Keeps the render marker waiting for this promise too (a chart being drawn). */
    wait(promise) {
      tasks.push(promise);
      return promise;
    },
  };
  try {
    tab.render(view);
  } catch (err) {
    grid.append(h('p', { class: 'error', role: 'alert' }, `This tab failed: ${err.message}`));
  }
  settled(tasks).then(() => {
    if (mine === generation) {
      section.dataset.renderedAt = performance.now().toFixed(0);
      section.dataset.rendered = 'true';
    }
  });
}

function render() {
  if (!auth.user()) {
    showLogin();
    return;
  }
  const { tab: id, params } = route.current();
  const tab = TABS.find((t) => t.id === id);
  if (!tab) {
    history.replaceState(null, '', route.hrefForTab('overview'));
    render();
    return;
  }
  const filterKey = route.FILTER_KEYS.map((k) => params.get(k) || '').join('|');
  if (tab.id !== shown.tab || filterKey !== shown.filters) api.clearCache();
  if (!shell) shell = buildShell();
  shell.nav.querySelectorAll('a').forEach((a) => {
    a.href = route.hrefForTab(a.dataset.tab);
    if (a.dataset.tab === tab.id) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  drawFilters(shell.filters, tab);
  shown = { tab: tab.id, filters: filterKey };
  document.title = `${tab.title} · ecommerce-analytics`;
  renderTab(tab, shell.main);
}

window.addEventListener('hashchange', render);
document.querySelector('.skip-link')?.addEventListener('click', (e) => {
  e.preventDefault();
  document.getElementById('main')?.focus();
});
render();
