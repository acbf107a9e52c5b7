// Helpers for the CLI's tests: run the real `bin/projecttwin.js` as a child process on files in a temp folder,
// against a real HTTP server when a test needs one. Nothing here imports server/ (runtime/ must not).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';

const binPath = fileURLToPath(new URL('../../bin/projecttwin.js', import.meta.url));
const examplePath = fileURLToPath(new URL('../../docs/examples/pump-fleet.blueprint.json', import.meta.url));

/** What one run of the CLI process gave. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The variables the CLI reads that the test's own environment must not leak into a run. */
const CLI_VARIABLES = ['PROJECTTWIN_DEBUG', 'PROJECTTWIN_SERVER', 'PROJECTTWIN_TOKEN', 'XDG_CONFIG_HOME'];

/**
 * Runs `node bin/projecttwin.js ...args` in `cwd`, without colour and without PROJECTTWIN_DEBUG,
 * PROJECTTWIN_SERVER, PROJECTTWIN_TOKEN or XDG_CONFIG_HOME unless `env` sets them. `input` is written to its
 * stdin, which is then closed (a run that reads stdin gets end of file when there is none).
 * @example const { code, stdout } = await runCli(['validate', 'a.json'], dir)
 * @example await runCli(['login', '--email', 'ada@example.com', '--password-stdin'], dir, env, { input: 'secret\n' })
 */
export function runCli(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
  options: { input?: string; user?: string } = {},
): Promise<CliRun> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
  for (const name of CLI_VARIABLES) if (env[name] === undefined) delete childEnv[name];
  return new Promise((resolve, reject) => {
    // With `user`, the CLI runs as that system user (through runuser; the caller must be root).
    const [command, argv] = options.user
      ? ['runuser', ['-u', options.user, '--', process.execPath, binPath, ...args]]
      : [process.execPath, [binPath, ...args]];
    const child = execFile(
      command,
      argv,
      { cwd, env: childEnv, timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
    child.stdin?.end(options.input ?? '');
  });
}

/** A real HTTP server on a free port of 127.0.0.1. */
export interface RunningServer {
  /** Its base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a fetch handler (a Hono app's `app.fetch`) over real HTTP on a free port, as `npm start` would.
 * @example const server = await serveOnFreePort(t.app.fetch); afterAll(() => server.close())
 */
export function serveOnFreePort(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<RunningServer> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/**
 * The URL of a port nothing listens on: a port the system just handed out and that was closed again.
 * @example const url = await unreachableUrl() // 'http://127.0.0.1:39817'
 */
export function unreachableUrl(): Promise<string> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(`http://127.0.0.1:${port}`));
    });
  });
}

/**
 * A new empty folder to serve as the CLI's XDG_CONFIG_HOME (where it keeps its credentials), and the env that
 * points it there.
 * @example const home = await cliHome(); await runCli(['login', ...], dir, home.env)
 */
export async function cliHome(): Promise<{
  dir: string;
  env: { XDG_CONFIG_HOME: string };
  credentialsFile: string;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'projecttwin-cli-home-'));
  return {
    dir,
    env: { XDG_CONFIG_HOME: dir },
    credentialsFile: join(dir, 'projecttwin', 'credentials.json'),
  };
}

/**
 * The lines of an output, without the empty last one after the final newline.
 * @example linesOf('a\nb\n') // ['a', 'b']
 */
