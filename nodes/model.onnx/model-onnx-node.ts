/**
 * core/model.onnx: runs a model of the model registry on each inserted or updated row and adds its outputs as
 * columns. Deletes pass through; keys are kept. Inference runs in a Web Worker on a browser page and
 * in-process in Node (runtime/model).
 */
import type { ChangeBatch, KeyedRow, NodeFactory, Row, Value } from '../../runtime/engine/node-api';
import { packChunks, runChunks, type PackedChunk } from '../../runtime/model/batch-inference';
import { packRowColumns, planFeatures, type FeaturePlan } from '../../runtime/model/feature-packer';
import { bindFeatures, checkOutputCount, type FeatureMapping } from '../../runtime/model/feature-binding';
import {
  ModelWorkerStopped,
  outputColumns,
  type ModelExecutor,
  type Outputs,
} from '../../runtime/model/model-executor';
import { badFeatureValues, modelRunFailed, modelWorkerStopped } from '../../runtime/model/model-problems';
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
  /** Where each feature goes in the tensors, and its preprocessing: worked out once, at load. */
  plan: FeaturePlan;
  executor: ModelExecutor;
  /** The column feeding each model feature, in the model's order. */
  columns: string[];
}

/**
 * Builds the output rows of one chunk into `out`: each input row's columns plus the model's outputs (null
 * for a row that was left out). One loop per chunk, output names hoisted, values read straight from the
 * output tensors.
 */
function buildRows(
  keyed: readonly KeyedRow[],
  { start, size, packed }: PackedChunk,
  outputs: Outputs | undefined,
  signature: ModelSignature,
  names: readonly string[],
  out: KeyedRow[],
): void {
  const columns = outputs ? outputColumns(signature, outputs, packed.count) : [];
  // The packed position of each row of the chunk (-1: left out); the identity when every row was fed.
  let slot: Int32Array | undefined;
  if (packed.count < size) {
    slot = new Int32Array(size).fill(-1);
    for (let p = 0; p < packed.count; p++) slot[packed.source[p]] = p;
  }
  const end = start + size;
  if (columns.length === 1 && !slot && !(columns[0].data instanceof BigInt64Array)) {
    // The common case (one output value per row, every row fed) without per-column lookups.
    const name = names[0];
    const { data, stride, index } = columns[0];
    for (let r = start, at = index; r < end; r++, at += stride) {
      const { key, row } = keyed[r];
      // Object.assign, not a spread: several times faster in V8 for wide rows (see docs/decisions.md).
      const copy: Record<string, Value> = Object.assign({}, row as Row);
      copy[name] = data[at] as number;
      out[r] = { key, row: copy };
    }
    return;
  }
  const width = names.length;
  for (let r = start; r < end; r++) {
    const { key, row } = keyed[r];
    const copy: Record<string, Value> = Object.assign({}, row as Row);
    const p = slot ? slot[r - start] : r - start;
    for (let c = 0; c < width; c++) {
      const column = columns[c];
      copy[names[c]] = p < 0 || !column ? null : Number(column.data[p * column.stride + column.index]);
    }
    out[r] = { key, row: copy };
  }
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
    };
    return current;
  })();

  async function predict(state: Ready, batch: ChangeBatch): Promise<ChangeBatch> {
    const keyed: KeyedRow[] =
      batch.inserts.length === 0 ? batch.updates : [...batch.inserts, ...batch.updates];
    const { columns, signature, plan } = state;
    const source = { rows: keyed, columns };
    const chunks = packChunks(keyed.length, batchSize, (start, size) =>
      packRowColumns(source, start, size, plan),
    );
    const results = await runChunks(state.executor, chunks);
    const rejected = chunks.reduce((n, c) => n + c.packed.rejected.length, 0);
    if (rejected > 0) {
      const chunk = chunks.find((c) => c.packed.rejected.length > 0) as PackedChunk;
      const first = chunk.packed.rejected[0];
      ctx.report(
        badFeatureValues(rejected, {
          key: keyed[chunk.start + first.index].key,
          column: columns[first.feature],
          value: first.value,
        }),
      );
    }
    const out: KeyedRow[] = new Array<KeyedRow>(keyed.length);
    chunks.forEach((chunk, i) => buildRows(keyed, chunk, results[i], signature, names, out));
    const inserts = batch.inserts.length;
    return {
      inserts: batch.updates.length === 0 ? out : out.slice(0, inserts),
      updates: inserts === 0 ? out : out.slice(inserts),
      deletes: batch.deletes,
    };
  }

  return {
    async receive(_port, batch) {
      const state = current ?? (await ready);
      if (!state || failed) return;
      if (batch.inserts.length === 0 && batch.updates.length === 0) {
        if (batch.deletes.length > 0) ctx.emit('rows', batch);
        return;
      }
      try {
        ctx.emit('rows', await predict(state, batch));
      } catch (error) {
        const model = state.signature.model;
        if (error instanceof ModelWorkerStopped) {
          // A fresh worker starts with the next batch, unless it stopped too many times in a row.
          failed = error.lasting;
          const rows = batch.inserts.length + batch.updates.length;
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
