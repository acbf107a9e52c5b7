/**
 * The browser's calls to the platform API: same-origin, with the session cookie, the CSRF token echoed on every
 * change, and the server's JSON errors (`{ error: { code, message, details } }`) turned into `ApiError`s whose
 * message is the server's plain sentence.
 */

/** A refused or failed API call, with the server's code and plain message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

/**
 * Reads an API response: the JSON body when it succeeded, an `ApiError` with the server's words when not.
 * @example const twin = await readResponse<Twin>(await fetch('/api/twins/…'))
 */
export async function readResponse<T>(response: Response): Promise<T> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (e.g. a proxy's error page): the status alone is reported.
  }
  if (response.ok) return body as T;
  const error = (body as ErrorBody | undefined)?.error;
  const message =
    typeof error?.message === 'string'
      ? error.message
      : `The server answered ${response.status} ${response.statusText || ''}`.trim() + '.';
  const code = typeof error?.code === 'string' ? error.code : `http_${response.status}`;
  throw new ApiError(response.status, code, message, error?.details);
}

let csrfToken: Promise<string | null> | null = null;

/**
 * Who is signed in in this browser, and the CSRF token of the session; null when nobody is.
 * @example const me = await currentUser(); if (me) console.log(me.user.name)
 */
export async function currentUser(): Promise<{
  user: { id: string; name: string };
  csrfToken: string | null;
} | null> {
  const response = await fetch('/api/auth/me', { credentials: 'same-origin' });
  if (response.status === 401) return null;
  return readResponse(response);
}

/**
 * Sets (or, with no argument, forgets) the CSRF token this page sends: call it after logging in, signing up or
 * logging out, since the token belongs to the session and a cached one would be refused.
 * @example rememberCsrfToken(session.csrfToken) // after login; rememberCsrfToken() after logout
 */
export function rememberCsrfToken(token?: string | null): void {
  csrfToken = token === undefined ? null : Promise.resolve(token);
}

async function csrf(): Promise<string | null> {
  csrfToken ??= currentUser().then(
    (me) => me?.csrfToken ?? null,
    () => null,
  );
  return csrfToken;
}

/**
 * Calls the API as the signed-in user: JSON in and out, with the CSRF token on anything but GET.
 * @example await apiRequest('PATCH', `/api/twins/${id}`, { layout })
 */
export async function apiRequest<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const token = await csrf();
    if (token) headers['x-csrf-token'] = token;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached; check the connection and try again.');
  }
  return readResponse<T>(response);
}
