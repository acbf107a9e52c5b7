/**
 * The training and test sets: a simulated fleet run through failures and repairs, turned into window features
 * per pump, split by pump (a test pump is never seen in training).
 */
import { simulateFleet } from '../simulator/fleet';
import { FEATURE_WINDOW, FEATURES, windowFeatures } from './features';

/** One split: `rows` rows of FEATURES.length features, with their truth. */
export interface PumpDataset {
  rows: number;
  x: Float64Array;
  /** True remaining useful life (h), not clipped. */
  rul: Float64Array;
  /** 1 where the simulator flags the reading as faulty. */
  fault: Uint8Array;
  /** 1 where the whole window is healthy operation: no fault in it and a true RUL of at least `healthyRul`. */
  healthy: Uint8Array;
  pumps: string[];
}

/** Which data to simulate. */
export interface DataOptions {
  seed: number;
  /** Pumps simulated; every `testEvery`-th one (3, 7, 11, ... for 4) is held out for testing. */
  pumps: number;
  testEvery: number;
  /** Steps (operating hours) per pump. */
  steps: number;
  /** A window is healthy operation when its true RUL is at least this (h). */
  healthyRul: number;
}

function empty(rows: number, pumps: string[]): PumpDataset {
  return {
    rows,
    x: new Float64Array(rows * FEATURES.length),
    rul: new Float64Array(rows),
    fault: new Uint8Array(rows),
    healthy: new Uint8Array(rows),
    pumps,
  };
}

/**
 * Simulates the fleet and builds the training and test sets.
 * @example const { train, test } = buildPumpDatasets({ seed: 1, pumps: 8, testEvery: 4, steps: 2000, healthyRul: 500 })
 */
export function buildPumpDatasets(options: DataOptions): { train: PumpDataset; test: PumpDataset } {
  const series = simulateFleet({ pumps: options.pumps, seed: options.seed, wearSpread: 0.95 }, options.steps);
  const isTest = (i: number) => i % options.testEvery === options.testEvery - 1;
  const ids = (test: boolean) => series.flatMap((s, i) => (isTest(i) === test ? [s[0].pump_id] : []));
  const train = empty(ids(false).length * options.steps, ids(false));
  const test = empty(ids(true).length * options.steps, ids(true));
  const cursor = { train: 0, test: 0 };
  const width = FEATURES.length;
  series.forEach((readings, i) => {
    const set = isTest(i) ? test : train;
    const key = isTest(i) ? 'test' : 'train';
    const x = windowFeatures(readings);
    const base = cursor[key];
    set.x.set(x, base * width);
    let lastFault = -Infinity;
    readings.forEach((r, k) => {
      if (r.fault) lastFault = k;
      set.rul[base + k] = r.true_rul_h;
      set.fault[base + k] = r.fault ? 1 : 0;
      const windowHealthy = k - lastFault >= FEATURE_WINDOW && r.true_rul_h >= options.healthyRul;
      set.healthy[base + k] = windowHealthy ? 1 : 0;
    });
    cursor[key] += readings.length;
  });
  return { train, test };
}

/**
 * Per-feature mean and standard deviation of a dataset (the standardisation the RUL model applies).
 * @example const { mean, std } = featureStats(train)
 */
export function featureStats(set: PumpDataset): { mean: number[]; std: number[] } {
  const width = FEATURES.length;
  const mean = new Array<number>(width).fill(0);
  const std = new Array<number>(width).fill(0);
  for (let r = 0; r < set.rows; r++) for (let f = 0; f < width; f++) mean[f] += set.x[r * width + f];
  for (let f = 0; f < width; f++) mean[f] /= set.rows;
  for (let r = 0; r < set.rows; r++) {
    for (let f = 0; f < width; f++) std[f] += (set.x[r * width + f] - mean[f]) ** 2;
  }
  for (let f = 0; f < width; f++) std[f] = Math.sqrt(std[f] / Math.max(1, set.rows - 1)) || 1;
  return { mean, std };
}