export function linesOf(output: string): string[] {
  const lines = output.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * The shipped example blueprint (docs/examples/pump-fleet.blueprint.json), parsed: a fresh copy each call.
 * @example const blueprint = await exampleBlueprint(); blueprint.nodes[0].id // 'telemetry'
 */
export async function exampleBlueprint(): Promise<{
  nodes: { id: string; type: string; config: Record<string, unknown> }[];
  edges: { from: string; to: string }[];
  inputs: Record<string, unknown>;
}> {
  return JSON.parse(await readFile(examplePath, 'utf8'));
}

/**
 * The JSON pointers of the two errors in `broken.json`, from where the nodes are in the shipped example.
 * @example const { unknownType } = await brokenPointers() // '/nodes/1/type'
 */
export async function brokenPointers(): Promise<{ unknownType: string; missingColumn: string }> {
  const ids = (await exampleBlueprint()).nodes.map((node) => node.id);
  return {
    unknownType: `/nodes/${ids.indexOf('features')}/type`,
    missingColumn: `/nodes/${ids.indexOf('trend')}/config/y/0`,
  };
}

/**
 * Writes the test files into a new temp folder and returns its path: `good.json` (the shipped example),
 * `broken.json` (an unknown node type and a missing column), `warn.json` (an unused input: a warning only),
 * `empty.json`, `not-json.json`, `array.json`, `model-card.json` and the folder `folder.json`.
 * @example const dir = await writeFixtureFiles(); await runCli(['validate', 'good.json'], dir)
 */
export async function writeFixtureFiles(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'projecttwin-cli-'));
  const good = await exampleBlueprint();
  const broken = await exampleBlueprint();
  const features = broken.nodes.find((node) => node.id === 'features')!;
  features.type = 'core/no-such-node@^1';
  const trend = broken.nodes.find((node) => node.id === 'trend')!;
  trend.config.y = ['pressure'];
  const warn = await exampleBlueprint();
  warn.inputs.unused = { kind: 'table', columns: { a: { type: 'text' } } };
  const modelCard = { name: 'pump-rul', version: '1.0.0', task: 'regression', inputs: [], outputs: [] };
  await Promise.all([
    writeFile(join(dir, 'good.json'), JSON.stringify(good, null, 2)),
    writeFile(join(dir, 'broken.json'), JSON.stringify(broken, null, 2)),
    writeFile(join(dir, 'warn.json'), JSON.stringify(warn, null, 2)),
    writeFile(join(dir, 'empty.json'), ''),
    writeFile(join(dir, 'not-json.json'), '{ "name": "pump", oops }'),
    writeFile(join(dir, 'array.json'), '[{ "nodes": [] }]'),
    writeFile(join(dir, 'model-card.json'), JSON.stringify(modelCard)),
    mkdir(join(dir, 'folder.json')),
  ]);
  return dir;
}

/**
 * Removes a folder made by writeFixtureFiles.
 * @example afterAll(() => removeFixtureFiles(dir))
 */
export function removeFixtureFiles(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/**
 * A pattern matching text that starts with `prefix`, taken literally.
 * @example expect('a.json:/x: error PT130: ...').toMatch(startingWith('a.json:/x: error PT130: '))
 */
export function startingWith(prefix: string): RegExp {
  return new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`);
}

/** Matches a stack frame line, which the CLI must never print unless PROJECTTWIN_DEBUG=1. */
export const stackFrame = /^ {4}at /m;

/**
 * Writes `data` as JSON to `path`, creating its folder.
 * @example await writeJsonFile(join(dir, 'gauge', 'manifest.json'), manifest)
 */
export async function writeJsonFile(path: string, data: unknown): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(data, null, 2));
  return path;
}

/** The shipped example blueprint with the name and version it is published under. */
export type NamedBlueprint = Awaited<ReturnType<typeof exampleBlueprint>> & { name: string; version: string };

/**
 * Writes the shipped example blueprint to `dir/file` under another name and version, changed by `edit`.
 * @example await writeExampleBlueprint(dir, 'pumps.json', 'my-pumps', '1.2.0')
 */
export async function writeExampleBlueprint(
  dir: string,
  file: string,
  name: string,
  version: string,
  edit?: (blueprint: NamedBlueprint) => void,
): Promise<NamedBlueprint> {
  const blueprint: NamedBlueprint = { ...(await exampleBlueprint()), name, version };
  edit?.(blueprint);
  await writeJsonFile(join(dir, file), blueprint);
  return blueprint;
}

/**
 * Logs the CLI in to `server` as an account, with its password on stdin; throws when that fails.
 * @example await loginWithPassword(url, 'ada@example.com', 'ada-password-123', home.env, dir)
 */
export async function loginWithPassword(
  server: string,
  email: string,
  password: string,
  env: Record<string, string>,
  cwd: string,
): Promise<void> {
  const args = ['login', '--server', server, '--email', email, '--password-stdin'];
  const run = await runCli(args, cwd, env, { input: `${password}\n` });
  if (run.code !== 0) throw new Error(`projecttwin login failed (${run.code}): ${run.stderr}`);
}
