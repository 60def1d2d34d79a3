// The session: log-in, silent refresh with the rotating refresh token, log-out.
//
// The tokens live in sessionStorage: a reload keeps the session, another browser tab logs in on its own. A refresh token
// works once (the gateway rotates it, and a reused one revokes the whole session), so one refresh at a time runs per tab and
// its answer replaces both tokens before anything else may use them.

const STORAGE_KEY = 'ecomanalytics.session';
/** Refresh this long before the access token expires, so no call is sent with a token about to lapse. */
const REFRESH_AHEAD_MS = 60_000;
const ROLE_RANK = { viewer: 1, analyst: 2, admin: 3 };

let session = load();
let refreshing = null;
let timer = null;
const listeners = new Set();

function load() {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE_KEY)) || null;
  } catch {
    return null;
  }
}

function store(next) {
  session = next;
  if (next) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  else sessionStorage.removeItem(STORAGE_KEY);
  schedule();
  listeners.forEach((listener) => listener(session));
}

function fromAnswer(answer, username) {
  return {
    username,
    role: answer.role,
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token,
    expiresAt: Date.now() + answer.expires_in * 1000,
  };
}

function schedule() {
  clearTimeout(timer);
  if (!session) return;
  const wait = Math.max(5_000, session.expiresAt - Date.now() - REFRESH_AHEAD_MS);
  timer = setTimeout(() => refresh().catch(() => {}), wait);
}

/** The logged-in user ({username, role}) or null. */
export function user() {
  return session ? { username: session.username, role: session.role } : null;
}

/** True when the user's role is this one or above it (roles are cumulative). */
export function hasRole(role) {
  return !!session && (ROLE_RANK[session.role] || 0) >= (ROLE_RANK[role] || 99);
}

export function onChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Why a log-in failed, in words for the log-in page. */
export class LoginError extends Error {}

export async function login(username, password) {
  let res;
  try {
    res = await fetch('/auth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  } catch {
    throw new LoginError('The server cannot be reached. Try again in a moment.');
  }
  if (res.ok) {
    store(fromAnswer(await res.json(), username));
    return user();
  }
  const problem = await res.json().catch(() => ({}));
  if (res.status === 401 || res.status === 400) {
    throw new LoginError('Wrong user name or password.');
  }
  if (res.status === 429) {
    const wait = res.headers.get('Retry-After');
    throw new LoginError(`Too many attempts. ${wait ? `Try again in ${wait} s.` : 'Try again later.'}`);
  }
  throw new LoginError(problem.detail || `Log-in failed (${res.status}).`);
}

/**
 * Exchanges the refresh token for a new pair. Concurrent callers share one exchange: the old token works once. A refused
 * refresh (expired, revoked, reused) ends the session.
 */
export function refresh() {
  if (!session) return Promise.reject(new Error('not logged in'));
  if (!refreshing) {
    const used = session;
    refreshing = fetch('/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refresh_token: used.refreshToken }),
    })
      .then(async (res) => {
        if (res.ok) {
          store(fromAnswer(await res.json(), used.username));
          return;
        }
        if (res.status === 401 || res.status === 400) store(null);
        throw new Error(`refresh refused (${res.status})`);
      })
      .finally(() => {
        refreshing = null;
      });
  }
  return refreshing;
}

/** The access token to send now, refreshed first when it is about to expire. */
export async function accessToken() {
  if (!session) throw new Error('not logged in');
  if (refreshing) await refreshing;
  else if (session.expiresAt - Date.now() < 10_000) await refresh();
  return session.accessToken;
}

export async function logout() {
  const ending = session;
  store(null);
  if (ending) {
    await fetch('/auth/logout', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh_token: ending.refreshToken }),
    }).catch(() => {});
  }
}

schedule();
