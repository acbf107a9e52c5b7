/**
 * The batches part (b) of `npm run bench:runtime` feeds the model node: exactly what the window node before it
 * emits in its pipeline (the real core/window node, with the config and input columns of the compiled
 * blueprint), and the same rows as plain row objects, as an upstream node without columns would send them.
 */
import { readFile } from 'node:fs/promises';
import { create as createWindowNode } from '../nodes/window/window-node';
import { builtinRegistry } from '../runtime/compiler/builtin-registry';
import { compileBlueprint } from '../runtime/compiler/compile';
import type { ExecutionPlan, PlanNode } from '../runtime/compiler/plan';
import type { ChangeBatch, KeyedRow } from '../runtime/engine/node-api';
import { recordingContext } from '../runtime/model/test-node-context';
import { telemetryRow } from './runtime-engine';
import type { WindowConfig } from '../nodes/window/window-node';

/** A pipeline's window and model nodes as compiled, and a generator of its raw input rows. */
export interface ModelPipeline {
  window: PlanNode;
  model: PlanNode;
  row(i: number): KeyedRow;
}

/** The node of a compiled plan with `id` (throws when the blueprint has none). */
function nodeOf(plan: ExecutionPlan, id: string): PlanNode {
  const node = plan.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`the benchmark blueprint has no node "${id}"`);
  return node;
}

/**
 * The shipped predictive-maintenance blueprint's window ("features") and RUL model ("rul") nodes, compiled,
 * with the benchmark's simulated readings of 100 pumps in its telemetry table's columns.
 * @example const { window, model, row } = await shippedPipeline();
 */
export async function shippedPipeline(): Promise<ModelPipeline> {
  const text = await readFile(
    new URL('../blueprints/predictive-maintenance/blueprint.json', import.meta.url),
    'utf8',
  );
  const result = await compileBlueprint(text, { registry: await builtinRegistry() });
  if (!result.ok) throw new Error(`the shipped blueprint does not compile: ${result.problems[0].message}`);
  return {
    window: nodeOf(result.plan, 'features'),
    model: nodeOf(result.plan, 'rul'),
    // The pipeline benchmark's telemetry rows with the shipped table's other columns. The window counts
    // readings (the last 12 per pump), so the spacing of the times does not matter.
    row: (i) => {
      const { key, row } = telemetryRow(i);
      const extra = { pressure: 6 + Math.sin(i * 0.02) * 0.4, flow: 120 + Math.cos(i * 0.05) * 8 };
      return { key, row: { ...row, ...extra, speed: 1450 + (i % 5) * 25 } };
    },
  };
}

/** A pipeline from a compiled plan with nodes `features` (window) and `rul` (model). */
export function planPipeline(plan: ExecutionPlan, row: (i: number) => KeyedRow): ModelPipeline {
  return { window: nodeOf(plan, 'features'), model: nodeOf(plan, 'rul'), row };
}

/**
 * What the pipeline's window node emits for its first `size` raw rows: the model node's input batch.
 * @example const batch = await windowBatch(await shippedPipeline(), 256); // a ColumnarBatch of 256 inserts
 */
export async function windowBatch(pipeline: ModelPipeline, size: number): Promise<ChangeBatch> {
  const { window } = pipeline;
  const record = recordingContext(
    'core/window',
    window.config as WindowConfig,
    {},
    { inputs: window.inputs },
  );
  const node = createWindowNode(record.ctx);
  const inserts = Array.from({ length: size }, (_, i) => pipeline.row(i));
  await node.receive?.('rows', { inserts, updates: [], deletes: [] });
  const batch = record.emitted.at(-1)?.batch;
  if (record.emitted.length !== 1 || batch?.inserts.length !== size || record.problems.length > 0)
    throw new Error('the window node did not emit one batch with every row');
  return batch;
}

/**
 * The same rows as plain row objects (what an upstream node that does not send columns would send).
 * @example plainBatch(await windowBatch(pipeline, 256)).inserts[0].row.vibration_rms_mean
 */
export function plainBatch(batch: ChangeBatch): ChangeBatch {
  return { inserts: [...batch.inserts], updates: [...batch.updates], deletes: [...batch.deletes] };
}
