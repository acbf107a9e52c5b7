/** Error and alert metrics for the model cards. */

/**
 * Mean absolute error and root mean squared error of predictions against truth.
 * @example regressionErrors([1, 2], [1, 4]) // { mae: 1, rmse: √2 }
 */
export function regressionErrors(
  predicted: ArrayLike<number>,
  truth: ArrayLike<number>,
): { mae: number; rmse: number } {
  let abs = 0;
  let sq = 0;
  for (let i = 0; i < truth.length; i++) {
    const e = predicted[i] - truth[i];
    abs += Math.abs(e);
    sq += e * e;
  }
  const n = Math.max(1, truth.length);
  return { mae: abs / n, rmse: Math.sqrt(sq / n) };
}

/**
 * Precision, recall and F1 of alerts (1 = alert) against labels (1 = truly faulty).
 * @example alertQuality([1, 1, 0], [1, 0, 0]) // { precision: 0.5, recall: 1, f1: 0.667 }
 */
export function alertQuality(
  alerts: ArrayLike<number>,
  labels: ArrayLike<number>,
): { precision: number; recall: number; f1: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    if (alerts[i] && labels[i]) tp++;
    else if (alerts[i]) fp++;
    else if (labels[i]) fn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
