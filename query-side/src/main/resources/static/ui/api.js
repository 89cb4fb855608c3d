// The API client of the ward board (docs/board.md, Signing in). Tokens live in this module's memory only: never in
// the URL, localStorage or a cookie. Reloading the page therefore signs the user out; that is the price of keeping
// tokens out of every store another script or a later user of the tablet could read.

let session = null; // {accessToken, refreshToken, expiresAt, me}
let refreshing = null;
let refreshTimer = null;
const listeners = new Set();

export class ApiError extends Error {
  constructor(status, code, message, details, requestId, retryAfter) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details || [];
    this.requestId = requestId;
    this.retryAfter = retryAfter;
  }
}

/** Called with null when the session ends (signed out, or the refresh token no longer works). */
export function onSessionEnd(listener) {
  listeners.add(listener);
}

export function currentUser() {
  return session ? session.me : null;
}

export async function signIn(username, password) {
  const tokens = await send('POST', '/auth/login', { username, password }, { anonymous: true });
  adopt(tokens);
  session.me = await get('/auth/me');
  return session.me;
}

export async function signOut() {
  const ending = session;
  end();
  if (ending) {
    try {
      await send('POST', '/auth/logout', { refresh_token: ending.refreshToken }, { anonymous: true });
    } catch (e) {
      // Signed out locally either way; the refresh token expires on its own.
    }
  }
}

/** A valid access token, refreshed first when it is about to expire. */
export async function accessToken() {
  if (!session) {
    throw new ApiError(401, 'UNAUTHENTICATED', 'Not signed in');
  }
  if (Date.now() > session.expiresAt - 30000) {
    await refresh();
  }
  return session.accessToken;
}

export function get(path) {
  return send('GET', path);
}

export function patch(path, body) {
  return send('PATCH', path, body);
}

export function post(path, body) {
  return send('POST', path, body);
}

async function send(method, path, body, options = {}) {
  let response = await attempt(method, path, body, options);
  if (response.status === 401 && !options.anonymous && session) {
    // The access token expired or the server restarted with a new key: refresh once, then ask again.
    await refresh();
    response = await attempt(method, path, body, options);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    const retryAfter = Number(response.headers.get('Retry-After')) || null;
    throw new ApiError(response.status, json && json.code, json && json.error, json && json.details,
      (json && json.request_id) || response.headers.get('X-Request-Id'), retryAfter);
  }
  return json ? json.data : null;
}

async function attempt(method, path, body, options) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (!options.anonymous) {
    headers.Authorization = 'Bearer ' + (await accessToken());
  }
  try {
    return await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit', cache: 'no-store'
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', 'The system could not be reached');
  }
}

function adopt(tokens) {
  const me = session ? session.me : null;
  session = {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    expiresAt: Date.now() + tokens.expires_in * 1000,
    me
  };
  clearTimeout(refreshTimer);
  // Refresh ahead of expiry so that a board left open on the ward keeps working (each refresh token works once).
  refreshTimer = setTimeout(() => refresh().catch(() => {}), Math.max(10000, tokens.expires_in * 800));
}

function refresh() {
  if (!refreshing) {
    const token = session && session.refreshToken;
    refreshing = (async () => {
      if (!token) {
        throw new ApiError(401, 'UNAUTHENTICATED', 'Not signed in');
      }
      try {
        adopt(await send('POST', '/auth/refresh', { refresh_token: token }, { anonymous: true }));
      } catch (e) {
        if (e.status === 401) {
          end();
        }
        throw e;
      }
    })().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

function end() {
  clearTimeout(refreshTimer);
  const had = session !== null;
  session = null;
  if (had) {
    listeners.forEach(listener => listener(null));
  }
}

/** The API's error in words a nurse understands (docs/board.md, Errors). */
export function explain(error) {
  if (!(error instanceof ApiError)) {
    return 'Something went wrong in this page. Reload it and sign in again.';
  }
  const reference = error.requestId ? ` (reference ${error.requestId.slice(0, 8)})` : '';
  switch (error.code) {
    case 'NETWORK':
      return 'The system cannot be reached. Check the tablet\'s network. Nothing was saved.';
    case 'UNAUTHENTICATED':
      return 'Your sign-in has ended. Please sign in again.';
    case 'FORBIDDEN':
      return 'Your account is not allowed to do this.';
    case 'NOT_FOUND':
      return 'This patient or alert is not (or no longer) in your care: discharged, transferred, or not yours.';
    case 'CONFLICT':
      return 'Someone else changed this first, or the patient has been discharged. The board shows the latest state.';
    case 'VALIDATION_FAILED': {
      const fields = error.details.map(d => `${d.field.replaceAll('_', ' ')}: ${d.message}`).join('; ');
      return fields ? `Please check what you entered. ${fields}.` : 'Please check what you entered.';
    }
    case 'RATE_LIMITED':
      return `Too many attempts. Please wait${error.retryAfter ? ` ${error.retryAfter} seconds` : ' a moment'} and try again.`;
    case 'SERVICE_UNAVAILABLE':
      return 'The system is busy or restarting. Nothing was saved; try again in a moment.';
    case 'PAYLOAD_TOO_LARGE':
      return 'The text is too long.';
    default:
      return `The system could not do this${reference}. Nothing was saved; please tell the ward's IT contact if it happens again.`;
  }
}
