import { hostname } from 'node:os';
import { ApiClient } from './api-client';
import type { CliIo } from './cli-io';
import { CliFailure } from './cli-failure';
import { credentialsPath, readCredentials, writeCredentials, type Credentials } from './credentials';
import { ExitCode } from './exit-codes';
import { chooseServer } from './server-url';
import { UsageError } from './usage';

/** What `projecttwin login` was given. */
export interface LoginOptions {
  server?: string;
  token?: string;
  email?: string;
  passwordStdin: boolean;
}

interface MeAnswer {
  user: { email: string };
}

interface SessionAnswer {
  user: { email: string };
  csrfToken: string;
}

/**
 * The name of the API token login creates, so the user recognises it in their account's token list.
 * @example tokenName('build-box') // 'projecttwin CLI on build-box'
 */
export function tokenName(host: string = hostname()): string {
  return `projecttwin CLI on ${host || 'this machine'}`.slice(0, 80);
}

/** The email: `--email`, else asked on the terminal. */
async function askEmail(options: LoginOptions, io: CliIo): Promise<string> {
  if (options.email !== undefined) return options.email.trim();
  if (!io.stdin.isTTY) {
    throw new UsageError('give the email with --email (stdin is not a terminal, so it cannot be asked)');
  }
  const email = (await io.stdin.ask('Email: ')).trim();
  if (email === '') throw new CliFailure('login cancelled: no email given', 'no_email');
  return email;
}

/** The password: all of stdin with `--password-stdin` (one final newline dropped), else asked without echo. */
async function askPassword(options: LoginOptions, io: CliIo): Promise<string> {
  let password: string;
  if (options.passwordStdin) {
    password = (await io.stdin.readAll()).replace(/\r?\n$/, '');
  } else if (io.stdin.isTTY) {
    password = await io.stdin.ask('Password: ', { hidden: true });
  } else {
    throw new UsageError(
      'stdin is not a terminal, so the password cannot be asked; pipe it with --password-stdin',
    );
  }
  if (password === '') throw new CliFailure('login cancelled: no password given', 'no_password');
  return password;
}

/** A text field of the server's answer; a server that does not give it is not a ProjectTwin server. */
function field(value: unknown, server: string, path: string): string {
  if (typeof value === 'string' && value !== '') return value;
  throw new CliFailure(
    `login failed: the server at ${server} did not answer ${path} like a ProjectTwin server; check --server`,
    'not_projecttwin',
  );
}

/** Checks a token the user gave with `GET /api/auth/me`; resolves to the email of its account. */
async function checkToken(server: string, token: string): Promise<string> {
  const client = new ApiClient(server, { token });
  const me = await client.request<MeAnswer | undefined>('GET', '/api/auth/me', { refusal: 'login failed' });
  return field(me.body?.user?.email, server, 'GET /api/auth/me');
}

/** The session cookie a login answer sets, as a Cookie header (`name=value`, without the attributes). */
function sessionCookie(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0].trim())
    .filter((pair) => pair.includes('='))
    .join('; ');
}

/**
 * Logs in with email and password, creates an API token for the CLI with the session, and always logs the
 * session out again (the CLI keeps only the token). Resolves to the token and the account's email.
 */
async function tokenFromPassword(server: string, email: string, password: string) {
  const login = await new ApiClient(server).request<SessionAnswer | undefined>('POST', '/api/auth/login', {
    json: { email, password },
    refusal: 'login failed',
  });
  const session = new ApiClient(server, {
    cookie: sessionCookie(login.headers),
    csrfToken: field(login.body?.csrfToken, server, 'POST /api/auth/login'),
  });
  try {
    const created = await session.request<{ token?: unknown } | undefined>('POST', '/api/auth/tokens', {
      json: { name: tokenName() },
      refusal: 'login failed: the API token could not be created',
    });
    return {
      token: field(created.body?.token, server, 'POST /api/auth/tokens'),
      email: field(login.body?.user?.email, server, 'POST /api/auth/login'),
    };
  } finally {
    await session.request('POST', '/api/auth/logout', { refusal: 'logout' }).catch(() => {});
  }
}

/**
 * `projecttwin login`: with `--token`, checks the token against the server and stores it; otherwise logs in
 * with the email (`--email` or asked) and password (asked without echo, or `--password-stdin`), creates an API
 * token named "projecttwin CLI on <hostname>", logs that session out and stores the token. The credentials file
 * (see credentialsPath) keeps one token per server, mode 0600, and remembers this server as the default.
 * @example const exitCode = await loginCommand({ email: 'ada@example.com', passwordStdin: true }, processIo())
 */
export async function loginCommand(options: LoginOptions, io: CliIo): Promise<ExitCode> {
  const server = chooseServer(options.server, io.env);
  let login: { token: string; email: string };
  if (options.token !== undefined) {
    const token = options.token.trim();
    login = { token, email: await checkToken(server, token) };
  } else {
    const email = await askEmail(options, io);
    const password = await askPassword(options, io);
    login = await tokenFromPassword(server, email, password);
  }
  const path = credentialsPath(io.env);
  // A damaged file is replaced: logging in again is what its error message advises.
  const credentials: Credentials = await readCredentials(path).catch(() => ({ servers: {} }));
  credentials.servers[server] = login;
  await writeCredentials(path, { servers: credentials.servers, default: server });
  io.stdout.line(`Logged in to ${server} as ${login.email}; the token is stored in ${path}.`);
  return ExitCode.ok;
}
