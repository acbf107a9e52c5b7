import { join } from 'node:path';
import { getJson, startPublishSetup, stopPublishSetup } from './publish-test-setup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryCounts } from '../../server/registry/test-fixtures';
import { createTestApp, type TestApp, type TestUser } from '../../server/test-support/test-app';
import {
  brokenPointers,
  cliHome,
  linesOf,
  removeFixtureFiles,
  runCli,
  serveOnFreePort,
  stackFrame,
  startingWith,
  unreachableUrl,
  writeExampleBlueprint,
  writeJsonFile,
  type RunningServer,
} from './test-support';

// publish of blueprints (checked locally, then by the server) and every way publish can fail; the other kinds
// of documents are in publish-kinds.test.ts.

let t: TestApp;
let server: RunningServer;
let ada: TestUser;
let url: string;
let dir: string;
let home: Awaited<ReturnType<typeof cliHome>>;
let token: string;

/** The env of a run logged in as ada (her token in the credentials file, the server its default). */
const loggedIn = () => home.env;

beforeAll(async () => {
  ({ t, server, ada, url, dir, home } = await startPublishSetup('projecttwin-cli-publish-'));
  const created = await t.as(ada).request('POST', '/api/auth/tokens', { name: 'ci' });
  token = ((await created.json()) as { token: string }).token;
});
afterAll(() => stopPublishSetup({ t, server, dir, home }));

