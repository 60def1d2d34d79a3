// Downloads of what a chart or table shows. THE place where a format is chosen: FORMATS lists what the buttons offer and
// SERVER_FORMATS which endpoints produce a format themselves (asked with the Accept header). Issue 19 brings Excel and PDF
// from the server for every analysis: mark them available and list their endpoints here; nothing else changes.
import { request } from './api.js';
import { filterSlug } from './route.js';

export const FORMATS = {
  csv: { label: 'CSV', accept: 'text/csv', extension: 'csv', available: true },
  xlsx: {
    label: 'Excel',
    accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    available: false,
  },
  pdf: { label: 'PDF', accept: 'application/pdf', extension: 'pdf', available: false },
};

/** Endpoints that answer a format themselves today. The others are exported from the rows the panel shows (CSV only). */
const SERVER_FORMATS = {
  csv: [/^\/api\/v1\/analytics\/(financial|cohorts|customers\/rfm|products|geo)\//, /^\/api\/v1\/data-quality\/report$/],
  xlsx: [],
  pdf: [],
};

/** Who may export: the API serves exports to analysts and above (a viewer's export is a 403), so viewers see no buttons. */
export const EXPORT_ROLE = 'analyst';

export function offered() {
  return Object.entries(FORMATS).filter(([, f]) => f.available).map(([id]) => id);
}

function servedBy(endpoint, format) {
  return !!endpoint && (SERVER_FORMATS[format] || []).some((re) => re.test(endpoint));
}

/**
 * Downloads one panel's content. spec: {name, endpoint, params, filterKind, columns: [{key,label}], rows: [...]}; the server
 * answers when it can produce the format, else the rows shown become a CSV here.
 */
export async function download(spec, format) {
  const f = FORMATS[format];
  let blob;
  if (servedBy(spec.endpoint, format)) {
    const res = await request(spec.endpoint, { params: spec.params, accept: f.accept });
    blob = await res.blob();
  } else if (format === 'csv') {
    blob = new Blob([toCsv(spec.columns, spec.rows)], { type: 'text/csv' });
  } else {
    throw new Error(`${f.label} export of ${spec.name} is not available yet`);
  }
  save(blob, `${spec.name}_${filterSlug(spec.filterKind || 'sales')}.${f.extension}`);
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

function save(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
