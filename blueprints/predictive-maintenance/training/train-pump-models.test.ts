import { describe, expect, it } from 'vitest';
import { anomalyScore } from './anomaly-detector';
import { FEATURES } from './features';
import { checkModelCard, onnxDifference } from './model-checks';
import { anomalyModelCard, rulModelCard } from './model-cards';
import { FULL_TRAINING, predictRul, trainPumpModels, type TrainingConfig } from './train-pump-models';

/** A small run of the same pipeline: a few seconds instead of half a minute. */
const TINY: TrainingConfig = {
  ...FULL_TRAINING,
  data: { ...FULL_TRAINING.data, pumps: 12, steps: 2500 },
  hidden: [16, 16],
  epochs: 4,
};

const trained = trainPumpModels(TINY);
const width = FEATURES.length;

describe('trainPumpModels (tiny configuration)', () => {
  it('splits by pump: no test pump is seen in training', () => {
    expect(trained.metrics.testPumps).toBe(3);
    expect(trained.metrics.trainPumps).toBe(9);
    expect(trained.test.pumps).toEqual(['P-04', 'P-08', 'P-12']);
    expect(trained.metrics.failuresSeen).toBeGreaterThan(0);
  });

  it('predicts RUL on unseen pumps far better than the training mean, and less at a higher speed', () => {
    const m = trained.metrics;
    expect(m.rulMae).toBeLessThan(m.baselineMae / 2);
    expect(m.rulRmse).toBeLessThan(m.baselineRmse / 2);
    expect(m.whatIf.at(-1)!.meanRul).toBeLessThan(m.whatIf[0].meanRul);
    for (let r = 0; r < trained.test.rows; r += 97) {
      const rul = predictRul(trained.rul, trained.test.x, r * width);
      expect(rul).toBeGreaterThanOrEqual(0);
      expect(rul).toBeLessThanOrEqual(TINY.rulCap);
    }
  });

  it('raises anomaly alerts that mostly match the simulator’s faults', () => {
    expect(trained.metrics.anomalyPrecision).toBeGreaterThan(0.6);
    expect(trained.metrics.anomalyRecall).toBeGreaterThan(0.6);
  });

  it('is deterministic: the same configuration gives the same ONNX bytes', () => {
    const again = trainPumpModels(TINY);
    expect(Buffer.from(again.rulOnnx).equals(Buffer.from(trained.rulOnnx))).toBe(true);
    expect(Buffer.from(again.anomalyOnnx).equals(Buffer.from(trained.anomalyOnnx))).toBe(true);
  });

  it('exports cards the registry accepts, and ONNX models that onnxruntime-web runs to the same numbers', async () => {
    const rulCard = rulModelCard(TINY, trained, '2026-01-01');
    const anomalyCard = anomalyModelCard(TINY, trained, '2026-01-01');
    checkModelCard(rulCard, trained.rulOnnx);
    checkModelCard(anomalyCard, trained.anomalyOnnx);
    expect(rulCard.metrics?.find((m) => m.name === 'RUL MAE')?.value).toBeCloseTo(trained.metrics.rulMae, 1);

    const rows = 1500;
    const x = Float32Array.from(trained.test.x.subarray(0, rows * width));
    const rul = Array.from({ length: rows }, (_, r) => predictRul(trained.rul, x, r * width));
    const rulDifference = await onnxDifference(rulCard, trained.rulOnnx, x, rows, rul, 10);
    expect(rulDifference.relative).toBeLessThan(1e-4);
    const anomaly = Array.from({ length: rows }, (_, r) => {
      const score = anomalyScore(trained.anomaly, x, r * width);
      return [score, score > trained.anomaly.threshold ? 1 : 0];
    }).flat();
    expect(anomaly.some((v, k) => k % 2 === 1 && v === 1)).toBe(true);
    const anomalyDifference = await onnxDifference(anomalyCard, trained.anomalyOnnx, x, rows, anomaly, 1);
    expect(anomalyDifference.relative).toBeLessThan(1e-4);
  });
});
