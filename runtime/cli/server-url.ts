import { UsageError } from './usage';

/** The server the CLI talks to when nothing else names one: `npm start` on this machine. */
export const DEFAULT_SERVER = 'http://localhost:8787';

/**
 * A server URL in the one form the credentials file keys it by: http or https, no trailing slash, no query or
 * fragment (a path prefix is kept, for a server behind a reverse proxy). Throws a UsageError saying what is
 * wrong, naming `source` (`--server`, `PROJECTTWIN_SERVER`).
 * @example normalizeServerUrl('https://twins.example.com/', '--server') // 'https://twins.example.com'
 */
export function normalizeServerUrl(text: string, source: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new UsageError(
      `${source} '${text}' is not a URL; write it with http:// or https://, e.g. ${DEFAULT_SERVER}`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(
      `${source} '${text}' is not an http or https URL; write it like ${DEFAULT_SERVER} or https://twins.example.com`,
    );
  }
  if (url.username || url.password) {
    throw new UsageError(`${source} must not hold a user name or password; log in with projecttwin login`);
  }
  if (url.search || url.hash) {
    throw new UsageError(`${source} '${text}' must not have a query (?) or a fragment (#)`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The server a command talks to: `--server`, else PROJECTTWIN_SERVER, else `fallback` (the server last logged in
 * to, for publish and logout), else http://localhost:8787. Normalised with normalizeServerUrl.
 * @example chooseServer(undefined, { PROJECTTWIN_SERVER: 'https://twins.example.com' }) // 'https://twins.example.com'
 */
export function chooseServer(
  flag: string | undefined,
  env: Record<string, string | undefined>,
  fallback?: string,
): string {
  if (flag !== undefined) return normalizeServerUrl(flag, '--server');
  if (env.PROJECTTWIN_SERVER) return normalizeServerUrl(env.PROJECTTWIN_SERVER, 'PROJECTTWIN_SERVER');
  return fallback ?? DEFAULT_SERVER;
}
