import { describe, expect, it } from 'vitest';
import { alertQuality, regressionErrors } from './metrics';

describe('metrics', () => {
  it('computes MAE and RMSE', () => {
    const { mae, rmse } = regressionErrors([1, 2, 6], [1, 4, 3]);
    expect(mae).toBeCloseTo(5 / 3, 12);
    expect(rmse).toBeCloseTo(Math.sqrt(13 / 3), 12);
  });

  it('computes precision, recall and F1 of alerts', () => {
    expect(alertQuality([1, 1, 0, 0], [1, 0, 1, 0])).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(alertQuality([0, 0], [1, 0])).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});
