import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBuiltins } from '../../server/seed/seed-builtins';
import { createTestApp, type TestApp, type TestUser } from '../../server/test-support/test-app';
import { memoryIo } from './cli-io';
import { main } from './main';
import {
  cliHome,
  linesOf,
  removeFixtureFiles,
  runCli,
  serveOnFreePort,
  stackFrame,
  unreachableUrl,
  type RunningServer,
} from './test-support';

let t: TestApp;
let server: RunningServer;
let ada: TestUser;
let url: string;
const homes: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  await seedBuiltins(t.database);
  ada = await t.signup('ada');
  server = await serveOnFreePort(t.app.fetch);
  url = server.url;
});
afterAll(async () => {
  await server?.close();
  await t?.close();
  await Promise.all(homes.map(removeFixtureFiles));
});

async function newHome() {
  const home = await cliHome();
  homes.push(home.dir);
  return home;
}

async function storedCredentials(file: string) {
  return JSON.parse(await readFile(file, 'utf8')) as {
    servers: Record<string, { token: string; email: string }>;
    default?: string;
  };
}

async function sessionCount(user: TestUser): Promise<number> {
  const [row] = await t.database.sql`select count(*)::int as n from sessions where user_id = ${user.id}`;
  return row.n as number;
}

async function apiTokenNames(user: TestUser): Promise<string[]> {
  const rows = await t.database
    .sql`select name from api_tokens where user_id = ${user.id} order by created_at`;
  return rows.map((row) => row.name as string);
}

function runPasswordLogin(
  home: { dir: string; env: Record<string, string> },
  password: string,
  email = ada.email,
) {
  return runCli(['login', '--server', url, '--email', email, '--password-stdin'], home.dir, home.env, {
    input: `${password}\n`,
  });
}

