import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ModelCard } from '../../../schemas/model-card/model-card.types';
import { simulateFleet } from '../simulator/fleet';
import { FEATURES, windowFeatures } from './features';
import { regressionErrors } from './metrics';
import { checkModelCard } from './model-checks';
import { MODEL_NAMES } from './model-cards';
import { predictRows } from '../../../runtime/model/batch-inference';
import { readModelSignature } from '../../../runtime/model/model-signature';
import { createSessionModelExecutor } from '../../../runtime/model/session-model-executor';

// The committed artifacts of `npm run train:pm`, as the seed step publishes them.
function shipped(name: string): { card: ModelCard; onnx: Uint8Array } {
  const dir = new URL(`../models/${name}/`, import.meta.url);
  return {
    card: JSON.parse(readFileSync(new URL('model-card.json', dir), 'utf8')) as ModelCard,
    onnx: new Uint8Array(readFileSync(new URL('model.onnx', dir))),
  };
}

async function run(card: ModelCard, onnx: Uint8Array, x: Float64Array, rows: number) {
  const read = readModelSignature(card);
  if (!read.ok) throw new Error(read.problem.message);
  const executor = await createSessionModelExecutor(onnx, read.signature);
  try {
    return await predictRows(executor, read.signature, rows, (r, f) => x[r * FEATURES.length + f], 1024);
  } finally {
    await executor.dispose();
  }
}

describe('the shipped pump models', () => {
  // A fleet the models never saw: another seed than the training's.
  const series = simulateFleet({ pumps: 4, seed: 777, wearSpread: 0.9 }, 1500);
  const rows = series.length * 1500;
  const x = new Float64Array(rows * FEATURES.length);
  series.forEach((readings, i) => x.set(windowFeatures(readings), i * 1500 * FEATURES.length));
  const truth = series.flat();

  for (const name of Object.values(MODEL_NAMES)) {
    it(`${name}: a valid card that matches its file, with its figures and the features in order`, () => {
      const { card, onnx } = shipped(name);
      checkModelCard(card, onnx);
      expect(card.name).toBe(name);
      expect(card.license).toBe('Apache-2.0');
      expect(card.artifact?.sha256).toBe(createHash('sha256').update(onnx).digest('hex'));
      expect(card.artifact?.bytes).toBe(onnx.length);
      expect(card.inputs[0].features.map((f) => f.name)).toEqual(FEATURES.map((f) => f.name));
      expect(card.inputs[0].features.every((f) => f.unit && f.description)).toBe(true);
      expect(card.metrics?.length).toBeGreaterThan(1);
      expect(card.preprocessing).toBeUndefined(); // the standardisation is inside the graph
    });
  }

  it('pump-rul predicts the RUL of unseen pumps well through the runtime’s model path', async () => {
    const { card, onnx } = shipped(MODEL_NAMES.rul);
    const predictions = await run(card, onnx, x, rows);
    const capped = truth.map((r) => Math.min(r.true_rul_h, 500));
    const errors = regressionErrors(predictions.values, capped);
    const mean = capped.reduce((a, b) => a + b, 0) / capped.length;
    const baseline = regressionErrors(new Array<number>(capped.length).fill(mean), capped);
    expect(errors.mae).toBeLessThan(baseline.mae / 3);
  });

  it('pump-anomaly alerts on faulty readings and stays quiet on most healthy ones', async () => {
    const { card, onnx } = shipped(MODEL_NAMES.anomaly);
    const predictions = await run(card, onnx, x, rows);
    let [alertsOnFault, faults, alertsOnHealthy, healthy] = [0, 0, 0, 0];
    let [lowestAlerting, highestQuiet] = [Infinity, -Infinity];
    truth.forEach((r, i) => {
      const [score, alert] = [predictions.values[i * 2], predictions.values[i * 2 + 1]];
      expect(alert === 0 || alert === 1).toBe(true);
      if (alert) lowestAlerting = Math.min(lowestAlerting, score);
      else highestQuiet = Math.max(highestQuiet, score);
      if (r.fault) [faults, alertsOnFault] = [faults + 1, alertsOnFault + alert];
      else [healthy, alertsOnHealthy] = [healthy + 1, alertsOnHealthy + alert];
    });
    // The alert is the score above one threshold.
    expect(lowestAlerting).toBeGreaterThan(highestQuiet);
    expect(alertsOnFault / faults).toBeGreaterThan(0.7);
    expect(alertsOnHealthy / healthy).toBeLessThan(0.15);
  });
});
