import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { CliFailure } from './cli-failure';
import { chooseServer, DEFAULT_SERVER } from './server-url';

/** What the CLI keeps for one server: the API token and whose it is. */
export interface StoredLogin {
  token: string;
  email: string;
}

/** The credentials file: one login per server URL, and the server used when none is named. */
export interface Credentials {
  servers: Record<string, StoredLogin>;
  default?: string;
}

/** The server to talk to and the token to send, when there is one. */
export interface ServerAuth {
  server: string;
  token: string | undefined;
  /** Where the token came from. */
  source: 'PROJECTTWIN_TOKEN' | 'credentials' | 'none';
}

/**
 * Where the credentials are kept: `$XDG_CONFIG_HOME/projecttwin/credentials.json`, or
 * `~/.config/projecttwin/credentials.json` when XDG_CONFIG_HOME is unset or relative (the XDG spec says to
 * ignore a relative one).
 * @example credentialsPath({ XDG_CONFIG_HOME: '/tmp/cfg' }) // '/tmp/cfg/projecttwin/credentials.json'
 */
export function credentialsPath(env: Record<string, string | undefined>): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.config');
  return join(base, 'projecttwin', 'credentials.json');
}

/** A token that can go in an Authorization header: visible ASCII, no spaces. */
const TOKEN_PATTERN = /^[\x21-\x7e]+$/;

function isStoredLogin(value: unknown): value is StoredLogin {
  const login = value as StoredLogin | null;
  return (
    typeof login === 'object' &&
    login !== null &&
    typeof login.token === 'string' &&
    TOKEN_PATTERN.test(login.token) &&
    typeof login.email === 'string'
  );
}

/**
 * Reads the credentials file; a missing file is no logins. A file that is not valid JSON, or not shaped like
 * one, is a CliFailure naming it (logging in again rewrites it). Entries that are not `{ token, email }` are
 * ignored.
 * @example const { servers } = await readCredentials(credentialsPath(process.env))
 */
export async function readCredentials(path: string): Promise<Credentials> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { servers: {} };
    throw new CliFailure(
      `the credentials file ${path} cannot be read: ${(error as Error).message}`,
      'credentials_unreadable',
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  const servers = (data as { servers?: unknown } | undefined)?.servers;
  if (typeof servers !== 'object' || servers === null || Array.isArray(servers)) {
    throw new CliFailure(
      `the credentials file ${path} is damaged (it is not { "servers": { ... } }); delete it and log in again`,
      'credentials_unreadable',
    );
  }
  const credentials: Credentials = { servers: {} };
  for (const [url, login] of Object.entries(servers)) {
    if (isStoredLogin(login)) credentials.servers[url] = { token: login.token, email: login.email };
  }
  const fallback = (data as { default?: unknown }).default;
  if (typeof fallback === 'string' && fallback in credentials.servers) credentials.default = fallback;
  return credentials;
}

/**
 * Writes the credentials file readable by its owner only (0600, its folder 0700 when created), replacing the old
 * one atomically (a temporary file renamed over it), so a crash never leaves half a file.
 * @example await writeCredentials(path, { servers: { [url]: { token, email } }, default: url })
 */
export async function writeCredentials(path: string, credentials: Credentials): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  const text = `${JSON.stringify(credentials, null, 2)}\n`;
  try {
    await writeFile(temporary, text, { mode: 0o600, flag: 'w' });
    await chmod(temporary, 0o600); // in case the file was left over with other permissions
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * The server and token a command that needs a login uses. With PROJECTTWIN_TOKEN set (CI), the file is not read:
 * the token is that one and the server is `--server`, else PROJECTTWIN_SERVER, else http://localhost:8787.
 * Otherwise the server is `--server`, else PROJECTTWIN_SERVER, else the one logged in to last, else
 * http://localhost:8787, and the token is the one stored for it (none when not logged in there).
 * @example const { server, token } = await serverAuth(undefined, process.env)
 */
export async function serverAuth(
  flag: string | undefined,
  env: Record<string, string | undefined>,
): Promise<ServerAuth> {
  const fromEnv = env.PROJECTTWIN_TOKEN?.trim();
  if (fromEnv) return { server: chooseServer(flag, env), token: fromEnv, source: 'PROJECTTWIN_TOKEN' };
  const credentials = await readCredentials(credentialsPath(env));
  const server = chooseServer(flag, env, credentials.default);
  const stored = credentials.servers[server];
  return stored
    ? { server, token: stored.token, source: 'credentials' }
    : { server, token: undefined, source: 'none' };
}

/**
 * The command that logs in to a server, naming it unless it is the default one.
 * @example loginCommandFor('http://localhost:8787') // 'projecttwin login'
 */
export function loginCommandFor(server: string): string {
  return server === DEFAULT_SERVER ? 'projecttwin login' : `projecttwin login --server ${server}`;
}

/**
 * The failure telling the user to log in, naming the server unless it is the default one.
 * @example notLoggedIn('https://twins.example.com')
 * // 'not logged in to https://twins.example.com; run projecttwin login --server https://twins.example.com (or set PROJECTTWIN_TOKEN)'
 */
export function notLoggedIn(server: string): CliFailure {
  return new CliFailure(
    `not logged in to ${server}; run ${loginCommandFor(server)} (or set PROJECTTWIN_TOKEN)`,
    'not_logged_in',
  );
}
