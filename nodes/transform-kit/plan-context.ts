import { builtinRegistry } from '../../runtime/compiler/builtin-registry';
import { compileBlueprint } from '../../runtime/compiler/compile';
import type { ExecutionPlan } from '../../runtime/compiler/plan';
import { createTestContext, type TestContext } from './test-context';

/**
 * Compiles a blueprint with the real compiler and the built-in node types, throwing with the problems when it
 * does not compile. For tests that take a node's columns and config from a real plan.
 * @example const plan = await compileForTest(blueprint)
 */
export async function compileForTest(blueprint: unknown): Promise<ExecutionPlan> {
  const result = await compileBlueprint(blueprint, { registry: await builtinRegistry() });
  if (!result.ok) throw new Error(`blueprint does not compile: ${JSON.stringify(result.problems, null, 2)}`);
  return result.plan;
}

/**
 * A test context for one node of a compiled plan: its config (defaults filled in), ports and the plan itself.
 * @example const t = contextFromPlan(plan, 'derive'); const node = create(t.ctx);
 */
export function contextFromPlan<C>(plan: ExecutionPlan, nodeId: string): TestContext<C> {
  const node = plan.nodes.find((n) => n.id === nodeId);
  if (!node) throw new Error(`no node ${nodeId} in the plan`);
  return createTestContext<C>({
    config: node.config as C,
    nodeId,
    typeId: node.typeId,
    inputs: node.inputs,
    outputs: node.outputs,
    plan,
  });
}

/**
 * A small blueprint around one table input, for tests: `telemetry` (id, pump_id, ts, vibration, temp) feeding
 * the given nodes and edges; `source` is the table source node's id.
 * @example await compileForTest(telemetryBlueprint([{ id: 'f', type: 'core/filter@^1', config }], [{ from: 'source.rows', to: 'f.rows' }]))
 */
export function telemetryBlueprint(nodes: unknown[], edges: { from: string; to: string }[]): unknown {
  return {
    schemaVersion: 1,
    name: 'transform-test',
    version: '1.0.0',
    title: 'Transform test',
    inputs: {
      telemetry: {
        kind: 'table',
        columns: {
          id: { type: 'int8', role: 'key' },
          pump_id: { type: 'text', role: 'entity' },
          ts: { type: 'timestamptz', role: 'time' },
          vibration: { type: 'float8', unit: 'mm/s', role: 'measure' },
          temp: { type: 'float8', unit: 'degC', role: 'measure' },
        },
        primaryKey: ['id'],
      },
    },
    nodes: [{ id: 'source', type: 'core/source.table@^1', config: { input: 'telemetry' } }, ...nodes],
    edges,
  };
}
