import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../server/test-support/test-database';
import { simulateFleet } from './fleet';
import { startPumpSimulator } from './pump-simulator';
import type { SimulatorError } from './simulator-problems';

let sql: postgres.Sql;
let drop: () => Promise<void>;

beforeAll(async () => {
  const test = await createTestDatabase();
  drop = test.drop;
  sql = postgres(test.url, { max: 2, onnotice: () => {} });
});

afterAll(async () => {
  await sql?.end({ timeout: 5 });
  await drop?.();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Row {
  pump_id: string;
  step: number;
  ts: Date;
  vibration_rms: number;
  bearing_temp: number;
  pressure: number;
  flow: number;
  speed: number;
  true_rul_h: number;
  fault: boolean;
}

async function rowsOf(table: string): Promise<Row[]> {
  return sql.unsafe<Row[]>(`select * from ${table} order by step, pump_id`);
}

async function refusal(promise: Promise<unknown>): Promise<SimulatorError> {
  try {
    await promise;
  } catch (error) {
    return error as SimulatorError;
  }
  throw new Error('expected a refusal');
}

describe('startPumpSimulator', () => {
  it('writes every pump at the configured rate, one INSERT per tick, and stop() stops', async () => {
    const simulator = await startPumpSimulator(sql, {
      table: 'demo.pumps_rate',
      pumps: 4,
      stepsPerSecond: 20,
      seed: 5,
      createTable: true,
    });
    const started = performance.now();
    await sleep(1500);
    await simulator.stop();
    const elapsed = (performance.now() - started) / 1000;
    const stats = simulator.stats();
    expect(stats.running).toBe(false);
    const rows = await rowsOf('demo.pumps_rate');
    const steps = rows.length / 4;
    expect(Number.isInteger(steps)).toBe(true);
    expect(steps).toBeGreaterThanOrEqual(Math.floor(elapsed * 20 * 0.7));
    expect(steps).toBeLessThanOrEqual(Math.ceil(elapsed * 20) + 2);
    expect(stats.rows).toBe(rows.length);
    expect(stats.nextStep).toBe(steps);
    expect(stats.inserts).toBeGreaterThan(steps / 3);
    expect(new Set(rows.map((r) => r.pump_id))).toEqual(new Set(['P-01', 'P-02', 'P-03', 'P-04']));
    // ts is the wall clock of the write, rising per pump.
    const p1 = rows.filter((r) => r.pump_id === 'P-01');
    for (let i = 1; i < p1.length; i++) expect(p1[i].ts.getTime()).toBeGreaterThan(p1[i - 1].ts.getTime());
    expect(Math.abs(p1[p1.length - 1].ts.getTime() - Date.now())).toBeLessThan(5000);
    await sleep(300);
    expect((await rowsOf('demo.pumps_rate')).length).toBe(rows.length);
  });

  it('writes the values of the seed, and goes on after the last step when restarted', async () => {
    const options = { table: 'sim_seeded', pumps: 3, stepsPerSecond: 50, seed: 11, createTable: true };
    const first = await startPumpSimulator(sql, options);
    await sleep(400);
    await first.stop();
    const second = await startPumpSimulator(sql, options);
    expect(second.stats().firstStep).toBe(first.stats().nextStep);
    await sleep(400);
    await second.stop();
    const rows = await rowsOf('sim_seeded');
    const steps = second.stats().nextStep;
    expect(rows.length).toBe(steps * 3);
    const expected = simulateFleet({ pumps: 3, seed: 11 }, steps);
    for (const row of rows) {
      const truth = expected[Number(row.pump_id.slice(2)) - 1][row.step];
      expect(row.vibration_rms).toBe(truth.vibration_rms);
      expect(row.bearing_temp).toBe(truth.bearing_temp);
      expect(row.pressure).toBe(truth.pressure);
      expect(row.flow).toBe(truth.flow);
      expect(row.speed).toBe(truth.speed);
      expect(row.true_rul_h).toBe(truth.true_rul_h);
      expect(row.fault).toBe(truth.fault);
    }
  });

  it('keeps only the last steps when asked', async () => {
    const simulator = await startPumpSimulator(sql, {
      table: 'sim_retained',
      pumps: 2,
      stepsPerSecond: 200,
      retainSteps: 10,
      createTable: true,
    });
    await sleep(800);
    await simulator.stop();
    const rows = await rowsOf('sim_retained');
    const next = simulator.stats().nextStep;
    expect(next).toBeGreaterThan(60);
    expect(Math.min(...rows.map((r) => r.step))).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(next * 2);
  });

  it('refuses bad options, bad table names and missing tables in plain words', async () => {
    expect((await refusal(startPumpSimulator(sql, { table: 't', pumps: 0 }))).code).toBe('PTR600');
    expect((await refusal(startPumpSimulator(sql, { table: 't', stepsPerSecond: -1 }))).message).toContain(
      'stepsPerSecond',
    );
    expect((await refusal(startPumpSimulator(sql, { table: 'x; drop table y' }))).code).toBe('PTR601');
    const missing = await refusal(startPumpSimulator(sql, { table: 'demo.nowhere' }));
    expect(missing.code).toBe('PTR602');
    expect(missing.message).toContain('demo.nowhere');
    await sql`create table other_table (pump_id text, step int)`;
    const lacking = await refusal(startPumpSimulator(sql, { table: 'other_table' }));
    expect(lacking.code).toBe('PTR603');
    expect(lacking.message).toContain('vibration_rms');
  });

  it('reports a failed write and writes the same steps once the table is back', async () => {
    const problems: SimulatorError[] = [];
    const simulator = await startPumpSimulator(sql, {
      table: 'sim_flaky',
      pumps: 2,
      stepsPerSecond: 20,
      seed: 3,
      createTable: true,
      onProblem: (p) => problems.push(p),
    });
    await sleep(300);
    await sql`alter table sim_flaky rename to sim_flaky_away`;
    await sleep(1300);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].code).toBe('PTR604');
    await sql`alter table sim_flaky_away rename to sim_flaky`;
    await sleep(1500);
    await simulator.stop();
    const stats = simulator.stats();
    expect(stats.failedWrites).toBeGreaterThan(0);
    const rows = await rowsOf('sim_flaky');
    const steps = [...new Set(rows.map((r) => r.step))];
    expect(steps).toEqual(steps.map((_, i) => i));
    const expected = simulateFleet({ pumps: 2, seed: 3 }, steps.length);
    expect(rows.at(-1)?.flow).toBe(expected[1][steps.length - 1].flow);
  });

  it('goes on after steps another writer already put in the table instead of failing forever', async () => {
    const problems: SimulatorError[] = [];
    const simulator = await startPumpSimulator(sql, {
      table: 'sim_ahead',
      pumps: 2,
      stepsPerSecond: 20,
      seed: 8,
      createTable: true,
      onProblem: (p) => problems.push(p),
    });
    await sleep(200);
    const ahead = simulator.stats().nextStep + 6;
    await sql`insert into sim_ahead (pump_id, ts, step, vibration_rms, bearing_temp, pressure, flow, speed, true_rul_h, fault)
              values ('P-01', now(), ${ahead}, 1, 40, 4, 120, 1450, 500, false)`;
    await sleep(2500);
    await simulator.stop();
    expect(problems.length).toBe(1);
    expect(problems[0].message).toContain('duplicate key');
    expect(simulator.stats().nextStep).toBeGreaterThan(ahead + 5);
    const [{ count }] = await sql<{ count: string }[]>`select count(*) from sim_ahead where step > ${ahead}`;
    expect(Number(count)).toBe((simulator.stats().nextStep - ahead - 1) * 2);
  });
});
