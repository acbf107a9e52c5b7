/**
 * The pump simulator's writer: steps a fleet at a wall-clock rate and inserts each tick's readings into a
 * PostgreSQL table, in one statement per tick. Stoppable; resumes after the last step already in the table.
 */
import type postgres from 'postgres';
import { createFleet, fastForward, stepFleet, type FleetReading, type FleetState } from './fleet';
import { badOption, writeFailed, type SimulatorError } from './simulator-problems';
import {
  checkTelemetryTable,
  createTelemetryTable,
  deleteBefore,
  insertTelemetry,
  nextStep,
  type TelemetryRow,
} from './telemetry-table';

/** How to run the simulator. */
export interface PumpSimulatorOptions {
  /** The table to write, `name` or `schema.name`, e.g. demo.pump_telemetry. */
  table: string;
  /** Pumps in the fleet (default 8). */
  pumps?: number;
  /** Simulation steps (one operating hour each) per wall-clock second (default 1). */
  stepsPerSecond?: number;
  /** Seed of the simulation (default 1). */
  seed?: number;
  /** Create the schema and table when missing (default false: the table must exist). */
  createTable?: boolean;
  /** Keep only the last this many steps in the table (default: keep everything). */
  retainSteps?: number;
  /** Told about each write that failed (PTR604); the simulator keeps going. */
  onProblem?: (problem: SimulatorError) => void;
}

/** What the simulator has done so far. */
export interface PumpSimulatorStats {
  running: boolean;
  /** The step the simulation started at (after the steps already in the table). */
  firstStep: number;
  /** The next step to be written. */
  nextStep: number;
  /** Rows and INSERT statements written since the start. */
  rows: number;
  inserts: number;
  /** Writes that failed (their readings were written later). */
  failedWrites: number;
  lastProblem?: { code: string; message: string };
}

/** A running simulator. */
export interface PumpSimulator {
  /** Stops the ticks and waits for a write under way; the connection stays open (it is the caller's). */
  stop(): Promise<void>;
  stats(): PumpSimulatorStats;
}

/** Most steps one tick writes when the simulator has fallen behind; beyond, it skips ahead on the clock. */
const MAX_CATCH_UP_SECONDS = 2;
/** Steps replayed between two yields to the event loop when resuming. */
const REPLAY_SLICE = 2000;

function checkOptions(
  options: PumpSimulatorOptions,
): Required<Pick<PumpSimulatorOptions, 'pumps' | 'stepsPerSecond' | 'seed'>> {
  const pumps = options.pumps ?? 8;
  const stepsPerSecond = options.stepsPerSecond ?? 1;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(pumps) || pumps < 1 || pumps > 1000)
    throw badOption('pumps', options.pumps, 'a whole number from 1 to 1000');
  if (typeof stepsPerSecond !== 'number' || !(stepsPerSecond > 0) || stepsPerSecond > 1000)
    throw badOption('stepsPerSecond', options.stepsPerSecond, 'a number above 0 and at most 1000');
  if (!Number.isInteger(seed)) throw badOption('seed', options.seed, 'a whole number');
  if (
    options.retainSteps !== undefined &&
    !(Number.isInteger(options.retainSteps) && options.retainSteps >= 1)
  )
    throw badOption('retainSteps', options.retainSteps, 'a whole number of at least 1');
  return { pumps, stepsPerSecond, seed };
}

/**
 * Steps the fleet silently up to `steps`, in slices that let other work run in between: a table that has been
 * filled for a week at one step per second takes seconds to replay, and must not freeze the server meanwhile.
 */