describe('projecttwin publish <blueprint>', () => {
  it('checks it, publishes it and prints where it is; the API serves it back with its lock', async () => {
    const blueprint = await writeExampleBlueprint(dir, 'pumps.json', 'cli-pumps', '1.2.0');
    const run = await runCli(['publish', 'pumps.json'], dir, loggedIn());
    expect(run.stderr).toBe('');
    expect(linesOf(run.stdout)).toEqual([
      `Published blueprint cli-pumps@1.2.0 (${url}/api/blueprints/cli-pumps)`,
    ]);
    expect(run.code).toBe(0);

    const { status, body } = await getJson(t, '/api/blueprints/cli-pumps');
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: 'cli-pumps', latestVersion: '1.2.0', owner: { id: ada.id } });
    expect(body.document.nodes).toEqual(blueprint.nodes);
    expect(Object.keys(body.document.lock)).toEqual(
      expect.arrayContaining(['core/source.table', 'core/window', 'core/chart.line']),
    );
  });

  it('prints the server refusal of the same version again in one line (409), exit 1', async () => {
    await writeExampleBlueprint(dir, 'pumps-again.json', 'cli-again', '1.0.0');
    expect((await runCli(['publish', 'pumps-again.json'], dir, loggedIn())).code).toBe(0);
    const before = await registryCounts(t);

    const run = await runCli(['publish', 'pumps-again.json'], dir, loggedIn());

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(linesOf(run.stderr)).toEqual([
      'projecttwin: not published: Version 1.0.0 of the blueprint "cli-again" is already published, and published versions never change; publish it under a new version number. (version_exists)',
    ]);
    expect(await registryCounts(t)).toEqual(before);
  });

  it('stops a blueprint that does not compile before the server: problems like validate, then one line', async () => {
    const pointers = await brokenPointers();
    await writeExampleBlueprint(dir, 'broken.json', 'cli-broken', '1.0.0', (b) => {
      b.nodes.find((node) => node.id === 'features')!.type = 'core/no-such-node@^1';
      b.nodes.find((node) => node.id === 'trend')!.config.y = ['pressure'];
    });
    const before = await registryCounts(t);

    const run = await runCli(['publish', 'broken.json'], dir, loggedIn());

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = linesOf(run.stderr);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(startingWith(`broken.json:${pointers.unknownType}: error PT102: `));
    expect(lines[1]).toMatch(startingWith(`broken.json:${pointers.missingColumn}: error PT130: `));
    expect(lines[2]).toBe('projecttwin: not published: broken.json has 2 errors; fix them and publish again');
    expect((await getJson(t, '/api/blueprints/cli-broken')).status).toBe(404);
    expect(await registryCounts(t)).toEqual(before);
  });

  it('checks a blueprint of built-in node types without the server: the same problems when it is down', async () => {
    const pointers = await brokenPointers();
    await writeExampleBlueprint(dir, 'offline.json', 'cli-offline', '1.0.0', (b) => {
      b.nodes.find((node) => node.id === 'trend')!.config.y = ['pressure'];
    });
    const run = await runCli(['publish', 'offline.json', '--server', await unreachableUrl()], dir, {
      PROJECTTWIN_TOKEN: token,
    });
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual([
      expect.stringMatching(startingWith(`offline.json:${pointers.missingColumn}: error PT130: `)),
      'projecttwin: not published: offline.json has 1 error; fix it and publish again',
    ]);
  });

  it('reports PT105 for a node type beyond the built-ins when the server cannot be reached', async () => {
    const pointers = await brokenPointers();
    await writeExampleBlueprint(dir, 'unknown-type.json', 'cli-unknown-type', '1.0.0', (b) => {
      b.nodes.find((node) => node.id === 'features')!.type = 'core/no-such-node@^1';
    });
    const down = await unreachableUrl();
    const run = await runCli(['publish', 'unknown-type.json', '--server', down], dir, {
      PROJECTTWIN_TOKEN: token,
    });
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)[0]).toBe(
      `unknown-type.json:${pointers.unknownType}: error PT105: The node type core/no-such-node could not be looked up: Error: cannot reach the server at ${down}: connection refused (ECONNREFUSED). Try again later.`,
    );
  });

  it('uses PROJECTTWIN_TOKEN and PROJECTTWIN_SERVER instead of the credentials file (CI)', async () => {
    await writeExampleBlueprint(dir, 'ci.json', 'cli-from-ci', '0.1.0');
    const emptyHome = await cliHome();
    const run = await runCli(['publish', 'ci.json'], dir, {
      ...emptyHome.env,
      PROJECTTWIN_TOKEN: token,
      PROJECTTWIN_SERVER: url,
    });
    await removeFixtureFiles(emptyHome.dir);
    expect(run.stderr).toBe('');
    expect(linesOf(run.stdout)).toEqual([
      `Published blueprint cli-from-ci@0.1.0 (${url}/api/blueprints/cli-from-ci)`,
    ]);
    expect((await getJson(t, '/api/blueprints/cli-from-ci')).body.owner.id).toBe(ada.id);
  });

  it('with --json prints only the outcome as JSON, on success and on refusal', async () => {
    await writeExampleBlueprint(dir, 'json.json', 'cli-json', '2.0.0');
    const ok = await runCli(['publish', 'json.json', '--json'], dir, loggedIn());
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe('');
    expect(JSON.parse(ok.stdout)).toEqual({
      ok: true,
      kind: 'blueprint',
      name: 'cli-json',
      version: '2.0.0',
      url: `${url}/api/blueprints/cli-json`,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      artifact: null,
      problems: [],
    });

    const again = await runCli(['publish', 'json.json', '--json'], dir, loggedIn());
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('');
    expect(JSON.parse(again.stdout)).toEqual({
      ok: false,
      kind: 'blueprint',
      error: {
        code: 'version_exists',
        status: 409,
        message: expect.stringMatching(/^Version 2\.0\.0 of the blueprint "cli-json" is already published/),
      },
      problems: [],
    });
  });
});

