import type { ModelCard } from '../../schemas/model-card/model-card.types';
import type { OnnxSignature, OnnxTensor } from '../artifacts/onnx-signature';
import { ApiError } from '../http/api-error';

function compare(
  side: 'input' | 'output',
  declared: readonly { tensor: string; dtype: string }[],
  actual: readonly OnnxTensor[],
): string[] {
  const byName = new Map(actual.map((t) => [t.name, t]));
  const names = actual.map((t) => `"${t.name}"`).join(', ') || 'none';
  const problems: string[] = [];
  for (const tensor of declared) {
    const found = byName.get(tensor.tensor);
    if (!found) {
      problems.push(
        `The card names the ${side} tensor "${tensor.tensor}", but the model has no such ${side}; its ${side}s are ${names}.`,
      );
    } else if (found.dtype !== null && found.dtype !== tensor.dtype) {
      problems.push(
        `The card says the ${side} "${tensor.tensor}" holds ${tensor.dtype}, but the model's holds ${found.dtype}.`,
      );
    }
  }
  return problems;
}

/**
 * Checks that every input and output tensor a model card names exists in the ONNX graph, with the same element
 * type; a 400 `signature_mismatch` listing each difference otherwise. Shapes are not compared (a card may name
 * a varying dimension differently from the model).
 * @example checkCardMatchesModel(card, await readOnnxSignature(path))
 */
export function checkCardMatchesModel(card: ModelCard, signature: OnnxSignature): void {
  const problems = [
    ...compare('input', card.inputs, signature.inputs),
    ...compare('output', card.outputs, signature.outputs),
  ];
  if (problems.length === 0) return;
  throw new ApiError(
    400,
    'signature_mismatch',
    `The model card does not match the model file: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`,
    {
      problems,
      modelInputs: signature.inputs,
      modelOutputs: signature.outputs,
    },
  );
}
