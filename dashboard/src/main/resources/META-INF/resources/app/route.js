// The view lives in the URL's fragment, so a view can be shared and survives a reload:
//   #/<tab>?range=last90&state=SP&region=SUDESTE&category=toys&gran=week
// range is a preset (all, last30, last90, year) or custom with from and to. Tab-local settings (gran, page, ...) sit
// beside the global filters.
import { isoDate } from './dom.js';

export const FILTER_KEYS = ['range', 'from', 'to', 'state', 'region', 'category'];
export const PRESETS = [
  { id: 'all', label: 'All time' },
  { id: 'last30', label: 'Last 30 days' },
  { id: 'last90', label: 'Last 90 days' },
  { id: 'year', label: 'This year' },
  { id: 'custom', label: 'Custom…' },
];
const DEFAULT_RANGE = 'all';

/** The current route: {tab, params (URLSearchParams)}. */
export function current() {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(2) : '';
  const [tab, search = ''] = hash.split('?');
  return { tab: tab || '', params: new URLSearchParams(search) };
}

export function href(tab, params) {
  const s = params.toString();
  return `#/${tab}${s ? `?${s}` : ''}`;
}

/** Goes to another tab, keeping the global filters (and dropping the old tab's own settings). */
export function hrefForTab(tab) {
  const { params } = current();
  const kept = new URLSearchParams();
  FILTER_KEYS.forEach((k) => params.has(k) && kept.set(k, params.get(k)));
  return href(tab, kept);
}

/** Changes some parameters of the current route (null removes one); a history entry per change unless replace. */
export function update(changes, { replace = false } = {}) {
  const { tab, params } = current();
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') params.delete(key);
    else params.set(key, value);
  }
  const next = href(tab, params);
  if (replace) history.replaceState(null, '', next);
  else history.pushState(null, '', next);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** The global filters as chosen: {range, from, to, state, region, category}. */
export function filters(params = current().params) {
  return {
    range: params.get('range') || DEFAULT_RANGE,
    from: params.get('from') || '',
    to: params.get('to') || '',
    state: params.get('state') || '',
    region: params.get('region') || '',
    category: params.get('category') || '',
  };
}

/** The period of the filters as API dates ({from, to}, empty for an open end), relative to today for the presets. */
export function period(f, today = new Date()) {
  const day = (offset) => {
    const d = new Date(today);
    d.setDate(d.getDate() + offset);
    return isoDate(d);
  };
  switch (f.range) {
    case 'last30':
      return { from: day(-29), to: day(0) };
    case 'last90':
      return { from: day(-89), to: day(0) };
    case 'year':
      return { from: `${today.getFullYear()}-01-01`, to: day(0) };
    case 'custom':
      return { from: f.from, to: f.to };
    default:
      return { from: '', to: '' };
  }
}

/**
 * The filter parameters an endpoint family accepts (the API refuses unknown ones with 400): 'sales' analytics take all
 * five (the anomaly screen too: with a category, the orders holding an item of it), the rest none.
 */
export function apiFilters(kind, params = current().params) {
  if (kind === 'none') return {};
  const f = filters(params);
  const { from, to } = period(f);
  const out = { from, to, state: f.state, region: f.region };
  if (kind === 'sales') out.category = f.category;
  return out;
}

/** A short text of the filters for file names: 2025-01-01_2025-12-31_SP; today's date where no filter applies. */
export function filterSlug(kind) {
  if (kind === 'none') return isoDate(new Date());
  const f = apiFilters(kind);
  return [f.from || 'start', f.to || 'end', f.state, f.region, f.category]
    .filter(Boolean)
    .join('_')
    .replace(/[^A-Za-z0-9_.-]+/g, '-');
}