describe('projecttwin publish when it cannot', () => {
  it('not logged in: one line telling to run projecttwin login, exit 1, nothing published', async () => {
    await writeExampleBlueprint(dir, 'anon.json', 'cli-anon', '1.0.0');
    const emptyHome = await cliHome();
    const run = await runCli(['publish', 'anon.json', '--server', url], dir, emptyHome.env);
    await removeFixtureFiles(emptyHome.dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(linesOf(run.stderr)).toEqual([
      `projecttwin: not logged in to ${url}; run projecttwin login --server ${url} (or set PROJECTTWIN_TOKEN)`,
    ]);
    expect((await getJson(t, '/api/blueprints/cli-anon')).status).toBe(404);
  });

  it('a stored token the server no longer knows: the refusal and how to log in again', async () => {
    await writeExampleBlueprint(dir, 'stale.json', 'cli-stale', '1.0.0');
    const staleHome = await cliHome();
    await writeJsonFile(staleHome.credentialsFile, {
      servers: { [url]: { token: 'pt_deleted', email: 'ada@example.com' } },
      default: url,
    });
    const run = await runCli(['publish', 'stale.json'], dir, staleHome.env);
    await removeFixtureFiles(staleHome.dir);
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual([
      `projecttwin: not published: This API token is not valid (it may have been deleted); create a new one. (invalid_token); log in again with projecttwin login --server ${url}`,
    ]);

    const ci = await runCli(['publish', 'stale.json', '--server', url], dir, {
      PROJECTTWIN_TOKEN: 'pt_wrong',
    });
    expect(ci.code).toBe(1);
    expect(linesOf(ci.stderr)).toEqual([
      'projecttwin: not published: This API token is not valid (it may have been deleted); create a new one. (invalid_token); PROJECTTWIN_TOKEN holds a token this server does not accept',
    ]);
  });

  it('server unreachable: one line with the URL, exit 1, no stack trace', async () => {
    await writeExampleBlueprint(dir, 'far.json', 'cli-far', '1.0.0');
    const down = await unreachableUrl();
    const run = await runCli(['publish', 'far.json', '--server', down], dir, { PROJECTTWIN_TOKEN: token });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(linesOf(run.stderr)).toEqual([
      `projecttwin: cannot reach the server at ${down}: connection refused (ECONNREFUSED)`,
    ]);
    expect(run.stderr).not.toMatch(stackFrame);
  });

  it.each([
    [['publish'], 'projecttwin: publish takes exactly one path (got none)'],
    [['publish', 'a.json', 'b.json'], 'projecttwin: publish takes exactly one path (got 2)'],
    [['publish', 'a.json', '--token', 'x'], 'projecttwin: publish does not take --token (login does)'],
    [
      ['publish', 'a.json', '--server', 'localhost:8787'],
      "projecttwin: --server 'localhost:8787' is not an http or https URL; write it like http://localhost:8787 or https://twins.example.com",
    ],
    [
      ['publish', 'pumps.json', '--model', 'x.onnx'],
      'projecttwin: --model goes with a model card, not with a blueprint',
    ],
  ])('%j is a usage error, exit 2', async (args, reason) => {
    const run = await runCli(args, dir, loggedIn());
    expect(run.code).toBe(2);
    expect(linesOf(run.stderr)[0]).toBe(reason);
  });

  it('a file that is not there, or cannot be told apart: one line naming it', async () => {
    await writeJsonFile(join(dir, 'mystery.json'), { hello: 'world' });
    const missing = await runCli(['publish', 'nope.json'], dir, loggedIn());
    expect(missing.code).toBe(1);
    expect(linesOf(missing.stderr)).toEqual(['nope.json: error: file not found']);
    const mystery = await runCli(['publish', 'mystery.json'], dir, loggedIn());
    expect(mystery.code).toBe(1);
    expect(linesOf(mystery.stderr)).toEqual([
      'mystery.json: error: cannot tell what to publish: a blueprint has "nodes", a layout has "kind": "mosaic", a model card has "task" and "inputs", and a component is a folder with a manifest.json',
    ]);
  });
});

describe('projecttwin publish against a server that does not know the built-in node types', () => {
  let bare: TestApp;
  let bareServer: RunningServer;
  beforeAll(async () => {
    bare = await createTestApp();
    bareServer = await serveOnFreePort(bare.app.fetch);
  });
  afterAll(async () => {
    await bareServer?.close();
    await bare?.close();
  });

  it('prints the compiler problems of the 422, one per line, then the refusal in one line', async () => {
    const bob = await bare.signup('bob');
    const created = await bare.as(bob).request('POST', '/api/auth/tokens', { name: 'ci' });
    const bobToken = ((await created.json()) as { token: string }).token;
    const blueprint = await writeExampleBlueprint(dir, 'bare.json', 'cli-bare', '1.0.0');

    const run = await runCli(['publish', 'bare.json', '--server', bareServer.url], dir, {
      PROJECTTWIN_TOKEN: bobToken,
    });

    expect(run.code).toBe(1);
    const lines = linesOf(run.stderr);
    const nodeProblems = blueprint.nodes.map((_, index) => `bare.json:/nodes/${index}/type: error PT102`);
    expect(lines.slice(0, -1).map((line) => line.split(': ').slice(0, 2).join(': '))).toEqual(
      expect.arrayContaining(nodeProblems),
    );
    expect(lines.at(-1)).toMatch(
      /^projecttwin: not published: This blueprint does not compile, so it cannot be published: PT102 .* \(and \d+ more\) \(blueprint_invalid\)$/,
    );
  });
});
