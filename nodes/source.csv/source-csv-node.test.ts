import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../runtime/compiler/builtin-registry';
import { compileBlueprint } from '../../runtime/compiler/compile';
import { createEngine } from '../../runtime/engine/engine';
import { compileTestPlan, testImplementations, type TestSink } from '../../runtime/engine/engine-test-nodes';
import type { RuntimeServices } from '../../runtime/engine/node-api';
import { builtinImplementations } from '../implementations';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Files by name from the fixtures folder, as a host would serve them. */
const services: RuntimeServices = {
  fetchFile: async (ref) => new Uint8Array(await readFile(`${fixtures}${ref}`)),
};

const readingsConfig = {
  file: 'readings.csv',
  delimiter: ';',
  key: 'id',
  columns: [
    { name: 'id', type: 'int4' },
    { name: 'sensor', type: 'text' },
    { name: 'ts', type: 'timestamptz', header: 'taken_at' },
    { name: 'temp', type: 'float8', unit: 'degC', header: 'temp_c' },
    { name: 'ok', type: 'bool' },
  ],
};

async function run(config: Record<string, unknown>, s: RuntimeServices = services) {
  const plan = await compileTestPlan(
    [
      { id: 'readings', type: 'core/source.csv', config },
      { id: 'out', type: 'test/sink' },
    ],
    [['readings.rows', 'out.rows']],
  );
  const engine = createEngine(plan, {
    implementations: { ...builtinImplementations, ...testImplementations() },
    services: s,
  });
  await engine.start();
  await engine.flush();
  return { engine, plan, out: engine.instance('out') as unknown as TestSink };
}

describe('core/source.csv', () => {
  it('compiles: its output columns are the declared ones, with types and units', async () => {
    const result = await compileBlueprint(
      {
        schemaVersion: 1,
        name: 'csv-demo',
        version: '1.0.0',
        title: 'CSV demo',
        nodes: [
          { id: 'readings', type: 'core/source.csv@^1', config: readingsConfig },
          {
            id: 'warm',
            type: 'core/filter@^1',
            config: { conditions: [{ column: 'temp', op: '>', value: 22 }] },
          },
          { id: 'list', type: 'core/table@^1', config: { columns: ['sensor', 'temp'] } },
        ],
        edges: [
          { from: 'readings.rows', to: 'warm.rows' },
          { from: 'warm.rows', to: 'list.rows' },
        ],
      },
      { registry: await builtinRegistry() },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
    const node = result.plan.nodes.find((n) => n.id === 'readings')!;
    expect(node.config).toMatchObject({ header: true, delimiter: ';' });
    expect(result.plan.edges.find((e) => e.from.node === 'readings')?.columns).toEqual([
      { name: 'id', type: 'int4' },
      { name: 'sensor', type: 'text' },
      { name: 'ts', type: 'timestamptz' },
      { name: 'temp', type: 'float8', unit: 'degC' },
      { name: 'ok', type: 'bool' },
    ]);
    const wrong = await compileBlueprint(
      {
        schemaVersion: 1,
        name: 'csv-demo',
        version: '1.0.0',
        title: 'CSV demo',
        nodes: [
          { id: 'readings', type: 'core/source.csv@^1', config: readingsConfig },
          {
            id: 'warm',
            type: 'core/filter@^1',
            config: { conditions: [{ column: 'humidity', op: '>', value: 1 }] },
          },
        ],
        edges: [{ from: 'readings.rows', to: 'warm.rows' }],
      },
      { registry: await builtinRegistry() },
    );
    expect(wrong.ok).toBe(false);
    expect(wrong.problems.map((p) => p.code)).toContain('PT130');
  });

  it('emits every readable line as a typed row and lists the others by line number', async () => {
    const { engine, out } = await run(readingsConfig);
    expect([...out.table.entries()]).toEqual([
      ['1', { id: 1, sensor: 'S-1', ts: Date.UTC(2024, 0, 1, 0), temp: 21.5, ok: true }],
      ['2', { id: 2, sensor: 'S-2', ts: Date.UTC(2024, 0, 1, 1), temp: 22, ok: false }],
      ['5', { id: 5, sensor: 'S-5', ts: Date.UTC(2024, 0, 1, 4), temp: null, ok: true }],
      ['6', { id: 6, sensor: 'S-6', ts: Date.UTC(2024, 0, 1, 6), temp: 26.5, ok: true }],
    ]);
    const [problem] = engine.problems().readings;
    expect(problem).toMatchObject({ code: 'PTR132', severity: 'warning' });
    expect(problem.message).toBe(
      '3 lines of the CSV file "readings.csv" could not be read and were left out: line 4 ("yesterday" in ts is not a date and time); line 5 (it has 3 values, 5 expected); line 8 (its key "2" was already used on line 3).',
    );
    expect(engine.stats('readings')).toMatchObject({ rowsOut: 4, failed: false });
    expect(engine.instance('readings')?.preview?.()).toMatchObject({ rowCount: 4 });
    await engine.dispose();
  });

  it('keys rows by line number without a key column, and reads a file without a header by position', async () => {
    const { engine, out } = await run({
      file: 'readings.csv',
      delimiter: ';',
      header: false,
      columns: [
        { name: 'id', type: 'text' },
        { name: 'sensor', type: 'text' },
      ],
    });
    expect(out.table.get('1')).toEqual({ id: 'id', sensor: 'sensor' }); // the header line is just a line here
    expect(out.table.get('10')).toEqual({ id: '6', sensor: 'S-6' });
    expect(out.table.size).toBe(8);
    expect(engine.problems()).toEqual({});
    await engine.dispose();
  });

  it('reports a missing file, a missing key column and missing columns in plain words', async () => {
    const missing = await run({ ...readingsConfig, file: 'nope.csv' });
    expect(missing.engine.problems().readings?.[0]).toMatchObject({ code: 'PTR131', severity: 'error' });
    expect(missing.engine.problems().readings?.[0].message).toMatch(
      /^The CSV file "nope.csv" could not be read: .*no such file/,
    );
    await missing.engine.dispose();

    const noService = await run(readingsConfig, {});
    expect(noService.engine.problems().readings?.[0]).toMatchObject({ code: 'PTR130' });
    await noService.engine.dispose();

    const noKey = await run({ ...readingsConfig, key: 'serial' });
    expect(noKey.engine.problems().readings?.[0]).toMatchObject({
      code: 'PTR133',
      message:
        'The CSV file "readings.csv" cannot be used: the key column "serial" is not one of the declared columns (id, sensor, ts, temp, ok).',
    });
    await noKey.engine.dispose();

    const renamed = await run({
      ...readingsConfig,
      columns: [...readingsConfig.columns, { name: 'humidity', type: 'float8' }],
    });
    expect(renamed.engine.problems().readings?.map((p) => p.code)).toEqual(['PTR134', 'PTR132']);
    expect(renamed.out.table.get('1')).toMatchObject({ humidity: null });
    await renamed.engine.dispose();
  });
});
