import { packFeatures, planFeatures, type FeaturePlan, type PackedRows } from './feature-packer';
import { outputColumns, type ModelExecutor, type Outputs } from './model-executor';
import type { ModelSignature } from './model-signature';

/** Predictions for a list of rows: `count` × `columns` numbers, NaN for rows that could not be fed. */
export interface Predictions {
  count: number;
  columns: number;
  values: Float64Array;
  /** 1 where the row was fed to the model. */
  fed: Uint8Array;
  /** Rows left out because a feature was not a number (indices into the whole list). */
  rejected: PackedRows['rejected'];
}

/** One executor call's worth of rows: rows `start` to `start + size - 1` of a list, packed. */
export interface PackedChunk {
  start: number;
  size: number;
  packed: PackedRows;
}

/**
 * Cuts `count` rows into chunks of at most `batchSize` rows and packs each with `pack(start, size)`.
 * @example
 * const chunks = packChunks(rows.length, 256, (start, size) => packColumns(features, start, size, plan));
 */
export function packChunks(
  count: number,
  batchSize: number,
  pack: (start: number, size: number) => PackedRows,
): PackedChunk[] {
  const step = Math.max(1, Math.floor(batchSize));
  const chunks: PackedChunk[] = [];
  for (let start = 0; start < count; start += step) {
    const size = Math.min(step, count - start);
    chunks.push({ start, size, packed: pack(start, size) });
  }
  return chunks;
}

/**
 * Runs the model once per chunk that holds rows; the outputs are in chunk order (undefined for a chunk whose
 * rows were all left out). A worker executor gets every call posted at once (it runs them in order while the
 * page waits for none in between); in-process, the calls run one after the other.
 * @example
 * const outputs = await runChunks(executor, chunks);
 */
export async function runChunks(
  executor: ModelExecutor,
  chunks: readonly PackedChunk[],
): Promise<(Outputs | undefined)[]> {
  if (executor.where === 'worker') return Promise.all(chunks.map((chunk) => runChunk(executor, chunk)));
  const results: (Outputs | undefined)[] = [];
  for (const chunk of chunks) results.push(await runChunk(executor, chunk));
  return results;
}

/** One executor call on a chunk's rows (none when every row was left out). */
export function runChunk(executor: ModelExecutor, { packed }: PackedChunk): Promise<Outputs> | undefined {
  return packed.count > 0 ? executor.run(packed.feeds, packed.count) : undefined;
}

/**
 * Runs a model over `count` rows in batches of at most `batchSize` rows, one executor call per batch (posted
 * together to a worker executor, run one after the other in-process).
 * `read(row, feature)` gives a row's value of a model feature (the card's flattened order).
 * @example
 * const predictions = await predictRows(executor, signature, rows.length, (r, f) => rows[r][columns[f]], 256);
 * predictions.values[r * predictions.columns + c]; // output column c of row r
 */
export async function predictRows(
  executor: ModelExecutor,
  signature: ModelSignature | FeaturePlan,
  count: number,
  read: (row: number, feature: number) => unknown,
  batchSize: number,
): Promise<Predictions> {
  const plan = 'signature' in signature ? signature : planFeatures(signature);
  const width = plan.signature.columns.length;
  const values = new Float64Array(count * width).fill(Number.NaN);
  const fed = new Uint8Array(count);
  const rejected: PackedRows['rejected'] = [];
  const chunks = packChunks(count, batchSize, (start, size) =>
    packFeatures(size, (r, f) => read(start + r, f), plan),
  );
  for (const { start, packed } of chunks)
    for (const bad of packed.rejected) rejected.push({ ...bad, index: start + bad.index });
  const results = await runChunks(executor, chunks);
  chunks.forEach(({ start, packed }, i) => {
    const outputs = results[i];
    if (!outputs) return;
    const columns = outputColumns(plan.signature, outputs, packed.count);
    for (let c = 0; c < width; c++) {
      const { data, stride, index } = columns[c];
      for (let p = 0; p < packed.count; p++)
        values[(start + packed.source[p]) * width + c] = Number(data[p * stride + index]);
    }
    for (let p = 0; p < packed.count; p++) fed[start + packed.source[p]] = 1;
  });
  return { count, columns: width, values, fed, rejected };
}
