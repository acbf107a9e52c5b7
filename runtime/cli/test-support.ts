// Helpers for the CLI's tests: run the real `bin/projecttwin.js` as a child process on files in a temp folder.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const binPath = fileURLToPath(new URL('../../bin/projecttwin.js', import.meta.url));
const examplePath = fileURLToPath(new URL('../../docs/examples/pump-fleet.blueprint.json', import.meta.url));

/** What one run of the CLI process gave. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node bin/projecttwin.js ...args` in `cwd`, without colour and without PROJECTTWIN_DEBUG.
 * @example const { code, stdout } = await runCli(['validate', 'a.json'], dir)
 */
export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
  if (env.PROJECTTWIN_DEBUG === undefined) delete childEnv.PROJECTTWIN_DEBUG;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [binPath, ...args],
      { cwd, env: childEnv, timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
  });
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
