// Every data call of the dashboard: through the gateway, with the user's bearer token, so roles and rate limits apply as for
// any other client. A 401 refreshes the session once and retries; other refusals become an ApiError carrying the problem body.
import * as auth from './auth.js';

/** A refused or failed call, with the problem+json body's detail and, for a 403, the role it names. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    const named = /\b(viewer|analyst|admin)\b/i.exec(this.problem.detail || '');
    this.neededRole = status === 403 && named ? named[1].toLowerCase() : null;
  }
}

/** Query string of the defined, non-empty parameters. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== '') q.set(key, value);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

async function problemOf(res) {
  const text = await res.text().catch(() => '');
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 300) || res.statusText };
  }
}

/**
 * Sends one call and answers the Response. options: params, body (an object is sent as JSON, FormData as is), accept,
 * signal, method.
 */
export async function request(path, options = {}) {
  const { params, body, accept = 'application/json', signal, method = 'GET' } = options;
  const url = path + query(params);
  const send = async () => {
    const headers = { Authorization: `Bearer ${await auth.accessToken()}`, Accept: accept };
    let payload = body;
    if (body !== undefined && !(body instanceof FormData)) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    return fetch(url, { method, headers, body: payload, signal });
  };
  let res = await send();
  if (res.status === 401) {
    await auth.refresh();
    res = await send();
  }
  if (!res.ok) throw new ApiError(res.status, await problemOf(res));
  return res;
}

// Answers of GET calls, reused while the user only switches a view inside one tab (a chart's granularity, a page): the
// shell empties it whenever the tab or a global filter changes, so a navigation always asks the server again.
const cache = new Map();

export function clearCache() {
  cache.clear();
}

/** GET as JSON (204 → null). */
export async function get(path, params, { signal, cached = true } = {}) {
  const key = path + query(params);
  if (cached && cache.has(key)) return cache.get(key);
  const res = await request(path, { params, signal });
  const data = res.status === 204 ? null : await res.json();
  if (cached) cache.set(key, data);
  return data;
}

export async function post(path, body, { signal } = {}) {
  const res = await request(path, { method: 'POST', body, signal });
  return {
    location: res.headers.get('Location'),
    data: res.status === 204 ? null : await res.json().catch(() => null),
  };
}

export async function del(path) {
  await request(path, { method: 'DELETE' });
}

/**
 * A multipart upload with progress (fetch reports none for request bodies). onProgress receives 0..1. Answers {location,
 * data}; a refused upload rejects with an ApiError.
 */
export async function upload(path, form, onProgress) {
  const token = await auth.accessToken();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, { detail: 'the upload was interrupted' }));
    xhr.onload = () => {
      let data = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = { detail: xhr.responseText };
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve({ location: xhr.getResponseHeader('Location'), data });
      } else {
        reject(new ApiError(xhr.status, data));
      }
    };
    xhr.send(form);
  });
}

/**
 * Reads a server-sent event stream with the bearer token (EventSource cannot send headers): calls onEvent with each event's
 * parsed JSON data, reconnects after a pause when the stream ends or fails, and stops when the signal aborts.
 */
export async function stream(path, onEvent, onStatus, signal) {
  const decoder = new TextDecoder();
  while (!signal.aborted) {
    try {
      const res = await request(path, { accept: 'text/event-stream', signal });
      onStatus('open');
      const reader = res.body.getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const raw = buffer.slice(0, end);
          buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
          const data = raw.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
          if (data) onEvent(JSON.parse(data));
        }
      }
    } catch (e) {
      if (signal.aborted) return;
      onStatus('error', e);
      if (e instanceof ApiError && e.status === 403) return;
    }
    if (signal.aborted) return;
    onStatus('reconnecting');
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}
