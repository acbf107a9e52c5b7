/**
 * The model cards of the pump models (schemas/model-card), filled with the figures the training measured.
 */
import { createHash } from 'node:crypto';
import type { Metric, ModelCard } from '../../../schemas/model-card/model-card.types';
import { PUMP_PHYSICS } from '../simulator/pump-physics';
import { FEATURE_WINDOW, FEATURES } from './features';
import { TENSORS } from './onnx-export';
import type { TrainedPumpModels, TrainingConfig } from './train-pump-models';

/** Registry names of the two models. */
export const MODEL_NAMES = { rul: 'pump-rul', anomaly: 'pump-anomaly' } as const;

const VERSION = '1.0.0';
const SCRIPT = 'blueprints/predictive-maintenance/training/train.ts (npm run train:pm)';

const round = (value: number, digits: number) => Number(value.toFixed(digits));

function artifact(bytes: Uint8Array) {
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}

function inputs(): ModelCard['inputs'] {
  return [
    {
      tensor: TENSORS.input,
      dtype: 'float32',
      shape: ['N', FEATURES.length],
      features: FEATURES.map((f) => ({
        name: f.name,
        description: f.description,
        unit: f.unit,
      })) as ModelCard['inputs'][0]['features'],
    },
  ];
}

function trainingOf(config: TrainingConfig, trained: TrainedPumpModels, date: string): ModelCard['training'] {
  const m = trained.metrics;
  return {
    script: SCRIPT,
    data: `The ProjectTwin pump simulator (blueprints/predictive-maintenance/simulator): ${m.trainPumps} pumps × ${config.data.steps} operating hours (${m.trainRows} readings, ${m.failuresSeen} failures plus preventive repairs), features over a rolling window of the last ${FEATURE_WINDOW} readings per pump.`,
    seed: config.data.seed,
    date,
  };
}

function heldOut(trained: TrainedPumpModels): string {
  const m = trained.metrics;
  return `${m.testPumps} simulated pumps never seen in training, ${m.testRows} readings`;
}

/**
 * The card of the RUL regressor.
 * @example const card = rulModelCard(FULL_TRAINING, trained, '2026-11-25')
 */
export function rulModelCard(config: TrainingConfig, trained: TrainedPumpModels, date: string): ModelCard {
  const m = trained.metrics;
  const dataset = heldOut(trained);
  const metrics: Metric[] = [
    { name: 'RUL MAE', value: round(m.rulMae, 1), unit: 'h', dataset },
    { name: 'RUL RMSE', value: round(m.rulRmse, 1), unit: 'h', dataset },
    { name: 'RUL MAE, last 200 h of life', value: round(m.rulMaeLast200, 1), unit: 'h', dataset },
    { name: 'Baseline MAE (training mean)', value: round(m.baselineMae, 1), unit: 'h', dataset },
    { name: 'Baseline RMSE (training mean)', value: round(m.baselineRmse, 1), unit: 'h', dataset },
  ];
  return {
    $schema: 'https://projecttwin.dev/schemas/model-card/1.json',
    schemaVersion: 1,
    name: MODEL_NAMES.rul,
    version: VERSION,
    title: 'Pump remaining useful life',
    description: [
      'Predicts the remaining useful life of a centrifugal pump, in operating hours, from rolling-window summaries of its vibration, bearing temperature, pressure, flow and speed.',
      `The target is the hours until bearing failure if the pump kept its current speed, clipped to ${config.rulCap} h (a pump further from failure is simply predicted at ${config.rulCap} h), so the prediction lies between 0 and ${config.rulCap} h.`,
      `Feed it the window summaries of the last ${FEATURE_WINDOW} readings per pump (one reading per operating hour), computed with the Rolling window node (by count). The inputs are raw values in the units given: the standardisation is inside the model.`,
      `What-if: speed_last is the speed the pump will run at; the mean prediction over the held-out readings is ${m.whatIf.map((w) => `${round(w.meanRul, 0)} h at ${w.speed} rpm`).join(', ')}.`,
      `A multilayer perceptron (${FEATURES.length} → ${config.hidden.join(' → ')} → 1, ReLU), trained with Adam on mean squared error; trained on simulated data only: retrain on your own pumps' history before trusting it for real equipment.`,
    ].join(' '),
    task: 'regression',
    format: 'onnx',
    tags: ['predictive-maintenance', 'pump', 'rul', 'vibration', 'mlp'],
    license: 'Apache-2.0',
    authors: ['ProjectTwin'],
    inputs: inputs(),
    outputs: [
      {
        tensor: TENSORS.rul,
        dtype: 'float32',
        shape: ['N', 1],
        columns: [
          {
            name: 'rul_h',
            description: `Predicted remaining useful life at the current speed, 0 to ${config.rulCap} h.`,
            unit: 'h',
          },
        ],
      },
    ],
    metrics,
    training: trainingOf(config, trained, date),
    artifact: artifact(trained.rulOnnx),
  };
}

/**
 * The card of the anomaly detector.
 * @example const card = anomalyModelCard(FULL_TRAINING, trained, '2026-11-25')
 */
export function anomalyModelCard(
  config: TrainingConfig,
  trained: TrainedPumpModels,
  date: string,
): ModelCard {
  const m = trained.metrics;
  const dataset = `${heldOut(trained)}; an alert counts as right when the simulator flags the reading as faulty (bearing wear past ${Math.round(PUMP_PHYSICS.faultWear * 100)} % of the failure level, or cavitation)`;
  const threshold = round(trained.anomaly.threshold, 3);
  return {
    $schema: 'https://projecttwin.dev/schemas/model-card/1.json',
    schemaVersion: 1,
    name: MODEL_NAMES.anomaly,
    version: VERSION,
    title: 'Pump anomaly score',
    description: [
      'Scores how far a centrifugal pump is from healthy operation at its current speed, and raises an alert above a threshold.',
      'For each rolling-window summary, a quadratic in the mean speed, fitted on healthy operation, gives the value a healthy pump would show; the score is the mean squared z-score of the differences over the vibration, temperature, pressure and flow summaries (speed itself is not scored).',
      `The alert is 1 when the score exceeds ${threshold}, the threshold that gave the best F1 on the training pumps, else 0.`,
      `Feed it the same window summaries as pump-rul (last ${FEATURE_WINDOW} readings per pump, raw values in the units given). Fitted on simulated data only: refit on your own pumps' healthy operation before trusting it for real equipment.`,
    ].join(' '),
    task: 'anomaly-detection',
    format: 'onnx',
    tags: ['predictive-maintenance', 'pump', 'anomaly', 'vibration', 'z-score'],
    license: 'Apache-2.0',
    authors: ['ProjectTwin'],
    inputs: inputs(),
    outputs: [
      {
        tensor: TENSORS.score,
        dtype: 'float32',
        shape: ['N', 1],
        columns: [
          {
            name: 'anomaly_score',
            description:
              'Mean squared z-score against healthy operation at the same speed; about 1 when healthy.',
          },
        ],
      },
      {
        tensor: TENSORS.alert,
        dtype: 'float32',
        shape: ['N', 1],
        columns: [
          { name: 'anomaly_alert', description: `1 when anomaly_score is above ${threshold}, else 0.` },
        ],
      },
    ],
    metrics: [
      { name: 'Alert precision', value: round(m.anomalyPrecision, 3), dataset },
      { name: 'Alert recall', value: round(m.anomalyRecall, 3), dataset },
      { name: 'Alert F1', value: round(m.anomalyF1, 3), dataset },
    ],
    training: trainingOf(config, trained, date),
    artifact: artifact(trained.anomalyOnnx),
  };
}
