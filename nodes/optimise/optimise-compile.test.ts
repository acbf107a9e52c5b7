import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../runtime/compiler/builtin-registry';
import { compileBlueprint } from '../../runtime/compiler/compile';

function blueprint(optimise: Record<string, unknown>) {
  return {
    $schema: 'https://projecttwin.dev/schemas/blueprint/1.json',
    schemaVersion: 1,
    name: 'pump-setpoints',
    version: '1.0.0',
    title: 'Pump set-points',
    usages: ['optimise'],
    inputs: {
      telemetry: {
        kind: 'table',
        title: 'Pump telemetry',
        columns: {
          id: { type: 'int8', role: 'key' },
          pump_id: { type: 'text', role: 'entity' },
          ts: { type: 'timestamptz', role: 'time' },
          load_pct: { type: 'float8', unit: '%', role: 'measure' },
        },
        primaryKey: ['id'],
      },
    },
    nodes: [
      { id: 'telemetry', type: 'core/source.table@^1', config: { input: 'telemetry' } },
      { id: 'best', type: 'core/optimise@^1', config: optimise },
      { id: 'plan', type: 'core/table@^1', config: {} },
    ],
    edges: [
      { from: 'telemetry.rows', to: 'best.rows' },
      { from: 'best.rows', to: 'plan.rows' },
    ],
    layout: { kind: 'mosaic', root: 'plan' },
  };
}

const CONFIG = {
  model: 'pump-energy@^1',
  features: [{ name: 'load', column: 'load_pct' }],
  parameter: 'speed',
  min: 0,
  max: 100,
  unit: 'rpm',
  objective: 'energy_kwh',
  entity: 'pump_id',
  time: 'ts',
};

describe('core/optimise in the compiler', () => {
  it('fills in defaults and adds the best value, predicted result and limit columns', async () => {
    const result = await compileBlueprint(JSON.stringify(blueprint(CONFIG)), {
      registry: await builtinRegistry(),
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
    const node = result.plan.nodes.find((n) => n.id === 'best')!;
    expect(node.config).toMatchObject({
      candidates: 41,
      refine: true,
      goal: 'minimise',
      valueColumn: 'best_value',
      objectiveColumn: 'predicted_objective',
      feasibleColumn: 'limit_met',
    });
    const out = result.plan.edges.find((e) => e.from.node === 'best')!;
    expect(out.columns).toEqual([
      { name: 'id', type: 'int8', role: 'key' },
      { name: 'pump_id', type: 'text', role: 'entity' },
      { name: 'ts', type: 'timestamptz', role: 'time' },
      { name: 'load_pct', type: 'float8', unit: '%', role: 'measure' },
      { name: 'best_value', type: 'float8', unit: 'rpm', role: 'measure' },
      { name: 'predicted_objective', type: 'float8', role: 'measure' },
      { name: 'limit_met', type: 'bool' },
    ]);
  });

  it('names the added columns as configured', async () => {
    const config = { ...CONFIG, valueColumn: 'best_speed', objectiveColumn: 'energy_at_best' };
    const result = await compileBlueprint(JSON.stringify(blueprint(config)), {
      registry: await builtinRegistry(),
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
    const out = result.plan.edges.find((e) => e.from.node === 'best')!;
    expect(out.columns!.map((c) => c.name).slice(-3)).toEqual(['best_speed', 'energy_at_best', 'limit_met']);
  });

  it('refuses a fixed feature column that does not arrive (PT130)', async () => {
    const config = { ...CONFIG, features: [{ name: 'load', column: 'load' }] };
    const result = await compileBlueprint(JSON.stringify(blueprint(config)), {
      registry: await builtinRegistry(),
    });
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.code, p.pointer])).toEqual([
      ['PT130', '/nodes/1/config/features/0/column'],
    ]);
  });

  it('refuses a config without a range (PT140)', async () => {
    const config: Record<string, unknown> = { ...CONFIG };
    delete config.max;
    const result = await compileBlueprint(JSON.stringify(blueprint(config)), {
      registry: await builtinRegistry(),
    });
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.code)).toEqual(['PT140']);
  });
});
