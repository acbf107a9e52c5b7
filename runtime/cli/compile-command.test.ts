import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionPlan } from '../compiler/plan';
import {
  brokenPointers,
  exampleBlueprint,
  linesOf,
  removeFixtureFiles,
  runCli,
  startingWith,
  writeFixtureFiles,
} from './test-support';

let dir: string;
let pointers: Awaited<ReturnType<typeof brokenPointers>>;
beforeAll(async () => {
  [dir, pointers] = await Promise.all([writeFixtureFiles(), brokenPointers()]);
});
afterAll(() => removeFixtureFiles(dir));

/** The node rows of the text plan: `  <n>.  <id>  <type>@<version>  <category>  ...`. */
function nodeRows(stdout: string): string[][] {
  return linesOf(stdout)
    .map((line) => /^ {2}(\d+)\.\s+(\S+)\s+(\S+)\s+(source|transform|model|component)\b/.exec(line))
    .filter((match) => match !== null)
    .map((match) => match.slice(1));
}

describe.concurrent('projecttwin compile', () => {
  it('prints the nodes in execution order with type@version and category', async () => {
    const run = await runCli(['compile', 'good.json'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const rows = nodeRows(run.stdout);
    expect(rows.map((row) => row[0])).toEqual(['1', '2', '3', '4', '5', '6']);
    const order = rows.map((row) => row[1]);
    expect([...order].sort()).toEqual(['features', 'fleet_rul', 'health', 'rul', 'telemetry', 'trend']);
    for (const edge of (await exampleBlueprint()).edges) {
      expect(order.indexOf(edge.from.split('.')[0])).toBeLessThan(order.indexOf(edge.to.split('.')[0]));
    }
    expect(rows.find((row) => row[1] === 'telemetry')?.slice(2)).toEqual([
      'core/source.table@1.0.0',
      'source',
    ]);
    expect(rows.find((row) => row[1] === 'features')?.slice(2)).toEqual(['core/window@1.0.0', 'transform']);
    expect(rows.find((row) => row[1] === 'rul')?.slice(2)).toEqual(['core/model.onnx@1.0.0', 'model']);
    expect(rows.find((row) => row[1] === 'trend')?.slice(2)).toEqual(['core/chart.line@1.0.0', 'component']);
  });

  it('prints each edge with its kind and the inferred columns as name:type[unit]', async () => {
    const run = await runCli(['compile', 'good.json'], dir);
    const text = run.stdout;
    expect(text).toMatch(/^ {2}telemetry\.rows -> features\.rows {2}table$/m);
    const afterModel = text.split(/^ {2}rul\.rows -> fleet_rul\.rows {2}table$/m)[1].split(/\n {2}\S/)[0];
    expect(afterModel).toContain('pump_id:text');
    expect(afterModel).toContain('vibration_rms:float8[mm/s]');
    expect(afterModel).toContain('vibration_rms_mean:float8[mm/s]');
    expect(afterModel).toContain('rul_hours:float8[h]');
    expect(text).toMatch(/^Panels \(3\): trend, fleet_rul, health$/m);
    expect(text).toMatch(/^Layout: mosaic row\(column\(fleet_rul 30%, health 70%\), trend\)$/m);
    expect(text).toMatch(/^ {2}core\/window +1\.0\.0 {2}sha256:[0-9a-f]{64}$/m);
  });

  it('with --json prints only { ok, plan, problems } on stdout, the same order as the text', async () => {
    const [json, text] = await Promise.all([
      runCli(['compile', '--json', 'good.json'], dir),
      runCli(['compile', 'good.json'], dir),
    ]);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    const output = JSON.parse(json.stdout) as { ok: boolean; plan: ExecutionPlan; problems: unknown[] };
    expect(Object.keys(output)).toEqual(['ok', 'plan', 'problems']);
    expect(output.ok).toBe(true);
    expect(output.problems).toEqual([]);
    expect(output.plan.nodes.map((node) => node.id)).toEqual(nodeRows(text.stdout).map((row) => row[1]));
    expect(output.plan.panels).toEqual(['trend', 'fleet_rul', 'health']);
    expect(Object.keys(output.plan.lock)).toContain('core/source.table');
  });

  it('prints the problems on stderr, nothing on stdout, and exits 1 when the blueprint has errors', async () => {
    const run = await runCli(['compile', 'broken.json'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(linesOf(run.stderr)).toEqual([
      expect.stringMatching(startingWith(`broken.json:${pointers.unknownType}: error PT102: `)),
      expect.stringMatching(startingWith(`broken.json:${pointers.missingColumn}: error PT130: `)),
      '1 file checked: 1 with errors, 2 errors, 0 warnings',
    ]);
  });

  it('with --json gives { ok: false, problems } without a plan when the blueprint has errors', async () => {
    const run = await runCli(['compile', 'broken.json', '--json'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const output = JSON.parse(run.stdout) as { ok: boolean; problems: { code: string }[] };
    expect(Object.keys(output)).toEqual(['ok', 'problems']);
    expect(output.ok).toBe(false);
    expect(output.problems.map((p) => p.code)).toEqual(['PT102', 'PT130']);
  });

  it('prints the plan on stdout and the warnings on stderr, exit 0, when there are only warnings', async () => {
    const run = await runCli(['compile', 'warn.json'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Plan for pump-fleet-monitor@1\.0\.0 \(Pump fleet monitor\)$/m);
    expect(linesOf(run.stderr)).toEqual([
      expect.stringMatching(/^warn\.json:\/inputs\/unused: warning PT150: /),
      '1 file checked: 0 with errors, 0 errors, 1 warning',
    ]);
  });
});
