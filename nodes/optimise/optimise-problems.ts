import type { RuntimeProblem } from '../../runtime/engine/node-api';

/**
 * PTR310: the setting to vary is not one of the model's input features.
 * @example parameterUnknown('pump-energy', 'sped', ['load', 'speed'])
 */
export function parameterUnknown(
  model: string,
  parameter: string,
  features: readonly string[],
): RuntimeProblem {
  return {
    code: 'PTR310',
    severity: 'error',
    message: `The setting to vary, "${parameter}", is not an input of the model ${model}. Choose one of: ${features.join(', ')}.`,
    details: { model, parameter, features },
  };
}

/**
 * PTR311: the prediction to optimise (or to limit) is not one of the model's outputs.
 * @example outputUnknown('pump-energy', 'energy', ['energy_kwh', 'wear'], 'optimise')
 */
export function outputUnknown(
  model: string,
  output: string,
  outputs: readonly string[],
  role: 'optimise' | 'limit',
): RuntimeProblem {
  return {
    code: 'PTR311',
    severity: 'error',
    message: `The prediction to ${role}, "${output}", is not an output of the model ${model}. Choose one of: ${outputs.join(', ')}.`,
    details: { model, output, outputs, role },
  };
}

/**
 * PTR312: the range to search is empty (the lowest value is not below the highest).
 * @example rangeEmpty(10, 5)
 */
export function rangeEmpty(min: number, max: number): RuntimeProblem {
  return {
    code: 'PTR312',
    severity: 'error',
    message: `The lowest value to try (${min}) must be below the highest (${max}); swap them or widen the range.`,
    details: { min, max },
  };
}
