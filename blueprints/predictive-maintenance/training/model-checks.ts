/**
 * Checks a trained model the way the platform will use it: its card is a valid model card that matches the ONNX
 * file (as the registry checks on publish), and onnxruntime-web, fed through the runtime's own model path, gives
 * the same numbers as the TypeScript forward pass.
 */
import { predictRows } from '../../../runtime/model/batch-inference';
import { readModelSignature } from '../../../runtime/model/model-signature';
import { createSessionModelExecutor } from '../../../runtime/model/session-model-executor';
import { loadDocument } from '../../../schemas/load';
import { modelCardRecord } from '../../../schemas/model-card/model-card.record';
import type { ModelCard } from '../../../schemas/model-card/model-card.types';
import { decodeOnnxSignature } from '../../../server/artifacts/onnx-signature';
import { checkCardMatchesModel } from '../../../server/registry/model-card-check';

/**
 * Throws, in plain words, when the card is not a valid model card or does not match the model file.
 * @example checkModelCard(card, onnxBytes)
 */
export function checkModelCard(card: ModelCard, onnx: Uint8Array): void {
  const loaded = loadDocument<ModelCard>(modelCardRecord, card);
  if (!loaded.ok) {
    const list = loaded.problems.map((p) => `${p.pointer || '/'}: ${p.message}`).join('; ');
    throw new Error(`The model card of ${card.name} is not valid: ${list}`);
  }
  checkCardMatchesModel(card, decodeOnnxSignature(onnx));
}

/** How far onnxruntime-web is from the TypeScript model: the largest difference, absolute and relative. */
export interface OnnxDifference {
  absolute: number;
  /** Relative to max(floor, |expected|). */
  relative: number;
}

/**
 * Runs `rows` rows of raw features (`x`, flat) through the model with onnxruntime-web, fed by the card's
 * signature as a model node feeds it, and compares with `expected` (rows × output columns). `floor` is the
 * smallest magnitude differences are taken relative to: float32 sums of terms much larger than a value near 0
 * carry absolute rounding errors that would be huge relative to the value itself.
 * @example const { relative } = await onnxDifference(card, bytes, x, 100, expected, 1) // < 1e-4
 */
export async function onnxDifference(
  card: ModelCard,
  onnx: Uint8Array,
  x: ArrayLike<number>,
  rows: number,
  expected: ArrayLike<number>,
  floor: number,
): Promise<OnnxDifference> {
  const read = readModelSignature(card);
  if (!read.ok) throw new Error(read.problem.message);
  const { signature } = read;
  const width = signature.features.length;
  const executor = await createSessionModelExecutor(onnx, signature);
  try {
    const predictions = await predictRows(executor, signature, rows, (r, f) => x[r * width + f], 512);
    if (predictions.rejected.length > 0) throw new Error('some rows could not be fed to the model');
    if (predictions.values.length !== expected.length)
      throw new Error('the model gave a different number of values');
    const worst = { absolute: 0, relative: 0 };
    for (let k = 0; k < predictions.values.length; k++) {
      const absolute = Math.abs(predictions.values[k] - expected[k]);
      if (Number.isNaN(absolute)) return { absolute: Infinity, relative: Infinity };
      worst.absolute = Math.max(worst.absolute, absolute);
      worst.relative = Math.max(worst.relative, absolute / Math.max(floor, Math.abs(expected[k])));
    }
    return worst;
  } finally {
    await executor.dispose();
  }
}
