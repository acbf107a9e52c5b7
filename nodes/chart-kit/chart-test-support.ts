import { builtinRegistry } from '../../runtime/compiler/builtin-registry';
import { compileBlueprint } from '../../runtime/compiler/compile';
import type { CompileResult, ExecutionPlan } from '../../runtime/compiler/plan';
import type { NodeContext, RuntimeProblem } from '../../runtime/engine/node-api';

/** The columns of the telemetry input that chart tests draw from. */
export const TELEMETRY_COLUMNS = {
  id: { type: 'int8', role: 'key' },
  pump_id: { type: 'text', role: 'entity' },
  ts: { type: 'timestamptz', role: 'time' },
  vibration_rms: { type: 'float8', unit: 'mm/s', role: 'measure' },
  bearing_temp: { type: 'float8', unit: 'degC', role: 'measure' },
  state: { type: 'text' },
};

/**
 * Compiles a blueprint of a telemetry table wired into one chart node `chart` of `type`, with the real
 * compiler and the built-in registry.
 * @example const result = await compileChart('core/chart.bar@^1', { category: 'pump_id', value: 'vibration_rms' })
 */
export async function compileChart(type: string, config: Record<string, unknown>): Promise<CompileResult> {
  const blueprint = {
    schemaVersion: 1,
    name: 'chart-test',
    version: '1.0.0',
    title: 'Chart test',
    inputs: { telemetry: { kind: 'table', columns: TELEMETRY_COLUMNS, primaryKey: ['id'] } },
    nodes: [
      { id: 'telemetry', type: 'core/source.table@^1', config: { input: 'telemetry' } },
      { id: 'chart', type, config },
    ],
    edges: [{ from: 'telemetry.rows', to: 'chart.rows' }],
  };
  return compileBlueprint(blueprint, { registry: await builtinRegistry() });
}

/**
 * A node context for the planned node `nodeId`, recording the problems it reports (no engine, no DOM).
 * @example const { ctx, problems } = chartContext(plan, 'chart')
 */
export function chartContext(
  plan: ExecutionPlan,
  nodeId: string,
): { ctx: NodeContext; problems: RuntimeProblem[] } {
  const node = plan.nodes.find((n) => n.id === nodeId);
  if (!node) throw new Error(`No node ${nodeId} in the plan`);
  const problems: RuntimeProblem[] = [];
  const ctx: NodeContext = {
    nodeId,
    config: node.config,
    node,
    plan,
    inputs: node.inputs,
    outputs: node.outputs,
    emit: () => undefined,
    emitValue: () => undefined,
    report: (problem) => void problems.push(problem),
    clearProblems: () => void problems.splice(0),
    signal: new AbortController().signal,
    services: {},
    isCongested: () => false,
    onDrain: () => () => undefined,
  };
  return { ctx, problems };
}

/**
 * Telemetry rows for pumps P1..Pn, `perPump` each, one minute apart.
 * @example telemetryRows(2, 3) // 6 keyed rows
 */
export function telemetryRows(pumps: number, perPump: number) {
  return Array.from({ length: pumps * perPump }, (_, i) => {
    const pump = i % pumps;
    return {
      key: String(i),
      row: {
        id: i,
        pump_id: `P${pump + 1}`,
        ts: 1_767_600_000_000 + Math.floor(i / pumps) * 60_000,
        vibration_rms: 2 + pump + Math.sin(i / 5),
        bearing_temp: 40 + pump,
        state: pump % 2 ? 'idle' : 'running',
      },
    };
  });
}
