import { describe, expect, it } from 'vitest';
import { RandomCursor, seedState } from '../simulator/random';
import { anomalyScore, chooseThreshold, fitHealthyBaseline } from './anomaly-detector';

describe('anomaly detector', () => {
  // Two features: [speed, a measurement that grows with speed²], healthy noise 0.1.
  const r = new RandomCursor(seedState(4));
  const rows = 2000;
  const x = new Float64Array(rows * 2);
  const healthy = new Uint8Array(rows);
  const fault = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const speed = 1150 + 600 * r.uniform();
    const u = (speed - 1450) / 300;
    const bad = i % 10 === 0;
    x[i * 2] = speed;
    x[i * 2 + 1] = 2 + 0.5 * u + 0.3 * u * u + 0.1 * r.normal() + (bad ? 1 : 0);
    healthy[i] = bad ? 0 : 1;
    fault[i] = bad ? 1 : 0;
  }

  it('learns what healthy operation looks like at each speed', () => {
    const d = fitHealthyBaseline(x, 2, healthy, { speedFeature: 0, unscored: [0] });
    expect(d.c0[1]).toBeCloseTo(2, 1);
    expect(d.c1[1]).toBeCloseTo(0.5, 1);
    expect(d.c2[1]).toBeCloseTo(0.3, 1);
    expect(d.sigma[1]).toBeCloseTo(0.1, 1);
    expect(d.weights).toEqual([0, 1]);
    // Healthy rows score about 1 (a squared z-score), faulty ones about (1 / 0.1)².
    let healthySum = 0;
    let faultySum = 0;
    for (let i = 0; i < rows; i++) {
      const s = anomalyScore(d, x, i * 2);
      if (fault[i]) faultySum += s;
      else healthySum += s;
    }
    expect(healthySum / (rows * 0.9)).toBeCloseTo(1, 0);
    expect(faultySum / (rows * 0.1)).toBeGreaterThan(50);
  });

  it('chooses a threshold that separates what can be separated', () => {
    const d = fitHealthyBaseline(x, 2, healthy, { speedFeature: 0, unscored: [0] });
    const scores = Float64Array.from({ length: rows }, (_, i) => anomalyScore(d, x, i * 2));
    const threshold = chooseThreshold(scores, fault);
    let wrong = 0;
    for (let i = 0; i < rows; i++) if ((scores[i] > threshold ? 1 : 0) !== fault[i]) wrong++;
    expect(wrong / rows).toBeLessThan(0.01);
  });
});