async function replay(fleet: FleetState, steps: number): Promise<FleetState> {
  let state = fleet;
  for (let done = 0; done < steps; done += REPLAY_SLICE) {
    state = fastForward(state, Math.min(REPLAY_SLICE, steps - done));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return state;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

function toRow(reading: FleetReading, ts: Date): TelemetryRow {
  return {
    pump_id: reading.pump_id,
    ts,
    step: reading.step,
    vibration_rms: reading.vibration_rms,
    bearing_temp: reading.bearing_temp,
    pressure: reading.pressure,
    flow: reading.flow,
    speed: reading.speed,
    true_rul_h: reading.true_rul_h,
    fault: reading.fault,
  };
}

/**
 * Starts writing a simulated pump fleet into `options.table`: one INSERT per tick with every pump's reading
 * (`ts` the wall-clock time of the write). The fleet is deterministic for the seed; when the table already holds
 * steps, the simulation is replayed silently up to the last one and goes on from there. Bad options, a bad table
 * name or a missing table are refused with a SimulatorError (PTR600–PTR603) before anything is written.
 * @example
 * const simulator = await startPumpSimulator(sql, { table: 'demo.pump_telemetry', createTable: true });
 * // ... later
 * await simulator.stop();
 */
export async function startPumpSimulator(
  sql: postgres.Sql,
  options: PumpSimulatorOptions,
): Promise<PumpSimulator> {
  const { pumps, stepsPerSecond, seed } = checkOptions(options);
  const { table } = options;
  if (options.createTable) await createTelemetryTable(sql, table);
  await checkTelemetryTable(sql, table);
  const firstStep = await nextStep(sql, table);
  let fleet: FleetState = await replay(createFleet({ pumps, seed }), firstStep);

  const intervalMs = 1000 / stepsPerSecond;
  const stats: PumpSimulatorStats = {
    running: true,
    firstStep,
    nextStep: firstStep,
    rows: 0,
    inserts: 0,
    failedWrites: 0,
  };
  let clockStart = performance.now();
  let stepsOnClock = 0;
  let lastTs = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  async function tick(): Promise<void> {
    const due = Math.floor((performance.now() - clockStart) / intervalMs) + 1 - stepsOnClock;
    const maxSteps = Math.max(1, Math.ceil(MAX_CATCH_UP_SECONDS * stepsPerSecond));
    if (due > maxSteps) {
      // Far behind (a slow database, a paused process): write what one tick may, and skip the rest of the clock.
      clockStart = performance.now() - (stepsOnClock + maxSteps) * intervalMs;
    }
    const count = Math.min(Math.max(due, 0), maxSteps);
    if (count === 0) return;
    const now = Date.now();
    let next = fleet;
    const rows: TelemetryRow[] = [];
    for (let s = 0; s < count; s++) {
      const stepped = stepFleet(next);
      next = stepped.fleet;
      lastTs = Math.max(lastTs + 1, now - (count - 1 - s) * intervalMs);
      const ts = new Date(lastTs);
      for (const reading of stepped.readings) rows.push(toRow(reading, ts));
    }
    try {
      await insertTelemetry(sql, table, rows);
    } catch (error) {
      report(error);
      // Keep the fleet where it was: these steps are written at the next try, so the values stay the seed's.
      // Try again after a second (or one tick, if slower), then go on at the rate from there.
      clockStart = performance.now() - stepsOnClock * intervalMs + Math.max(intervalMs, 1000);
      // Steps already there (a write that succeeded but whose answer was lost, or another writer): go on after them.
      if (isUniqueViolation(error)) await resync();
      return;
    }
    fleet = next;
    stepsOnClock += count;
    stats.nextStep = next.pumps[0].step;
    stats.rows += rows.length;
    stats.inserts++;
    if (options.retainSteps !== undefined && stats.inserts % 50 === 0) {
      await deleteBefore(sql, table, stats.nextStep - options.retainSteps).catch(report);
    }
  }

  function report(error: unknown): void {
    const problem = writeFailed(table, error);
    stats.failedWrites++;
    stats.lastProblem = { code: problem.code, message: problem.message };
    options.onProblem?.(problem);
  }

  async function resync(): Promise<void> {
    try {
      const step = await nextStep(sql, table);
      if (step > fleet.pumps[0].step) fleet = await replay(fleet, step - fleet.pumps[0].step);
      stats.nextStep = fleet.pumps[0].step;
    } catch (error) {
      report(error);
    }
  }

  function schedule(): void {
    if (!stats.running) return;
    const wait = Math.max(0, clockStart + stepsOnClock * intervalMs - performance.now());
    timer = setTimeout(() => {
      inFlight = tick().finally(schedule);
    }, wait);
  }

  schedule();
  return {
    async stop() {
      stats.running = false;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
    stats: () => ({ ...stats }),
  };
}
