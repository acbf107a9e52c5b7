/**
 * `npm run train:pm`: trains the pump models on simulated data, checks them, and writes their ONNX files and
 * model cards into blueprints/predictive-maintenance/models/ (committed, so starting the platform never trains).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { anomalyScore } from './anomaly-detector';
import { FEATURES } from './features';
import { checkModelCard, onnxDifference } from './model-checks';
import { anomalyModelCard, MODEL_NAMES, rulModelCard } from './model-cards';
import { FULL_TRAINING, predictRul, trainPumpModels } from './train-pump-models';

const MODELS = fileURLToPath(new URL('../models/', import.meta.url));
/** Rows of the held-out set compared between onnxruntime-web and the TypeScript forward pass. */
const PARITY_ROWS = 5000;
/** Relative tolerance, to max(floor, |value|): RUL in hours (floor 10 h), anomaly score and alert (floor 1). */
const TOLERANCE = 1e-4;
const PARITY_FLOOR = [10, 1];

async function main(): Promise<void> {
  const started = performance.now();
  const trained = trainPumpModels(FULL_TRAINING, (line) => console.log(line));
  const date = new Date().toISOString().slice(0, 10);
  const cards = [
    { card: rulModelCard(FULL_TRAINING, trained, date), onnx: trained.rulOnnx },
    { card: anomalyModelCard(FULL_TRAINING, trained, date), onnx: trained.anomalyOnnx },
  ];
  const { test } = trained;
  const width = FEATURES.length;
  const rows = Math.min(PARITY_ROWS, test.rows);
  // The rows as the model node feeds them: float32.
  const x = Float32Array.from(test.x.subarray(0, rows * width));
  const rulExpected = Array.from({ length: rows }, (_, r) => predictRul(trained.rul, x, r * width));
  const anomalyExpected = Array.from({ length: rows }, (_, r) => {
    const score = anomalyScore(trained.anomaly, x, r * width);
    return [score, score > trained.anomaly.threshold ? 1 : 0];
  }).flat();
  const expected = [rulExpected, anomalyExpected];
  for (const [i, { card, onnx }] of cards.entries()) {
    checkModelCard(card, onnx);
    const difference = await onnxDifference(card, onnx, x, rows, expected[i], PARITY_FLOOR[i]);
    const words = `largest difference ${difference.absolute.toExponential(1)}, relative ${difference.relative.toExponential(1)}`;
    if (!(difference.relative <= TOLERANCE)) {
      throw new Error(`${card.name}: onnxruntime-web differs from the TypeScript model (${words})`);
    }
    console.log(
      `${card.name}: onnxruntime-web matches the TypeScript model on ${rows} held-out rows (${words})`,
    );
  }
  for (const { card, onnx } of cards) {
    const dir = join(MODELS, card.name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'model.onnx'), onnx);
    const path = join(dir, 'model-card.json');
    // Formatted as the repository's formatter wants it, so `npm run lint` passes on a fresh training.
    const options = { ...(await prettier.resolveConfig(path)), filepath: path };
    writeFileSync(path, await prettier.format(JSON.stringify(card, null, 2), options));
  }
  const m = trained.metrics;
  console.log(`\nHeld-out pumps: ${m.testPumps} (${m.testRows} readings)`);
  console.log(
    `${MODEL_NAMES.rul}: MAE ${m.rulMae.toFixed(1)} h, RMSE ${m.rulRmse.toFixed(1)} h (baseline: MAE ${m.baselineMae.toFixed(1)} h, RMSE ${m.baselineRmse.toFixed(1)} h); MAE in the last 200 h of life ${m.rulMaeLast200.toFixed(1)} h`,
  );
  console.log(
    `  what-if, mean predicted RUL by speed: ${m.whatIf.map((w) => `${w.speed} rpm → ${w.meanRul.toFixed(0)} h`).join(', ')}`,
  );
  console.log(
    `${MODEL_NAMES.anomaly}: precision ${m.anomalyPrecision.toFixed(3)}, recall ${m.anomalyRecall.toFixed(3)}, F1 ${m.anomalyF1.toFixed(3)} (threshold ${trained.anomaly.threshold.toFixed(3)})`,
  );
  console.log(`Wrote ${MODELS} in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}

main().catch((error: unknown) => {
  console.error(`Training failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