describe('projecttwin login with an email and --password-stdin', () => {
  it('stores a token that works in a 0600 file, and logs its session out', async () => {
    const home = await newHome();
    const sessionsBefore = await sessionCount(ada);
    const tokensBefore = await apiTokenNames(ada);

    const run = await runPasswordLogin(home, 'ada-password-123');

    expect(run.stderr).toBe('');
    expect(linesOf(run.stdout)).toEqual([
      `Logged in to ${url} as ada@example.com; the token is stored in ${home.credentialsFile}.`,
    ]);
    expect(run.code).toBe(0);
    if (process.platform !== 'win32') {
      expect((await stat(home.credentialsFile)).mode & 0o777).toBe(0o600);
      expect((await stat(dirname(home.credentialsFile))).mode & 0o777).toBe(0o700);
    }
    const stored = await storedCredentials(home.credentialsFile);
    expect(stored).toEqual({
      servers: { [url]: { token: expect.stringMatching(/^pt_[\w-]{40,}$/), email: 'ada@example.com' } },
      default: url,
    });
    const me = await t.withToken(stored.servers[url].token).request('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { id: string } }).user.id).toBe(ada.id);
    expect(await apiTokenNames(ada)).toEqual([...tokensBefore, `projecttwin CLI on ${hostname()}`]);
    expect(await sessionCount(ada)).toBe(sessionsBefore);
  });

  it('answers a wrong password with one line and exit 1, and stores nothing', async () => {
    const home = await newHome();
    const run = await runPasswordLogin(home, 'not-the-password');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(linesOf(run.stderr)).toEqual([
      'projecttwin: login failed: The email or the password is not right. (invalid_credentials)',
    ]);
    await expect(stat(home.credentialsFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('keeps the logins to other servers and makes the new one the default', async () => {
    const home = await newHome();
    const other = { token: 'pt_other', email: 'ada@elsewhere.example' };
    await mkdir(dirname(home.credentialsFile), { recursive: true });
    await writeFile(
      home.credentialsFile,
      JSON.stringify({
        servers: { 'https://twins.example.com': other },
        default: 'https://twins.example.com',
      }),
    );
    const run = await runPasswordLogin(home, 'ada-password-123');
    expect(run.code).toBe(0);
    const stored = await storedCredentials(home.credentialsFile);
    expect(Object.keys(stored.servers).sort()).toEqual(['https://twins.example.com', url].sort());
    expect(stored.servers['https://twins.example.com']).toEqual(other);
    expect(stored.default).toBe(url);
  });

  it('refuses to ask for a password when stdin is not a terminal: usage error, exit 2', async () => {
    const home = await newHome();
    const run = await runCli(['login', '--server', url, '--email', ada.email], home.dir, home.env);
    expect(run.code).toBe(2);
    expect(linesOf(run.stderr)[0]).toBe(
      'projecttwin: stdin is not a terminal, so the password cannot be asked; pipe it with --password-stdin',
    );
  });

  it('takes the server from PROJECTTWIN_SERVER, with a trailing slash dropped', async () => {
    const home = await newHome();
    const run = await runCli(
      ['login', '--email', ada.email, '--password-stdin'],
      home.dir,
      {
        ...home.env,
        PROJECTTWIN_SERVER: `${url}/`,
      },
      { input: 'ada-password-123' },
    );
    expect(run.code).toBe(0);
    expect(linesOf(run.stdout)[0]).toMatch(new RegExp(`^Logged in to ${url} as ada@example\\.com;`));
    expect(Object.keys((await storedCredentials(home.credentialsFile)).servers)).toEqual([url]);
  });
});

describe('projecttwin login on a terminal', () => {
  it('asks for the email, then for the password without echo', async () => {
    const home = await newHome();
    const io = memoryIo({ env: home.env });
    const asked: [string, boolean][] = [];
    const answers: Record<string, string> = {
      'Email: ': ' ada@example.com ',
      'Password: ': 'ada-password-123',
    };
    io.stdin = {
      isTTY: true,
      readAll: async () => '',
      ask: async (question, options) => {
        asked.push([question, options?.hidden === true]);
        return answers[question];
      },
    };
    expect(await main(['login', '--server', url], io)).toBe(0);
    expect(asked).toEqual([
      ['Email: ', false],
      ['Password: ', true],
    ]);
    expect(io.out).toEqual([
      `Logged in to ${url} as ada@example.com; the token is stored in ${home.credentialsFile}.`,
    ]);
    expect(io.err).toEqual([]);
  });
});

describe('projecttwin login --token', () => {
  it('checks the token with the server and stores it', async () => {
    const home = await newHome();
    const created = await t.as(ada).request('POST', '/api/auth/tokens', { name: 'made in the browser' });
    const { token } = (await created.json()) as { token: string };
    const run = await runCli(['login', '--server', url, '--token', token], home.dir, home.env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(linesOf(run.stdout)).toEqual([
      `Logged in to ${url} as ada@example.com; the token is stored in ${home.credentialsFile}.`,
    ]);
    expect(await storedCredentials(home.credentialsFile)).toEqual({
      servers: { [url]: { token, email: 'ada@example.com' } },
      default: url,
    });
  });

  it('refuses a token the server does not know, in one line, exit 1', async () => {
    const home = await newHome();
    const run = await runCli(
      ['login', '--server', url, '--token', 'pt_not-a-real-token'],
      home.dir,
      home.env,
    );
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual([
      'projecttwin: login failed: This API token is not valid (it may have been deleted); create a new one. (invalid_token)',
    ]);
    await expect(stat(home.credentialsFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('projecttwin login against a server that is not there', () => {
  it('prints one line naming the URL, exit 1, no stack trace', async () => {
    const home = await newHome();
    const down = await unreachableUrl();
    const run = await runCli(['login', '--server', down, '--token', 'pt_whatever'], home.dir, home.env);
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual([
      `projecttwin: cannot reach the server at ${down}: connection refused (ECONNREFUSED)`,
    ]);
    expect(run.stderr).not.toMatch(stackFrame);
  });
});

describe('projecttwin login against something that is not a ProjectTwin server', () => {
  it('says so in one line, exit 1', async () => {
    const home = await newHome();
    const web = await serveOnFreePort(
      () => new Response('<html>hello</html>', { headers: { 'content-type': 'text/html' } }),
    );
    const run = await runCli(['login', '--server', web.url, '--token', 'pt_x'], home.dir, home.env);
    await web.close();
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual([
      `projecttwin: login failed: the server at ${web.url} answered GET /api/auth/me with 200 OK and no ProjectTwin answer; is it a ProjectTwin server?`,
    ]);
  });
});

describe('projecttwin logout', () => {
  it('deletes the token on the server and forgets it; the default server is used without --server', async () => {
    const home = await newHome();
    expect((await runPasswordLogin(home, 'ada-password-123')).code).toBe(0);
    const { token } = (await storedCredentials(home.credentialsFile)).servers[url];

    const run = await runCli(['logout'], home.dir, home.env);

    expect(run.stderr).toBe('');
    expect(linesOf(run.stdout)).toEqual([
      `Logged out of ${url}: the token was deleted on the server and removed from ${home.credentialsFile}.`,
    ]);
    expect(run.code).toBe(0);
    expect((await t.withToken(token).request('GET', '/api/auth/me')).status).toBe(401);
    expect(await storedCredentials(home.credentialsFile)).toEqual({ servers: {} });

    const again = await runCli(['logout', '--server', url], home.dir, home.env);
    expect(again.code).toBe(0);
    expect(linesOf(again.stdout)).toEqual([`Not logged in to ${url}; there is no token to forget.`]);
  });

  it('still forgets the token when the server cannot be reached, and warns that it lives on', async () => {
    const home = await newHome();
    const down = await unreachableUrl();
    await mkdir(dirname(home.credentialsFile), { recursive: true });
    await writeFile(
      home.credentialsFile,
      JSON.stringify({
        servers: {
          [down]: { token: 'pt_x', email: 'ada@example.com' },
          [url]: { token: 'pt_y', email: 'a@b.c' },
        },
        default: down,
      }),
    );
    const run = await runCli(['logout', '--server', down], home.dir, home.env);
    expect(run.code).toBe(0);
    expect(linesOf(run.stdout)).toEqual([
      `Logged out of ${down}: the token was removed from ${home.credentialsFile}.`,
    ]);
    expect(linesOf(run.stderr)).toEqual([
      `projecttwin: warning: cannot reach the server at ${down}: connection refused (ECONNREFUSED); the token still works on the server until you delete it in your account's API tokens`,
    ]);
    expect(await storedCredentials(home.credentialsFile)).toEqual({
      servers: { [url]: { token: 'pt_y', email: 'a@b.c' } },
      default: url,
    });
  });
});
