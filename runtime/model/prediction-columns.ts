import type { ColumnValues } from '../engine/columnar-batch';
import type { Value } from '../engine/node-api';
import type { PackedChunk } from './batch-inference';
import { outputColumns, type OutputArray, type Outputs } from './model-executor';
import type { ModelSignature } from './model-signature';

/** An output tensor that can be a column as it is: one value per row, numbers (not bigints). */
function usableAsIs(
  data: OutputArray,
  stride: number,
  count: number,
): data is Exclude<OutputArray, BigInt64Array> {
  return stride === 1 && data.length === count && !(data instanceof BigInt64Array);
}

/**
 * A model's predictions for `count` rows as one column per output value (the card's flattened order), from
 * the chunks a batch was cut into and each chunk's outputs. When one call predicted every row, an output
 * tensor holding one value per row is the column itself, not copied. A row left out of the model (a feature
 * that was not a number) gets null.
 * @example
 * const [rul] = predictionColumns(chunks, await runChunks(executor, chunks), signature, rows.length);
 */
export function predictionColumns(
  chunks: readonly PackedChunk[],
  results: readonly (Outputs | undefined)[],
  signature: ModelSignature,
  count: number,
): ColumnValues[] {
  const width = signature.columns.length;
  const only = results[0];
  if (chunks.length === 1 && only && chunks[0].packed.count === count) {
    const asIs: ColumnValues[] = [];
    for (const { data, stride } of outputColumns(signature, only, count))
      if (usableAsIs(data, stride, count)) asIs.push(data);
    if (asIs.length === width) return asIs;
  }
  const everyRowFed = chunks.every((c) => c.packed.count === c.size);
  const out: (Float64Array | Value[])[] = [];
  for (let c = 0; c < width; c++)
    out.push(everyRowFed ? new Float64Array(count) : new Array<Value>(count).fill(null));
  chunks.forEach((chunk, i) => {
    const outputs = results[i];
    if (!outputs) return;
    const { source, count: fed } = chunk.packed;
    const columns = outputColumns(signature, outputs, fed);
    for (let c = 0; c < width; c++) {
      const { data, stride, index } = columns[c];
      const target = out[c];
      for (let p = 0; p < fed; p++) target[chunk.start + source[p]] = Number(data[p * stride + index]);
    }
  });
  return out;
}
