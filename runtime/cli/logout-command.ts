import { ApiClient } from './api-client';
import type { CliIo } from './cli-io';
import { CliFailure } from './cli-failure';
import { credentialsPath, readCredentials, writeCredentials, type Credentials } from './credentials';
import { ExitCode } from './exit-codes';
import { oneLine } from './palette';
import { chooseServer } from './server-url';

interface TokenList {
  tokens: { id: string; prefix: string }[];
}

/** What happened to the token on the server. */
type ServerOutcome = 'deleted' | 'already invalid' | { failed: string };

/**
 * Deletes the token on the server: finds its id among the account's tokens by its prefix (the server shows the
 * first characters of each token, never the token), then deletes it with itself.
 */
async function deleteOnServer(server: string, token: string): Promise<ServerOutcome> {
  const client = new ApiClient(server, { token });
  try {
    const { body } = await client.request<TokenList>('GET', '/api/auth/tokens', {
      refusal: 'the token could not be found on the server',
    });
    const matches = body.tokens.filter((listed) => token.startsWith(listed.prefix));
    if (matches.length !== 1) {
      return { failed: `the server lists ${matches.length} tokens starting like this one` };
    }
    await client.request('DELETE', `/api/auth/tokens/${encodeURIComponent(matches[0].id)}`, {
      refusal: 'the token could not be deleted on the server',
    });
    return 'deleted';
  } catch (error) {
    if (!(error instanceof CliFailure)) throw error;
    if (error.status === 401) return 'already invalid';
    return { failed: error.message };
  }
}

function forget(credentials: Credentials, server: string): Credentials {
  const servers = { ...credentials.servers };
  delete servers[server];
  const remaining = Object.keys(servers);
  const fallback =
    credentials.default !== undefined && credentials.default !== server ? credentials.default : remaining[0];
  return fallback === undefined ? { servers } : { servers, default: fallback };
}

/**
 * `projecttwin logout`: forgets the token stored for the server (`--server`, else PROJECTTWIN_SERVER, else the
 * one logged in to last) and deletes it on the server when the server can be reached; when it cannot, the
 * token is still forgotten and a warning says to delete it in the account's settings. Not being logged in is
 * not an error (exit 0), so scripts can log out unconditionally.
 * @example const exitCode = await logoutCommand({}, processIo())
 */
export async function logoutCommand(options: { server?: string }, io: CliIo): Promise<ExitCode> {
  const path = credentialsPath(io.env);
  const credentials = await readCredentials(path);
  const server = chooseServer(options.server, io.env, credentials.default);
  const stored = credentials.servers[server];
  if (io.env.PROJECTTWIN_TOKEN?.trim()) {
    io.stderr.line('projecttwin: note: PROJECTTWIN_TOKEN is set; it still applies until you unset it');
  }
  if (stored === undefined) {
    io.stdout.line(`Not logged in to ${server}; there is no token to forget.`);
    return ExitCode.ok;
  }
  const outcome = await deleteOnServer(server, stored.token);
  await writeCredentials(path, forget(credentials, server));
  if (outcome === 'deleted') {
    io.stdout.line(`Logged out of ${server}: the token was deleted on the server and removed from ${path}.`);
  } else if (outcome === 'already invalid') {
    io.stdout.line(`Logged out of ${server}: the token was no longer valid there; removed it from ${path}.`);
  } else {
    io.stdout.line(`Logged out of ${server}: the token was removed from ${path}.`);
    io.stderr.line(
      `projecttwin: warning: ${oneLine(outcome.failed)}; the token still works on the server until you delete it in your account's API tokens`,
    );
  }
  return ExitCode.ok;
}
