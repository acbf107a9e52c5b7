/**
 * The training pipeline of the pump models, in memory: simulate, build features, train the RUL regressor and
 * fit the anomaly detector, export both to ONNX, and measure them on the held-out pumps.
 */
import { PUMP_PHYSICS } from '../simulator/pump-physics';
import { anomalyScore, chooseThreshold, fitHealthyBaseline, type AnomalyDetector } from './anomaly-detector';
import { FEATURES } from './features';
import { alertQuality, regressionErrors } from './metrics';
import { createMlp, forward, roundToFloat32, trainMlp, type Mlp } from './mlp';
import { anomalyModelOnnx, rulModelOnnx } from './onnx-export';
import { buildPumpDatasets, featureStats, type DataOptions, type PumpDataset } from './training-data';

/** Everything the training depends on. */
export interface TrainingConfig {
  data: DataOptions;
  /** RUL targets are clipped to this (h): beyond, a pump is simply "healthy". */
  rulCap: number;
  hidden: number[];
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Train the regressor on every n-th training row (neighbouring windows overlap heavily). */
  rowStride: number;
}

/** The configuration of `npm run train:pm`. */
export const FULL_TRAINING: TrainingConfig = {
  data: { seed: 20261125, pumps: 64, testEvery: 4, steps: 6000, healthyRul: 500 },
  rulCap: 500,
  hidden: [32, 32],
  epochs: 12,
  batchSize: 128,
  learningRate: 2e-3,
  rowStride: 2,
};

/** The RUL model as exported: standardisation, network (last layer already scaled to hours), clip. */
export interface RulModel {
  mean: number[];
  std: number[];
  net: Mlp;
  cap: number;
}

/** Figures measured on the held-out pumps. */
export interface TrainingMetrics {
  rulMae: number;
  rulRmse: number;
  baselineMae: number;
  baselineRmse: number;
  /** MAE over readings whose true RUL is at most 200 h: the end of life, where it matters. */
  rulMaeLast200: number;
  anomalyPrecision: number;
  anomalyRecall: number;
  anomalyF1: number;
  /** Mean predicted RUL of the held-out readings with speed_last set to each setpoint (the what-if). */
  whatIf: { speed: number; meanRul: number }[];
  trainRows: number;
  testRows: number;
  trainPumps: number;
  testPumps: number;
  failuresSeen: number;
}

/** The trained models, their ONNX files and their figures. */
export interface TrainedPumpModels {
  rul: RulModel;
  rulOnnx: Uint8Array;
  anomaly: AnomalyDetector;
  anomalyOnnx: Uint8Array;
  metrics: TrainingMetrics;
  test: PumpDataset;
}

const f32 = (values: number[]) => values.map((v) => Math.fround(v));

/**
 * The RUL the exported model gives for one row of raw features (TypeScript, same numbers as the ONNX graph).
 * @example const hours = predictRul(model, test.x, r * FEATURES.length)
 */
export function predictRul(model: RulModel, x: ArrayLike<number>, offset = 0): number {
  const z = model.mean.map((m, f) => (x[offset + f] - m) / model.std[f]);
  const [y] = forward(model.net, z);
  return Math.min(model.cap, Math.max(0, y));
}

function scaledForExport(net: Mlp, scale: number): Mlp {
  const layers = net.layers.map((l, i) =>
    i === net.layers.length - 1
      ? { ...l, weights: l.weights.map((w) => w * scale), bias: l.bias.map((b) => b * scale) }
      : { ...l, weights: l.weights.slice(), bias: l.bias.slice() },
  );
  const out = { layers };
  roundToFloat32(out);
  return out;
}

function trainRul(train: PumpDataset, config: TrainingConfig, log: (line: string) => void): RulModel {
  const width = FEATURES.length;
  const { mean, std } = featureStats(train);
  const rows = Math.ceil(train.rows / config.rowStride);
  const x = new Float64Array(rows * width);
  const t = new Float64Array(rows);
  for (let k = 0; k < rows; k++) {
    const r = k * config.rowStride;
    for (let f = 0; f < width; f++) x[k * width + f] = (train.x[r * width + f] - mean[f]) / std[f];
    t[k] = Math.min(train.rul[r], config.rulCap) / config.rulCap;
  }
  const net = createMlp([width, ...config.hidden, 1], config.data.seed);
  trainMlp(net, x, t, rows, {
    epochs: config.epochs,
    batchSize: config.batchSize,
    learningRate: config.learningRate,
    seed: config.data.seed,
    onEpoch: (epoch, loss) =>
      log(`  epoch ${epoch + 1}/${config.epochs}: RMSE ${(Math.sqrt(loss) * config.rulCap).toFixed(1)} h`),
  });
  return { mean: f32(mean), std: f32(std), net: scaledForExport(net, config.rulCap), cap: config.rulCap };
}

