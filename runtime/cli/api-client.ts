import type { Problem } from '../../schemas/problems';
import { CliFailure } from './cli-failure';

/** How a request proves who sends it: an API token, or a browser-like session (cookie + CSRF token). */
export interface ApiAuth {
  token?: string;
  cookie?: string;
  csrfToken?: string;
}

/** One request: its JSON body or multipart form, and what a refusal means (`login failed`, `not published`). */
export interface ApiRequest {
  json?: unknown;
  form?: FormData;
  /** Prefixes the server's message when it refuses: `<refusal>: <message> (<code>)`. */
  refusal: string;
  /** Gives up after this many milliseconds; default 60 s for JSON requests, none for uploads. */
  timeoutMs?: number;
}

/** A successful answer: its status, headers and parsed JSON body (undefined when it had none). */
export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be looked up',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
};

function causeCode(cause: unknown): string | undefined {
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  const first = (cause as { errors?: unknown[] } | undefined)?.errors?.[0];
  return first === undefined ? undefined : causeCode(first);
}

/** Why a request never got an answer, in words, with the system's code when there is one. */
function unreachableReason(error: unknown): string {
  if ((error as { name?: unknown }).name === 'TimeoutError') return 'no answer in time';
  const cause = (error as { cause?: unknown }).cause;
  const code = causeCode(cause);
  if (code !== undefined && code in REASONS) return `${REASONS[code]} (${code})`;
  const message = cause instanceof Error ? cause.message : String(cause ?? error);
  return code !== undefined && !message.includes(code) ? `${message} (${code})` : message;
}

function isNetworkFailure(error: unknown): boolean {
  const name = (error as { name?: unknown }).name;
  return (
    name === 'TimeoutError' ||
    (error instanceof TypeError && (error as { cause?: unknown }).cause !== undefined)
  );
}

function isProblem(value: unknown): value is Problem {
  const p = value as Problem | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.code === 'string' &&
    typeof p.message === 'string' &&
    typeof p.pointer === 'string' &&
    (p.severity === 'error' || p.severity === 'warning')
  );
}

/**
 * The lists a server error carries in `details.problems`: coded problems (422 `blueprint_invalid`, 400
 * `invalid_document`) and plain sentences (400 `signature_mismatch`).
 * @example problemsOf({ problems: [{ code: 'PT130', severity: 'error', pointer: '/nodes/3', message: '...' }] })
 */
export function problemsOf(details: unknown): { problems: Problem[]; reasons: string[] } {
  const list = (details as { problems?: unknown } | null | undefined)?.problems;
  if (!Array.isArray(list)) return { problems: [], reasons: [] };
  return {
    problems: list.filter(isProblem),
    reasons: list.filter((item): item is string => typeof item === 'string'),
  };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * A small client for the ProjectTwin API: sends the token (or the session cookie and CSRF token), never follows
 * redirects (a redirect would drop the token or turn a publish into a GET), and turns every way a request can
 * fail into a one-line CliFailure: `cannot reach the server at <url>: <reason>` (code `unreachable`), or
 * `<refusal>: <the server's message> (<its code>)` with the server's code, status and problems.
 * @example
 * const client = new ApiClient('http://localhost:8787', { token })
 * const { body } = await client.request('GET', '/api/auth/me', { refusal: 'the token was refused' })
 */
export class ApiClient {
  constructor(
    readonly server: string,
    private readonly auth: ApiAuth = {},
  ) {}

  /** The full URL of an API path. */
  url(path: string): string {
    return `${this.server}${path}`;
  }

  async request<T>(method: string, path: string, request: ApiRequest): Promise<ApiResponse<T>> {
    const headers = new Headers({ accept: 'application/json' });
    if (this.auth.token) headers.set('authorization', `Bearer ${this.auth.token}`);
    if (this.auth.cookie) headers.set('cookie', this.auth.cookie);
    if (this.auth.csrfToken) headers.set('x-csrf-token', this.auth.csrfToken);
    let body: BodyInit | undefined = request.form;
    if (request.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(request.json);
    }
    const timeoutMs = request.timeoutMs ?? (request.form ? undefined : 60_000);
    let response: Response;
    try {
      response = await fetch(this.url(path), {
        method,
        headers,
        body,
        redirect: 'manual',
        ...(timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(timeoutMs) }),
      });
    } catch (error) {
      if (!isNetworkFailure(error)) throw error;
      throw new CliFailure(
        `cannot reach the server at ${this.server}: ${unreachableReason(error)}`,
        'unreachable',
      );
    }
    return this.readResponse<T>(method, path, response, request.refusal);
  }

  private async readResponse<T>(
    method: string,
    path: string,
    response: Response,
    refusal: string,
  ): Promise<ApiResponse<T>> {
    const { status, headers } = response;
    if (status >= 300 && status < 400) {
      const location = headers.get('location') ?? 'somewhere else';
      throw new CliFailure(
        `${refusal}: the server at ${this.server} redirects ${method} ${path} to ${location}; give the server's own URL with --server`,
        'redirected',
        { status },
      );
    }
    const text = await response.text();
    const parsed = text === '' ? { ok: true as const, value: undefined } : parseJson(text);
    if (response.ok && parsed.ok) return { status, headers, body: parsed.value as T };
    const error = parsed.ok
      ? (parsed.value as { error?: { code?: unknown; message?: unknown } })?.error
      : null;
    if (!response.ok && error && typeof error.code === 'string' && typeof error.message === 'string') {
      const details = (error as { details?: unknown }).details;
      throw new CliFailure(`${refusal}: ${error.message} (${error.code})`, error.code, {
        status,
        reason: error.message,
        ...problemsOf(details),
      });
    }
    const what = `${status} ${response.statusText}`.trim();
    throw new CliFailure(
      `${refusal}: the server at ${this.server} answered ${method} ${path} with ${what} and no ProjectTwin answer; is it a ProjectTwin server?`,
      'not_projecttwin',
      { status },
    );
  }
}
