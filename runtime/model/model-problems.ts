import type { RuntimeProblem } from '../engine/node-api';

/**
 * The runtime problems of model inference and optimisation (PTR300–PTR399), documented in docs/errors.md.
 * Each builder returns a problem with plain words and the details an editor can show.
 */

/**
 * PTR300: the model could not be loaded (no model service in this host, or the registry refused or failed).
 * @example ctx.report(modelNotLoaded('pump-rul@^1', 'the registry is unreachable'))
 */
export function modelNotLoaded(ref: string, reason: string): RuntimeProblem {
  return {
    code: 'PTR300',
    severity: 'error',
    message: `The model ${ref} could not be loaded: ${reason}.`,
    details: { model: ref, reason },
  };
}

/**
 * PTR301: the model card's signature cannot be used to run the model.
 * @example modelCardUnusable('pump-rul', 'its input "x" holds text, which a model node cannot fill')
 */
export function modelCardUnusable(model: string, reason: string): RuntimeProblem {
  return {
    code: 'PTR301',
    severity: 'error',
    message: `The model card of ${model} cannot be used to run it: ${reason}.`,
    details: { model, reason },
  };
}

/**
 * PTR302: a feature the model needs has no column in the node's config.
 * @example featureMissing('pump-rul', 'temp_max', ['vib_mean', 'temp_max'])
 */
export function featureMissing(model: string, feature: string, expected: readonly string[]): RuntimeProblem {
  return {
    code: 'PTR302',
    severity: 'error',
    message: `The model ${model} needs the feature "${feature}", but no column is chosen for it. Choose a column for each of: ${expected.join(', ')}.`,
    details: { model, feature, expected },
  };
}

/**
 * PTR303: the config lists a different number of features (or a name the model does not have).
 * @example featureCountWrong('pump-rul', ['vib_mean', 'temp_max'], ['vib_mean', 'speed'])
 */
export function featureCountWrong(
  model: string,
  expected: readonly string[],
  given: readonly string[],
): RuntimeProblem {
  const unknown = given.filter((name) => !expected.includes(name));
  const why =
    unknown.length > 0
      ? `it has no feature named ${unknown.map((n) => `"${n}"`).join(', ')}`
      : `it takes ${expected.length} features, but ${given.length} are listed`;
  return {
    code: 'PTR303',
    severity: 'error',
    message: `The features listed do not match the model ${model}: ${why}. Its features are: ${expected.join(', ')}.`,
    details: { model, expected, given, unknown },
  };
}

/**
 * PTR304: the config names a different number of output columns than the model produces.
 * @example outputCountWrong('pump-rul', ['rul_hours'], 2)
 */
export function outputCountWrong(model: string, produced: readonly string[], named: number): RuntimeProblem {
  return {
    code: 'PTR304',
    severity: 'error',
    message: `The model ${model} produces ${produced.length} value${produced.length === 1 ? '' : 's'} per row (${produced.join(', ')}), but ${named} output column${named === 1 ? ' is' : 's are'} named. Name one column per value.`,
    details: { model, produced, named },
  };
}

/**
 * PTR305 (warning): some rows had a feature that is not a number; they get empty predictions.
 * @example badFeatureValues(3, { key: '7', column: 'vib', value: 'n/a' })
 */
export function badFeatureValues(
  count: number,
  first: { key: string; column: string; value: unknown },
): RuntimeProblem {
  const shown = first.value === undefined ? 'nothing' : JSON.stringify(first.value);
  return {
    code: 'PTR305',
    severity: 'warning',
    message: `${count} row${count === 1 ? '' : 's'} had a feature that is not a number, so ${count === 1 ? 'it gets' : 'they get'} empty predictions (e.g. row ${first.key}: column "${first.column}" is ${shown}).`,
    details: { count, ...first },
  };
}

/**
 * PTR306: the model could not be started or failed while running.
 * @example modelRunFailed('pump-rul', 'Unsupported op "Foo"')
 */
export function modelRunFailed(model: string, reason: string): RuntimeProblem {
  return {
    code: 'PTR306',
    severity: 'error',
    message: `The model ${model} failed to run: ${reason}. Check that the model file is a valid ONNX model that matches its card.`,
    details: { model, reason },
  };
}

/**
 * PTR307: the model's Web Worker stopped (crashed, or its runtime trapped). The batch it was running passes on with no
 * predictions; a fresh worker starts with the next batch, unless it stopped several times in a row (`lasting`),
 * after which the node stops predicting.
 * @example modelWorkerStopped('pump-rul', 'out of memory', 256, false)
 * modelWorkerStopped('pump-rul', 'out of memory', 256, true, 4) // gave up after 4 stops in a row
 */
export function modelWorkerStopped(
  model: string,
  reason: string,
  rows: number,
  lasting: boolean,
  times = 1,
): RuntimeProblem {
  const lost = `${rows} row${rows === 1 ? '' : 's'} got no predictions`;
  return {
    code: 'PTR307',
    severity: 'error',
    message: lasting
      ? `The model ${model} stopped running ${times} times in a row (last: ${reason}), so the node gave up on it and ${lost}. Reload the twin to try again.`
      : `The model ${model} stopped while running (${reason}), so ${lost}. It restarts with the next rows.`,
    details: { model, reason, rows, lasting, times },
  };
}
