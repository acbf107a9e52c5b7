/**
 * A fleet of pumps stepped together: pure functions over plain data, deterministic for a seed. Each pump has its
 * own random stream, so adding pumps to a fleet does not change the draws of the others.
 */
import { createPump, stepPump, type PumpReading, type PumpState } from './pump-physics';

/** A reading of one pump of the fleet. */
export interface FleetReading extends PumpReading {
  pump_id: string;
}

/** The fleet: its pumps' ids and states, in the same order. */
export interface FleetState {
  ids: string[];
  pumps: PumpState[];
}

/** How to build a fleet. */
export interface FleetOptions {
  /** Number of pumps (default 8). */
  pumps?: number;
  /** Seed of every random draw (default 1). */
  seed?: number;
  /** Starting wear is staggered evenly from 0 up to this (default 0.8), so the fleet shows a spread of health. */
  wearSpread?: number;
  /** Prefix of pump ids (default "P-"): P-01, P-02, ... */
  idPrefix?: string;
}

/**
 * The id of pump number `index` (from 0) in a fleet of `count`: zero-padded to at least two digits.
 * @example pumpId(2, 8) // 'P-03'
 */
export function pumpId(index: number, count: number, prefix = 'P-'): string {
  const width = Math.max(2, String(count).length);
  return `${prefix}${String(index + 1).padStart(width, '0')}`;
}

/**
 * A new fleet: pump i starts at wear spread · (i + ½) / pumps, so the first is almost new and the last well worn.
 * @example const fleet = createFleet({ pumps: 8, seed: 42 })
 */
export function createFleet(options: FleetOptions = {}): FleetState {
  const count = options.pumps ?? 8;
  const seed = options.seed ?? 1;
  const spread = options.wearSpread ?? 0.8;
  const ids: string[] = [];
  const pumps: PumpState[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(pumpId(i, count, options.idPrefix));
    pumps.push(createPump(seed, i, (spread * (i + 0.5)) / count));
  }
  return { ids, pumps };
}

/**
 * Advances every pump by one step; returns the new fleet and one reading per pump, in fleet order.
 * @example
 * const { fleet, readings } = stepFleet(createFleet());
 * readings[0].pump_id // 'P-01'
 */
export function stepFleet(fleet: FleetState): { fleet: FleetState; readings: FleetReading[] } {
  const pumps: PumpState[] = [];
  const readings: FleetReading[] = [];
  for (let i = 0; i < fleet.pumps.length; i++) {
    const { state, reading } = stepPump(fleet.pumps[i]);
    pumps.push(state);
    readings.push({ pump_id: fleet.ids[i], ...reading });
  }
  return { fleet: { ids: fleet.ids, pumps }, readings };
}

/**
 * Advances the fleet by `steps` steps without keeping the readings (to resume a simulation where it stopped).
 * @example const later = fastForward(createFleet({ seed: 3 }), 1000) // later.pumps[0].step === 1000
 */
export function fastForward(fleet: FleetState, steps: number): FleetState {
  let pumps = fleet.pumps;
  for (let s = 0; s < steps; s++) pumps = pumps.map((p) => stepPump(p).state);
  return { ids: fleet.ids, pumps };
}

/**
 * Every reading of `steps` steps of a fleet, pump by pump: `series[i]` holds pump i's readings in step order.
 * @example const series = simulateFleet({ pumps: 4, seed: 9 }, 500) // 4 arrays of 500 readings
 */
export function simulateFleet(options: FleetOptions, steps: number): FleetReading[][] {
  let fleet = createFleet(options);
  const series: FleetReading[][] = fleet.ids.map(() => []);
  for (let s = 0; s < steps; s++) {
    const next = stepFleet(fleet);
    fleet = next.fleet;
    next.readings.forEach((reading, i) => series[i].push(reading));
  }
  return series;
}
