import type { RuntimeProblem } from '../engine/node-api';
import type { ModelSignature } from './model-signature';
import { featureCountWrong, featureMissing, outputCountWrong } from './model-problems';

/** A node config's feature mapping item: the model feature and the column feeding it. */
export interface FeatureMapping {
  name: string;
  column: string;
}

export type BindingResult = { ok: true; columns: string[] } | { ok: false; problem: RuntimeProblem };

/**
 * Matches a config's feature mapping against the model's features and returns the column feeding each model
 * feature, in the model's order. Items are matched by feature name, so the config's order does not matter.
 * `varied` names a feature that is filled by the caller (the optimiser's parameter) and needs no column.
 * Problems: PTR303 (a name the model lacks, or a different count), PTR302 (a model feature without a column).
 * @example
 * bindFeatures(signature, [{ name: 'temp_max', column: 't' }, { name: 'vib_mean', column: 'v' }])
 * // { ok: true, columns: ['v', 't'] } for a model whose features are vib_mean, temp_max
 */
export function bindFeatures(
  signature: ModelSignature,
  mapping: readonly FeatureMapping[],
  varied?: string,
): BindingResult {
  const expected = signature.features;
  const given = mapping.map((m) => m.name).filter((name) => name !== varied);
  const needed = expected.filter((name) => name !== varied);
  if (given.some((name) => !expected.includes(name)) || given.length > needed.length)
    return { ok: false, problem: featureCountWrong(signature.model, expected, given) };
  const byName = new Map(mapping.map((m) => [m.name, m.column]));
  const columns: string[] = [];
  for (const feature of expected) {
    if (feature === varied) {
      columns.push('');
      continue;
    }
    const column = byName.get(feature);
    if (column === undefined)
      return { ok: false, problem: featureMissing(signature.model, feature, expected) };
    columns.push(column);
  }
  return { ok: true, columns };
}

/**
 * Checks that a config names one output column per value the model yields (PTR304 otherwise).
 * @example checkOutputCount(signature, [{ name: 'rul_hours' }]) // undefined when the model yields one value
 */
export function checkOutputCount(
  signature: ModelSignature,
  outputs: readonly { name: string }[],
): RuntimeProblem | undefined {
  if (outputs.length === signature.columns.length) return undefined;
  return outputCountWrong(signature.model, signature.columns, outputs.length);
}
