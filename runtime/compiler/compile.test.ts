import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemCatalogue, type Problem } from '../../schemas/problems';
import { compileBlueprint } from './compile';
import type { NodeTypeRegistry } from './registry';
import { valueAt } from './pointer';
import { registryWithOutage } from './test-registry';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const read = (path: string) => readFileSync(`${fixtures}${path}`, 'utf8');
const invalid = readdirSync(`${fixtures}invalid`).sort();
const valid = readdirSync(`${fixtures}valid`).sort();
/** Codes exercised outside the fixtures, and where. */
const TESTED_ELSEWHERE: Record<string, string> = { PT006: 'schemas/load.test.ts (a migration that throws)' };
const WARNINGS = new Set(['PT150', 'PT162']);

let registry: NodeTypeRegistry;
beforeAll(async () => {
  registry = await registryWithOutage();
});

function expectWellFormed(problems: Problem[], text: string): void {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    doc = undefined;
  }
  for (const p of problems) {
    expect(Object.keys(problemCatalogue)).toContain(p.code);
    expect(['error', 'warning']).toContain(p.severity);
    expect(p.message.length).toBeGreaterThan(20);
    expect(p.message).not.toMatch(/undefined|\[object Object\]|must NOT|should match/);
    expect(p.pointer).toMatch(/^(\/[^/]*)*$/);
    // The pointer addresses something that exists in the document, so an editor can underline it.
    if (doc !== undefined && p.pointer !== '')
      expect(valueAt(doc, p.pointer), `${p.code} ${p.pointer}`).not.toBeUndefined();
  }
}