function fitAnomaly(train: PumpDataset): AnomalyDetector {
  const speedMean = FEATURES.findIndex((f) => f.name === 'speed_mean');
  const unscored = FEATURES.flatMap((f, i) => (f.column === 'speed' ? [i] : []));
  const detector = fitHealthyBaseline(train.x, FEATURES.length, train.healthy, {
    speedFeature: speedMean,
    unscored,
    speedCentre: PUMP_PHYSICS.nominalSpeed,
  });
  const scores = new Float64Array(train.rows);
  for (let r = 0; r < train.rows; r++) scores[r] = anomalyScore(detector, train.x, r * FEATURES.length);
  detector.threshold = chooseThreshold(scores, train.fault);
  // The numbers the ONNX file holds.
  for (const key of ['c0', 'c1', 'c2', 'sigma', 'weights'] as const) detector[key] = f32(detector[key]);
  detector.threshold = Math.fround(detector.threshold);
  return detector;
}

function measure(
  rul: RulModel,
  anomaly: AnomalyDetector,
  train: PumpDataset,
  test: PumpDataset,
  cap: number,
) {
  const width = FEATURES.length;
  const truth = Array.from(test.rul, (v) => Math.min(v, cap));
  const predicted = Array.from({ length: test.rows }, (_, r) => predictRul(rul, test.x, r * width));
  const errors = regressionErrors(predicted, truth);
  let trainMean = 0;
  for (let r = 0; r < train.rows; r++) trainMean += Math.min(train.rul[r], cap) / train.rows;
  const baseline = regressionErrors(new Array<number>(test.rows).fill(trainMean), truth);
  const late = truth.flatMap((_, r) => (test.rul[r] <= 200 ? [r] : []));
  const lateErrors = regressionErrors(
    late.map((r) => predicted[r]),
    late.map((r) => truth[r]),
  );
  const alerts = Array.from({ length: test.rows }, (_, r) =>
    anomalyScore(anomaly, test.x, r * width) > anomaly.threshold ? 1 : 0,
  );
  const quality = alertQuality(alerts, test.fault);
  const speedLast = FEATURES.findIndex((f) => f.name === 'speed_last');
  const whatIf = PUMP_PHYSICS.setpoints.map((speed) => {
    let sum = 0;
    const row = new Float64Array(width);
    for (let r = 0; r < test.rows; r++) {
      row.set(test.x.subarray(r * width, (r + 1) * width));
      row[speedLast] = speed;
      sum += predictRul(rul, row);
    }
    return { speed, meanRul: sum / test.rows };
  });
  return {
    rulMae: errors.mae,
    rulRmse: errors.rmse,
    baselineMae: baseline.mae,
    baselineRmse: baseline.rmse,
    rulMaeLast200: lateErrors.mae,
    anomalyPrecision: quality.precision,
    anomalyRecall: quality.recall,
    anomalyF1: quality.f1,
    whatIf,
  };
}

/**
 * Runs the whole training in memory and returns the models, their ONNX bytes and their held-out figures.
 * Deterministic: the same config gives the same bytes.
 * @example const trained = trainPumpModels(FULL_TRAINING, console.log)
 */
export function trainPumpModels(
  config: TrainingConfig,
  log: (line: string) => void = () => {},
): TrainedPumpModels {
  log(`Simulating ${config.data.pumps} pumps for ${config.data.steps} operating hours each...`);
  const { train, test } = buildPumpDatasets(config.data);
  log(`Training the RUL regressor on ${train.pumps.length} pumps (${train.rows} readings)...`);
  const rul = trainRul(train, config, log);
  log('Fitting the anomaly detector on healthy operation...');
  const anomaly = fitAnomaly(train);
  let failuresSeen = 0;
  for (let r = 0; r < train.rows; r++) if (train.rul[r] === 0) failuresSeen++;
  const metrics: TrainingMetrics = {
    ...measure(rul, anomaly, train, test, config.rulCap),
    trainRows: train.rows,
    testRows: test.rows,
    trainPumps: train.pumps.length,
    testPumps: test.pumps.length,
    failuresSeen,
  };
  return {
    rul,
    rulOnnx: rulModelOnnx(rul),
    anomaly,
    anomalyOnnx: anomalyModelOnnx(anomaly),
    metrics,
    test,
  };
}
