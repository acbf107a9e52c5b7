/**
 * A real NodeContext for testing one node through the contract without the engine (not a test itself):
 * it records what the node emits and reports.
 */
import type { ExecutionPlan, PlanNode, PlanPort } from '../compiler/plan';
import type { ChangeBatch, NodeContext, RuntimeProblem, RuntimeServices, Value } from '../engine/node-api';

/** A node context with what the node did, for assertions. */
export interface RecordingContext<C> {
  ctx: NodeContext<C>;
  emitted: { port: string; batch: ChangeBatch }[];
  values: { port: string; value: Value }[];
  problems: RuntimeProblem[];
  abort: AbortController;
}

/**
 * Builds a NodeContext for node type `typeId` with `config` and `services`, recording emits and problems.
 * @example
 * const { ctx, emitted } = recordingContext('core/model.onnx', config, { loadModel });
 * await create(ctx).receive?.('rows', batch);
 */
export function recordingContext<C extends object>(
  typeId: string,
  config: C,
  services: RuntimeServices,
  ports: { inputs?: Record<string, PlanPort>; outputs?: Record<string, PlanPort> } = {},
): RecordingContext<C> {
  const inputs = ports.inputs ?? { rows: { kind: 'table', columns: [] } };
  const outputs = ports.outputs ?? { rows: { kind: 'table', columns: [] } };
  const node: PlanNode = {
    id: 'n1',
    title: 'node under test',
    typeId,
    range: '^1',
    version: '1.0.0',
    category: 'model',
    config: config as Record<string, unknown>,
    inputs,
    outputs,
  };
  const plan: ExecutionPlan = {
    blueprint: { name: 'test', version: '1.0.0', title: 'Test' },
    nodes: [node],
    edges: [],
    inputs: {},
    panels: [],
    lock: {},
  };
  const abort = new AbortController();
  const record: RecordingContext<C> = {
    emitted: [],
    values: [],
    problems: [],
    abort,
    ctx: {
      nodeId: node.id,
      config,
      node,
      plan,
      inputs,
      outputs,
      emit: (port, batch) => record.emitted.push({ port, batch }),
      emitValue: (port, value) => record.values.push({ port, value }),
      report: (problem) => record.problems.push(problem),
      clearProblems: () => {
        record.problems.length = 0;
      },
      signal: abort.signal,
      services,
      isCongested: () => false,
      onDrain: () => () => {},
    },
  };
  return record;
}
