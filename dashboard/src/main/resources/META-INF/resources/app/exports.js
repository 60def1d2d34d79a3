// Downloads of what a chart or table shows. THE place where a format is chosen: FORMATS lists the formats, SERVER_FORMATS
// which endpoints produce which of them, and formatsFor(spec) which buttons a panel gets: only formats it can deliver.
import { request } from './api.js';
import { filterSlug } from './route.js';

export const FORMATS = {
  csv: { label: 'CSV', accept: 'text/csv', extension: 'csv' },
  xlsx: { label: 'Excel', accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  pdf: { label: 'PDF', accept: 'application/pdf', extension: 'pdf' },
};

/** Endpoints that produce files themselves, and which formats (asked with the Accept header). */
const SERVER_FORMATS = [
  // every analytics GET, the management report and every metrics GET but the event stream (module exports, issue 19)
  [/^\/api\/v1\/analytics\//, ['csv', 'xlsx', 'pdf']],
  [/^\/api\/v1\/reports\/summary$/, ['csv', 'xlsx', 'pdf']],
  [/^\/api\/v1\/metrics\/(?!stream$)/, ['csv', 'xlsx', 'pdf']],
  // the simulator's data-quality report answers JSON or its own CSV (section, subject, metric, value): no Excel, no PDF
  [/^\/api\/v1\/data-quality\/report$/, ['csv']],
];

/** Who may export: the API serves exports to analysts and above (a viewer's export is a 403), so viewers see no buttons. */
export const EXPORT_ROLE = 'analyst';

function served(endpoint, format) {
  return !!endpoint && SERVER_FORMATS.some(([re, formats]) => re.test(endpoint) && formats.includes(format));
}

/**
 * Where a format comes from for a panel's spec: {endpoint, params} when a server answer produces it, 'rows' when the rows
 * the panel shows are written as CSV here, null when the panel cannot give it.
 *
 * spec.endpoint/params: the answer the panel shows; the server writes every format it offers (whole lists, every sheet).
 * spec.derivedFrom {endpoint, params}: the panel shows rows computed here from that answer (a histogram, a curve, one of
 * its tables); CSV is those rows, Excel and PDF are the answer's own file (with the sheet the rows come from).
 * spec.columns/rows: what the panel shows, for CSV written here.
 */
function source(spec, format) {
  if (served(spec.endpoint, format)) return { endpoint: spec.endpoint, params: spec.params };
  if (format === 'csv') return spec.columns && spec.rows ? 'rows' : null;
  if (spec.derivedFrom && served(spec.derivedFrom.endpoint, format)) return spec.derivedFrom;
  return null;
}

/** The formats a panel can deliver, in FORMATS' order: [{id, derived}], derived when the file is the source answer's. */
export function formatsFor(spec) {
  return Object.keys(FORMATS)
    .map((id) => ({ id, from: source(spec, id) }))
    .filter((f) => f.from)
    .map(({ id, from }) => ({ id, derived: from === spec.derivedFrom }));
}

/** Downloads one panel's content in a format formatsFor offered. spec: {name, filterKind, ...as for formatsFor}. */
export async function download(spec, format) {
  const f = FORMATS[format];
  const from = source(spec, format);
  const fallback = `${spec.name}_${filterSlug(spec.filterKind || 'sales')}.${f.extension}`;
  if (from === 'rows') {
    save(new Blob([toCsv(spec.columns, spec.rows)], { type: 'text/csv' }), fallback);
  } else if (from) {
    const res = await request(from.endpoint, { params: from.params, accept: f.accept });
    save(await res.blob(), fileName(res.headers.get('Content-Disposition')) || fallback);
  } else {
    throw new Error(`${spec.name} has no ${f.label} download`);
  }
}

/** The file name of a Content-Disposition header: RFC 6266's filename* (UTF-8) when given, else filename; null if none. */
export function fileName(disposition) {
  if (!disposition) return null;
  let name = null;
  const extended = /filename\*\s*=\s*UTF-8''([^;\s]+)/i.exec(disposition);
  if (extended) {
    try {
      name = decodeURIComponent(extended[1]);
    } catch {
      name = null;
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(disposition);
    name = plain ? (plain[1] ?? plain[2]).replace(/\\(.)/g, '$1') : null;
  }
  return name ? name.replace(/[/\\]/g, '-') : null;
}

export function toCsv(columns, rows) {
  const cell = (v) => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [columns.map((c) => cell(c.label || c.key)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value ? c.value(row) : row[c.key])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
