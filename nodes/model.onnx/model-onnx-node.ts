/**
 * core/model.onnx: runs a model of the model registry on each inserted or updated row and adds its outputs as
 * columns. Deletes pass through; keys are kept. Inference runs in a Web Worker on a browser page and
 * in-process in Node (runtime/model).
 */
import type { ChangeBatch, KeyedRow, NodeFactory, Row, Value } from '../../runtime/engine/node-api';
import { predictRows } from '../../runtime/model/batch-inference';
import { bindFeatures, checkOutputCount, type FeatureMapping } from '../../runtime/model/feature-binding';
import type { ModelExecutor } from '../../runtime/model/model-executor';
import { badFeatureValues, modelRunFailed } from '../../runtime/model/model-problems';
import type { ModelSignature } from '../../runtime/model/model-signature';
import { errorReason, openModel } from '../../runtime/model/open-model';

/** The node's config (manifest.json), defaults filled in by the compiler. */
export type ModelNodeConfig = {
  model: string;
  features: FeatureMapping[];
  outputs: { name: string; unit?: string }[];
  batchSize?: number;
};

interface Ready {
  signature: ModelSignature;
  executor: ModelExecutor;
  /** The column feeding each model feature, in the model's order. */
  columns: string[];
}

/**
 * Creates a model node: loads the model when created, then predicts for every inserted or updated row.
 * A row with a feature that is not a number gets null predictions, with one PTR305 warning per batch.
 * @example
 * const node = create(ctx); // ctx.config = { model: 'pump-rul@^1', features: [...], outputs: [{ name: 'rul' }] }
 * await node.receive?.('rows', { inserts: [{ key: '1', row: { vib: 2.1, temp: 60 } }], updates: [], deletes: [] });
 */
export const create: NodeFactory<ModelNodeConfig> = (ctx) => {
  const { config } = ctx;
  const names = config.outputs.map((o) => o.name);
  const batchSize = config.batchSize ?? 256;
  let failed = false;
  let executor: ModelExecutor | undefined;

  const ready: Promise<Ready | undefined> = (async () => {
    const opened = await openModel(ctx.services, config.model, ctx.signal);
    if (!opened.ok) {
      ctx.report(opened.problem);
      return undefined;
    }
    executor = opened.executor;
    const bound = bindFeatures(opened.signature, config.features);
    if (!bound.ok) {
      ctx.report(bound.problem);
      return undefined;
    }
    const outputProblem = checkOutputCount(opened.signature, config.outputs);
    if (outputProblem) {
      ctx.report(outputProblem);
      return undefined;
    }
    return { signature: opened.signature, executor: opened.executor, columns: bound.columns };
  })();

  async function predict(state: Ready, batch: ChangeBatch): Promise<ChangeBatch> {
    const keyed: KeyedRow[] =
      batch.inserts.length === 0 ? batch.updates : [...batch.inserts, ...batch.updates];
    const { columns, signature } = state;
    const predictions = await predictRows(
      state.executor,
      signature,
      keyed.length,
      (r, f) => keyed[r].row[columns[f]],
      batchSize,
    );
    if (predictions.rejected.length > 0) {
      const first = predictions.rejected[0];
      ctx.report(
        badFeatureValues(predictions.rejected.length, {
          key: keyed[first.index].key,
          column: columns[first.feature],
          value: first.value,
        }),
      );
    }
    const width = predictions.columns;
    const out: KeyedRow[] = new Array<KeyedRow>(keyed.length);
    for (let r = 0; r < keyed.length; r++) {
      // Object.assign, not a spread: several times faster in V8 for wide rows (see docs/decisions.md).
      const row: Record<string, Value> = Object.assign({}, keyed[r].row as Row);
      const fed = predictions.fed[r] === 1;
      for (let c = 0; c < width; c++) row[names[c]] = fed ? predictions.values[r * width + c] : null;
      out[r] = { key: keyed[r].key, row };
    }
    const inserts = batch.inserts.length;
    return {
      inserts: batch.updates.length === 0 ? out : out.slice(0, inserts),
      updates: inserts === 0 ? out : out.slice(inserts),
      deletes: batch.deletes,
    };
  }

  return {
    async receive(_port, batch) {
      const state = await ready;
      if (!state || failed) return;
      if (batch.inserts.length === 0 && batch.updates.length === 0) {
        if (batch.deletes.length > 0) ctx.emit('rows', batch);
        return;
      }
      try {
        ctx.emit('rows', await predict(state, batch));
      } catch (error) {
        failed = true;
        ctx.report(modelRunFailed(state.signature.model, errorReason(error)));
      }
    },
    async dispose() {
      await ready;
      await executor?.dispose();
      executor = undefined;
    },
  };
};
