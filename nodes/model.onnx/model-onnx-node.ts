/**
 * core/model.onnx: runs a model of the model registry on each inserted or updated row and adds its outputs as
 * columns. Deletes pass through; keys are kept. Inference runs in a Web Worker on a browser page and
 * in-process in Node (runtime/model).
 */
import {
  ColumnarBatch,
  concatParts,
  partColumn,
  partsOf,
  slicePart,
  type ColumnValues,
  type RowsPart,
} from '../../runtime/engine/columnar-batch';
import type { ChangeBatch, KeyedRow, NodeFactory, Row, Value } from '../../runtime/engine/node-api';
import { packChunks, runChunk, runChunks, type PackedChunk } from '../../runtime/model/batch-inference';
import { FeedScratch, packColumns, planFeatures, type FeaturePlan } from '../../runtime/model/feature-packer';
import { bindFeatures, checkOutputCount, type FeatureMapping } from '../../runtime/model/feature-binding';
import { ModelWorkerStopped, type ModelExecutor, type Outputs } from '../../runtime/model/model-executor';
import { badFeatureValues, modelRunFailed, modelWorkerStopped } from '../../runtime/model/model-problems';
import type { ModelSignature } from '../../runtime/model/model-signature';
import { predictionColumns } from '../../runtime/model/prediction-columns';
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
  /** Where each feature goes in the tensors, and its preprocessing: worked out once, at load. */
  plan: FeaturePlan;
  executor: ModelExecutor;
  /** The column feeding each model feature, in the model's order. */
  columns: string[];
  /** Tensor arrays reused from call to call; only for an in-process executor. */
  scratch: FeedScratch | undefined;
}

/** The batch's rows with every output column empty (null), for a batch the model could not run on. */
function withoutPredictions(batch: ChangeBatch, names: string[]): ChangeBatch {
  const blank = ({ key, row }: KeyedRow): KeyedRow => {
    const copy: Record<string, Value> = Object.assign({}, row as Row);
    for (const name of names) copy[name] = null;
    return { key, row: copy };
  };
  return { inserts: batch.inserts.map(blank), updates: batch.updates.map(blank), deletes: batch.deletes };
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
  /** The loaded model once ready, so a batch does not wait a microtask on `ready` each time. */
  let current: Ready | undefined;

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
    current = {
      signature: opened.signature,
      plan: planFeatures(opened.signature),
      executor: opened.executor,
      columns: bound.columns,
      scratch: opened.executor.where === 'in-process' ? new FeedScratch() : undefined,
    };
    return current;
  })();

  /** One batch's rows as one list by columns, cut into chunks and packed, ready for the model. */
  interface Job {
    parts: { inserts: RowsPart; updates: RowsPart };
    all: RowsPart;
    chunks: PackedChunk[];
  }

  function prepare(state: Ready, parts: Job['parts']): Job {
    const all = concatParts(parts.inserts, parts.updates);
    const { columns, plan } = state;
    const features = columns.map((column) => partColumn(all, column));
    const count = all.keys.length;
    // One chunk on an in-process executor (which copies its feeds): the tensor arrays of the last call are reused.
    const scratch = count <= batchSize ? state.scratch : undefined;
    const chunks = packChunks(count, batchSize, (start, size) =>
      packColumns(features, start, size, plan, scratch),
    );
    return { parts, all, chunks };
  }

  /**
   * The batch to send: the rows received plus one column per output (partsOf/ColumnarBatch), so no row is
   * copied here; a consumer that reads whole rows builds them once, one that reads a few columns never does.
   */
  function finish(state: Ready, job: Job, results: (Outputs | undefined)[], deletes: string[]): ChangeBatch {
    const { parts, all, chunks } = job;
    const count = all.keys.length;
    const rejected = chunks.reduce((n, c) => n + c.packed.rejected.length, 0);
    if (rejected > 0) {
      const chunk = chunks.find((c) => c.packed.rejected.length > 0) as PackedChunk;
      const first = chunk.packed.rejected[0];
      ctx.report(
        badFeatureValues(rejected, {
          key: all.keys[chunk.start + first.index],
          column: state.columns[first.feature],
          value: first.value,
        }),
      );
    }
    const predictions = predictionColumns(chunks, results, state.signature, count);
    const added: Record<string, ColumnValues> = { ...all.added };
    for (let c = 0; c < names.length; c++) added[names[c]] = predictions[c];
    const whole: RowsPart = { keys: all.keys, base: all.base, added };
    const inserts = parts.inserts.keys.length;
    return new ColumnarBatch(slicePart(whole, 0, inserts), slicePart(whole, inserts, count), deletes);
  }

  return {
    async receive(_port, batch) {
      const state = current ?? (await ready);
      if (!state || failed) return;
      // By columns: a columnar batch's rows are not built here.
      const parts = partsOf(batch);
      if (parts.inserts.keys.length === 0 && parts.updates.keys.length === 0) {
        if (batch.deletes.length > 0) ctx.emit('rows', batch);
        return;
      }
      try {
        const job = prepare(state, parts);
        // One chunk (the common case) is run without the extra step runChunks takes for several.
        const results =
          job.chunks.length === 1
            ? [await runChunk(state.executor, job.chunks[0])]
            : await runChunks(state.executor, job.chunks);
        ctx.emit('rows', finish(state, job, results, batch.deletes));
      } catch (error) {
        const model = state.signature.model;
        if (error instanceof ModelWorkerStopped) {
          // A fresh worker starts with the next batch, unless it stopped too many times in a row.
          failed = error.lasting;
          const rows = parts.inserts.keys.length + parts.updates.keys.length;
          ctx.report(modelWorkerStopped(model, error.reason, rows, error.lasting, error.times));
          // The rows still pass on, with empty predictions, so nothing downstream is left out of step.
          ctx.emit('rows', withoutPredictions(batch, names));
          return;
        }
        failed = true;
        ctx.report(modelRunFailed(model, errorReason(error)));
      }
    },
    async dispose() {
      await ready;
      await executor?.dispose();
      executor = undefined;
    },
  };
};
