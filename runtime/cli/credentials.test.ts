import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliFailure } from './cli-failure';
import { credentialsPath, readCredentials, serverAuth, writeCredentials } from './credentials';
import { chooseServer, normalizeServerUrl } from './server-url';
import { cliHome, removeFixtureFiles } from './test-support';
import { UsageError } from './usage';

let home: Awaited<ReturnType<typeof cliHome>>;
beforeAll(async () => {
  home = await cliHome();
});
afterAll(() => removeFixtureFiles(home.dir));

describe('server URLs', () => {
  it('are kept in one form: no trailing slash, a path prefix kept', () => {
    expect(normalizeServerUrl('https://Twins.Example.com/', '--server')).toBe('https://twins.example.com');
    expect(normalizeServerUrl(' http://localhost:8787 ', '--server')).toBe('http://localhost:8787');
    expect(normalizeServerUrl('https://example.com/twins//', '--server')).toBe('https://example.com/twins');
    expect(() => normalizeServerUrl('https://example.com/?a=1', '--server')).toThrow(UsageError);
  });

  it('come from --server, else PROJECTTWIN_SERVER, else the fallback, else localhost:8787', () => {
    const env = { PROJECTTWIN_SERVER: 'https://env.example.com' };
    expect(chooseServer('https://flag.example.com', env, 'https://file.example.com')).toBe(
      'https://flag.example.com',
    );
    expect(chooseServer(undefined, env, 'https://file.example.com')).toBe('https://env.example.com');
    expect(chooseServer(undefined, {}, 'https://file.example.com')).toBe('https://file.example.com');
    expect(chooseServer(undefined, {})).toBe('http://localhost:8787');
  });
});

describe('the credentials file', () => {
  it('lives under XDG_CONFIG_HOME, or ~/.config when it is unset or relative', () => {
    expect(credentialsPath({ XDG_CONFIG_HOME: '/cfg' })).toBe(
      join('/cfg', 'projecttwin', 'credentials.json'),
    );
    expect(credentialsPath({ XDG_CONFIG_HOME: 'relative', HOME: '/home/ada' })).toBe(
      join('/home/ada', '.config', 'projecttwin', 'credentials.json'),
    );
    expect(credentialsPath({})).toBe(join(homedir(), '.config', 'projecttwin', 'credentials.json'));
  });

  it('reads as no logins when missing, and refuses a damaged file with a one-line reason', async () => {
    const path = join(home.dir, 'a', 'credentials.json');
    expect(await readCredentials(path)).toEqual({ servers: {} });
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, '{ not json');
    const error = await readCredentials(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliFailure);
    expect((error as CliFailure).message).toBe(
      `the credentials file ${path} is damaged (it is not { "servers": { ... } }); delete it and log in again`,
    );
  });

  it('round-trips, dropping entries that are not { token, email } and a default that names none', async () => {
    const path = join(home.dir, 'b', 'credentials.json');
    await mkdir(dirname(path), { recursive: true });
    await writeFile(
      path,
      JSON.stringify({
        servers: { 'https://a': { token: 'pt_a', email: 'a@x' }, 'https://b': { token: 1 } },
        default: 'https://b',
      }),
    );
    expect(await readCredentials(path)).toEqual({
      servers: { 'https://a': { token: 'pt_a', email: 'a@x' } },
    });
    await writeCredentials(path, {
      servers: { 'https://c': { token: 'pt_c', email: 'c@x' } },
      default: 'https://c',
    });
    expect(await readCredentials(path)).toEqual({
      servers: { 'https://c': { token: 'pt_c', email: 'c@x' } },
      default: 'https://c',
    });
  });
});

describe('serverAuth', () => {
  beforeAll(async () => {
    await writeCredentials(home.credentialsFile, {
      servers: {
        'https://one.example.com': { token: 'pt_one', email: 'ada@example.com' },
        'https://two.example.com': { token: 'pt_two', email: 'ada@example.com' },
      },
      default: 'https://two.example.com',
    });
  });

  it('uses the token stored for the server, the default server when none is named', async () => {
    expect(await serverAuth(undefined, home.env)).toEqual({
      server: 'https://two.example.com',
      token: 'pt_two',
      source: 'credentials',
    });
    expect(await serverAuth('https://one.example.com/', home.env)).toMatchObject({ token: 'pt_one' });
    expect(await serverAuth('https://three.example.com', home.env)).toEqual({
      server: 'https://three.example.com',
      token: undefined,
      source: 'none',
    });
  });

  it('lets PROJECTTWIN_TOKEN override the file, with PROJECTTWIN_SERVER or localhost as the server', async () => {
    expect(await serverAuth(undefined, { ...home.env, PROJECTTWIN_TOKEN: 'pt_ci' })).toEqual({
      server: 'http://localhost:8787',
      token: 'pt_ci',
      source: 'PROJECTTWIN_TOKEN',
    });
    const env = { ...home.env, PROJECTTWIN_TOKEN: 'pt_ci', PROJECTTWIN_SERVER: 'https://one.example.com' };
    expect(await serverAuth(undefined, env)).toMatchObject({
      server: 'https://one.example.com',
      token: 'pt_ci',
    });
  });
});
