/**
 * The models' input features, computed exactly as the blueprint computes them with the core/window node
 * (`by: "count"`, `size: FEATURE_WINDOW`, entity pump_id, ordered by time): per pump, over the last
 * FEATURE_WINDOW readings including the current one (fewer at the start of a series), the mean, min, max or
 * last value of a column.
 */
import type { PumpReading } from '../simulator/pump-physics';

/** Readings in the rolling window (one reading per operating hour: 12 hours). */
export const FEATURE_WINDOW = 12;

/** A telemetry column the features summarise. */
export type TelemetryColumn = 'vibration_rms' | 'bearing_temp' | 'pressure' | 'flow' | 'speed';

/** One feature: a window summary of a column, named as the window node names it by default (column_fn). */
export interface FeatureSpec {
  name: string;
  column: TelemetryColumn;
  fn: 'mean' | 'min' | 'max' | 'last';
  unit: string;
  description: string;
}

const W = `the last ${FEATURE_WINDOW} readings (hours) of the pump`;

/** The features, in the models' input order. */
export const FEATURES: readonly FeatureSpec[] = [
  {
    name: 'vibration_rms_mean',
    column: 'vibration_rms',
    fn: 'mean',
    unit: 'mm/s',
    description: `Mean vibration velocity (RMS) over ${W}.`,
  },
  {
    name: 'vibration_rms_max',
    column: 'vibration_rms',
    fn: 'max',
    unit: 'mm/s',
    description: `Highest vibration velocity (RMS) over ${W}.`,
  },
  {
    name: 'bearing_temp_mean',
    column: 'bearing_temp',
    fn: 'mean',
    unit: '°C',
    description: `Mean bearing temperature over ${W}.`,
  },
  {
    name: 'bearing_temp_max',
    column: 'bearing_temp',
    fn: 'max',
    unit: '°C',
    description: `Highest bearing temperature over ${W}.`,
  },
  {
    name: 'pressure_mean',
    column: 'pressure',
    fn: 'mean',
    unit: 'bar',
    description: `Mean discharge pressure over ${W}.`,
  },
  {
    name: 'pressure_min',
    column: 'pressure',
    fn: 'min',
    unit: 'bar',
    description: `Lowest discharge pressure over ${W}.`,
  },
  { name: 'flow_mean', column: 'flow', fn: 'mean', unit: 'm³/h', description: `Mean flow over ${W}.` },
  { name: 'flow_min', column: 'flow', fn: 'min', unit: 'm³/h', description: `Lowest flow over ${W}.` },
  {
    name: 'speed_mean',
    column: 'speed',
    fn: 'mean',
    unit: 'rpm',
    description: `Mean shaft speed over ${W}: the operating point the other summaries were measured at.`,
  },
  {
    name: 'speed_last',
    column: 'speed',
    fn: 'last',
    unit: 'rpm',
    description:
      'The current shaft speed: the operating point the prediction is for (vary it for a what-if).',
  },
];

/**
 * The feature rows of one pump's readings (in step order): row i summarises readings max(0, i − W + 1) … i.
 * Returned flat, FEATURES.length numbers per reading.
 * @example
 * const x = windowFeatures(readings); // x[i * FEATURES.length + 0] is reading i's vibration_rms_mean
 */
export function windowFeatures(
  readings: readonly Pick<PumpReading, TelemetryColumn>[],
  window: number = FEATURE_WINDOW,
): Float64Array {
  const width = FEATURES.length;
  const out = new Float64Array(readings.length * width);
  for (let i = 0; i < readings.length; i++) {
    const start = Math.max(0, i - window + 1);
    for (let f = 0; f < width; f++) {
      const { column, fn } = FEATURES[f];
      let value: number;
      if (fn === 'last') value = readings[i][column];
      else {
        let sum = 0;
        let min = Infinity;
        let max = -Infinity;
        for (let j = start; j <= i; j++) {
          const v = readings[j][column];
          sum += v;
          if (v < min) min = v;
          if (v > max) max = v;
        }
        value = fn === 'mean' ? sum / (i - start + 1) : fn === 'min' ? min : max;
      }
      out[i * width + f] = value;
    }
  }
  return out;
}
