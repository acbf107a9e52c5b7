import { packFeatures, type PackedRows } from './feature-packer';
import { readOutputs, type ModelExecutor, type Outputs } from './model-executor';
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
  signature: ModelSignature,
  count: number,
  read: (row: number, feature: number) => unknown,
  batchSize: number,
): Promise<Predictions> {
  const columns = signature.columns.length;
  const values = new Float64Array(count * columns).fill(Number.NaN);
  const fed = new Uint8Array(count);
  const rejected: PackedRows['rejected'] = [];
  const size = Math.max(1, Math.floor(batchSize));
  const chunks: { start: number; packed: PackedRows }[] = [];
  for (let start = 0; start < count; start += size) {
    const n = Math.min(size, count - start);
    const packed = packFeatures(n, (r, f) => read(start + r, f), signature);
    for (const bad of packed.rejected) rejected.push({ ...bad, index: start + bad.index });
    if (packed.count > 0) chunks.push({ start, packed });
  }
  const scatter = ({ start, packed }: (typeof chunks)[number], outputs: Outputs) => {
    const table = readOutputs(signature, outputs, packed.count);
    for (let p = 0; p < packed.count; p++) {
      const row = start + packed.source[p];
      fed[row] = 1;
      for (let c = 0; c < columns; c++) values[row * columns + c] = table.at(p, c);
    }
  };
  if (executor.where === 'worker') {
    // Post every batch at once: the worker runs them in order while the page waits for none in between.
    const results = await Promise.all(chunks.map((c) => executor.run(c.packed.feeds, c.packed.count)));
    chunks.forEach((chunk, i) => scatter(chunk, results[i]));
  } else {
    // One session runs one call at a time in this thread.
    for (const chunk of chunks) scatter(chunk, await executor.run(chunk.packed.feeds, chunk.packed.count));
  }
  return { count, columns, values, fed, rejected };
}