describe('valid blueprints compile to a plan', () => {
  it.each(valid)('%s', async (file) => {
    const text = read(`valid/${file}`);
    const result = await compileBlueprint(text, { registry });
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('orders nodes after their producers and infers the columns on every edge', async () => {
    const result = await compileBlueprint(read('valid/pump-fleet.json'), { registry });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { plan } = result;
    const order = plan.nodes.map((n) => n.id);
    for (const edge of plan.edges)
      expect(order.indexOf(edge.from.node)).toBeLessThan(order.indexOf(edge.to.node));
    const intoModel = plan.edges.find((e) => e.to.node === 'rul')!;
    expect(intoModel.kind).toBe('table');
    expect(intoModel.columns!.find((c) => c.name === 'vibration_rms_mean')).toEqual({
      name: 'vibration_rms_mean',
      type: 'float8',
      unit: 'mm/s',
      role: 'measure',
    });
    const out = plan.edges.find((e) => e.from.node === 'rul' && e.to.node === 'health')!;
    expect(out.columns!.map((c) => c.name)).toEqual([
      'id',
      'pump_id',
      'ts',
      'vibration_rms',
      'bearing_temp',
      'vibration_rms_mean',
      'bearing_temp_max',
      'rul_hours',
    ]);
    expect(plan.panels.sort()).toEqual(['fleet_rul', 'health', 'trend']);
    expect(Object.keys(plan.lock)).toEqual([
      'core/chart.line',
      'core/kpi',
      'core/model.onnx',
      'core/source.table',
      'core/table',
      'core/window',
    ]);
    for (const entry of Object.values(plan.lock))
      expect(entry).toMatchObject({ version: '1.0.0', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const telemetry = plan.nodes.find((n) => n.id === 'telemetry')!;
    expect(telemetry).toMatchObject({
      input: 'telemetry',
      version: '1.0.0',
      config: { input: 'telemetry', maxRows: 100000 },
    });
    const trend = plan.nodes.find((n) => n.id === 'trend')!;
    expect(trend.config).toEqual({
      x: 'ts',
      y: ['vibration_rms'],
      color: 'pump_id',
      maxPoints: 100000,
      downsample: 'lttb',
    });
  });

  it('fills defaults without changing the blueprint it was given', async () => {
    const doc = JSON.parse(read('valid/pump-fleet.json'));
    const before = structuredClone(doc);
    const result = await compileBlueprint(doc, { registry });
    expect(result.ok).toBe(true);
    expect(doc).toEqual(before);
  });

  it('migrates a v0 draft and compiles it', async () => {
    const result = await compileBlueprint(read('valid/v0-draft.json'), { registry });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.edges.map((e) => e.id)).toEqual(['src.rows->k.rows']);
  });

  it('passes a value port type along value edges', async () => {
    const result = await compileBlueprint(read('valid/what-if.json'), { registry });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.edges.find((e) => e.from.node === 'speed')).toMatchObject({
      kind: 'value',
      valueType: 'float8',
    });
    const derived = result.plan.edges.find((e) => e.from.node === 'power')!;
    expect(derived.columns!.at(-1)).toEqual({ name: 'vib_scaled', type: 'float8', unit: 'mm/s' });
  });
});

describe('each invalid fixture is answered with its code', () => {
  it.each(invalid)('%s', async (file) => {
    const code = file.slice(0, 5);
    const text = read(`invalid/${file}`);
    const result = await compileBlueprint(text, { registry });
    expect(result.problems.map((p) => p.code)).toContain(code);
    expectWellFormed(result.problems, text);
    if (WARNINGS.has(code)) {
      expect(result.ok).toBe(true);
      expect(result.problems.find((p) => p.code === code)!.severity).toBe('warning');
    } else {
      expect(result.ok).toBe(false);
    }
  });

  it('has at least one fixture for every code in the catalogue', () => {
    const covered = new Set(invalid.map((f) => f.slice(0, 5)));
    const missing = Object.keys(problemCatalogue).filter((c) => !covered.has(c) && !TESTED_ELSEWHERE[c]);
    expect(missing).toEqual([]);
  });
});

describe('problems name what is wrong precisely', () => {
  async function problemsOf(file: string): Promise<Problem[]> {
    return (await compileBlueprint(read(`invalid/${file}`), { registry })).problems;
  }

  it('a missing column names node, port, column, expected and found, and points at the config', async () => {
    const [p] = (await problemsOf('PT130-missing-column.json')).filter((x) => x.code === 'PT130');
    expect(p).toMatchObject({
      nodeId: 'trend',
      edgeId: 'telemetry.rows->trend.rows',
      pointer: '/nodes/3/config/y/0',
      details: { node: 'trend', port: 'rows', column: 'vibration', expected: ['number'], found: null },
    });
    expect(p.message).toContain('"vibration"');
    expect(p.message).toContain('vibration_rms');
  });

  it('a wrong type says what was expected and what arrived', async () => {
    const [p] = (await problemsOf('PT131-wrong-type.json')).filter((x) => x.code === 'PT131');
    expect(p.details).toMatchObject({ column: 'pump_id', expected: ['number'], found: 'text' });
    expect(p.message).toMatch(/arrives from "telemetry" as text/);
  });

  it('reports every problem in one pass', async () => {
    const doc = JSON.parse(read('valid/pump-fleet.json'));
    doc.nodes[3].config.y = ['nope'];
    doc.nodes[4].type = 'core/kpi@^9';
    doc.nodes.push({ id: 'trend', type: 'core/table@^1' });
    doc.edges.push({ from: 'ghost.rows', to: 'health.rows' });
    doc.layout.hidden = ['nobody'];
    const codes = (await compileBlueprint(doc, { registry })).problems.map((p) => p.code).sort();
    expect(codes).toEqual(expect.arrayContaining(['PT101', 'PT103', 'PT111', 'PT130', 'PT160']));
  });

  it('reports a cycle once, naming the nodes on it', async () => {
    const cycles = (await problemsOf('PT120-cycle.json')).filter((p) => p.code === 'PT120');
    expect(cycles).toHaveLength(1);
    expect(cycles[0].details!.cycle).toEqual(expect.arrayContaining(['features', 'rul', 'hot']));
  });

  it('does not cascade: nodes downstream of an unknown type get no column problems', async () => {
    const problems = await problemsOf('PT102-unknown-type.json');
    expect(problems.map((p) => p.code)).toEqual(['PT102']);
  });

  it('says where JSON broke', async () => {
    const [p] = await problemsOf('PT001-not-json.json');
    expect(p.message).toMatch(/line 1, column \d+/);
  });
});

describe('review fixes', () => {
  it('an undeclared input does not cascade into column problems downstream', async () => {
    const problems = (await compileBlueprint(read('invalid/PT151-no-cascade.json'), { registry })).problems;
    expect(problems.map((p) => p.code)).toEqual(['PT150', 'PT151']);
  });

  it('resolves one version satisfying every range, || ranges included', async () => {
    const { InMemoryNodeTypeRegistry } = await import('./registry');
    const { builtinManifests } = await import('../../nodes/builtins');
    const kpi = builtinManifests.find((m) => (m as { id: string }).id === 'core/kpi') as Record<
      string,
      unknown
    >;
    const many = await InMemoryNodeTypeRegistry.create([
      ...['1.0.0', '1.5.0', '2.1.0'].map((version): unknown => ({ ...kpi, version })),
      ...builtinManifests.filter((m) => m !== kpi),
    ]);
    const doc = JSON.parse(read('valid/pump-fleet.json'));
    doc.nodes.push({ id: 'kpi2', type: 'core/kpi@^2 || ^1', config: { value: 'rul_hours' } });
    doc.nodes[4].type = 'core/kpi@~1.0';
    doc.edges.push({ from: 'rul.rows', to: 'kpi2.rows' });
    doc.layout.hidden = ['kpi2'];
    const result = await compileBlueprint(doc, { registry: many });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.lock['core/kpi'].version).toBe('1.0.0');
  });

  it('a parameter can read a value input, so the input counts as used', async () => {
    const result = await compileBlueprint(read('valid/what-if.json'), { registry });
    expect(result.problems).toEqual([]);
    if (result.ok) expect(result.plan.nodes.find((n) => n.id === 'speed')!.input).toBe('speed_default');
  });

  it('an input read by a node with an invalid config is still counted as used', async () => {
    const doc = JSON.parse(read('valid/pump-fleet.json'));
    doc.nodes[0].config.maxRows = -1;
    const codes = (await compileBlueprint(doc, { registry })).problems.map((p) => p.code);
    expect(codes).toContain('PT140');
    expect(codes).not.toContain('PT150');
  });
});
