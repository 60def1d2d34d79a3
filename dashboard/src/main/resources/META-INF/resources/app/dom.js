// Small DOM and formatting helpers shared by every tab.

/** Creates an element: h('button', {class: 'x', onclick: fn}, 'text', child). Attributes starting with "on" are listeners. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      el.className = value;
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'BRL', maximumFractionDigits: 2 });
const moneyShort = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'BRL', notation: 'compact', maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });

const blank = (v) => v === null || v === undefined || v === '' || Number.isNaN(Number(v));

export const fmt = {
  money: (v) => (blank(v) ? '–' : money.format(Number(v))),
  moneyShort: (v) => (blank(v) ? '–' : moneyShort.format(Number(v))),
  int: (v) => (blank(v) ? '–' : integer.format(Number(v))),
  num: (v) => (blank(v) ? '–' : decimal.format(Number(v))),
  pct: (v) => (blank(v) ? '–' : percent.format(Number(v))),
  /** A growth ratio with its sign: +12.3 % or −4.0 %. */
  growth: (v) => (blank(v) ? '–' : (Number(v) > 0 ? '+' : Number(v) < 0 ? '−' : '') + percent.format(Math.abs(Number(v)))),
  date: (v) => (v ? String(v).slice(0, 10) : '–'),
  dateTime: (v) => (v ? String(v).replace('T', ' ').slice(0, 19) : '–'),
  text: (v) => (v === null || v === undefined ? '–' : String(v)),
};

/** "NEED_ATTENTION" or "need_attention" → "Need attention". */
export function label(code) {
  if (!code) return '–';
  const s = String(code).replace(/[_-]+/g, ' ').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** An ISO date (yyyy-mm-dd) of a local date. */
export function isoDate(date) {
  const p = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}
