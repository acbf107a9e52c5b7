/**
 * The demo twin that ships with ProjectTwin: the pump fleet predictive-maintenance blueprint bound to the
 * simulated fleet's table (demo.pump_telemetry), owned by the system user and public, and the simulator that
 * feeds it while the platform runs.
 */
import { and, eq } from 'drizzle-orm';
import postgres from 'postgres';
import type { PumpSimulator } from '../../blueprints/predictive-maintenance/simulator/pump-simulator';
import { startPumpSimulator } from '../../blueprints/predictive-maintenance/simulator/pump-simulator';
import { createTelemetryTable } from '../../blueprints/predictive-maintenance/simulator/telemetry-table';
import type { Twin } from '../../schemas/twin/twin.types';
import type { Database } from '../db/database';
import { twins } from '../db/schema/index';
import { createTwin } from '../twins/create-twin';
import { ensureSystemUser } from './seed-builtins';

/** The table the simulated pump fleet writes and the demo twin reads. */
export const DEMO_TABLE = 'demo.pump_telemetry';

/** The shipped blueprint the demo twin runs (blueprints/predictive-maintenance/blueprint.json). */
export const DEMO_BLUEPRINT = { name: 'pump-fleet-maintenance', version: '1.0.0' } as const;

/** The demo twin's title, which (with its owner, the system user) identifies it between runs. */
export const DEMO_TWIN_TITLE = 'Demo: simulated pump fleet';

/** Steps the simulator keeps in the table (older readings are deleted): 2000 operating hours per pump. */
export const DEMO_RETAIN_STEPS = 2000;

/** Whether the demo runs and how fast its simulator goes. */
export interface DemoSettings {
  enabled: boolean;
  /** Simulated operating hours per wall-clock second. */
  stepsPerSecond: number;
}

/**
 * Whether the platform runs the demo: on by default on the embedded PostgreSQL (a fresh machine shows a live twin
 * with no configuration), off by default with DATABASE_URL (a production database gets no demo table unless
 * asked). PROJECTTWIN_DEMO=on or off overrides either default; PROJECTTWIN_DEMO_SPEED sets the simulated hours
 * per second (default 1).
 * @example demoSettings(process.env, { embedded: true }) // { enabled: true, stepsPerSecond: 1 }
 */
export function demoSettings(env: NodeJS.ProcessEnv, database: { embedded: boolean }): DemoSettings {
  const flag = (env.PROJECTTWIN_DEMO ?? '').trim().toLowerCase();
  const enabled = ['on', '1', 'true', 'yes'].includes(flag)
    ? true
    : ['off', '0', 'false', 'no'].includes(flag)
      ? false
      : database.embedded;
  const speed = Number(env.PROJECTTWIN_DEMO_SPEED ?? '');
  const stepsPerSecond = Number.isFinite(speed) && speed > 0 && speed <= 1000 ? speed : 1;
  return { enabled, stepsPerSecond };
}

/**
 * The demo twin's document: every input column mapped to the simulator's column of the same name.
 * @example await createTwin(database.db, system, demoTwinDocument())
 */
export function demoTwinDocument(): Twin {
  const columns = ['id', 'pump_id', 'ts', 'vibration_rms', 'bearing_temp', 'pressure', 'flow', 'speed'];
  return {
    schemaVersion: 1,
    title: DEMO_TWIN_TITLE,
    description:
      'A fleet of eight simulated centrifugal pumps, one reading per pump and operating hour, wearing towards failure and repaired when they fail. Runs live with no configuration.',
    blueprint: { ...DEMO_BLUEPRINT },
    bindings: {
      telemetry: {
        kind: 'table',
        connection: 'builtin',
        table: DEMO_TABLE,
        columns: Object.fromEntries(columns.map((c) => [c, c])),
      },
    },
    visibility: 'public',
  };
}

/**
 * Ensures the demo table exists and the demo twin is there, once: owned by the system user, public, running the
 * shipped pump blueprint on demo.pump_telemetry. Run after seedShippedBlueprints (the blueprint must be
 * published). Answers the twin's id and whether this call created it.
 * @example const { id } = await seedDemoTwin(database)
 */
export async function seedDemoTwin(database: Database): Promise<{ id: string; created: boolean }> {
  await createTelemetryTable(database.sql, DEMO_TABLE);
  const system = await ensureSystemUser(database);
  const existing = async () =>
    (
      await database.db
        .select({ id: twins.id })
        .from(twins)
        .where(
          and(
            eq(twins.ownerId, system.id),
            eq(twins.title, DEMO_TWIN_TITLE),
            eq(twins.blueprintName, DEMO_BLUEPRINT.name),
          ),
        )
        .orderBy(twins.createdAt)
        .limit(1)
    )[0];
  const found = await existing();
  if (found) return { id: found.id, created: false };
  // Two servers starting at once on one database take this lock in turn; the second finds the first's twin.
  const lock = await database.sql.reserve();
  try {
    await lock`select pg_advisory_lock(hashtext('projecttwin-demo-twin'))`;
    const again = await existing();
    if (again) return { id: again.id, created: false };
    const twin = await createTwin(database.db, system, demoTwinDocument());
    return { id: twin.id, created: true };
  } finally {
    await lock`select pg_advisory_unlock(hashtext('projecttwin-demo-twin'))`.catch(() => {});
    lock.release();
  }
}

/**
 * Starts the simulated fleet writing into the demo table (created when missing), resuming after the readings
 * already there and keeping the last DEMO_RETAIN_STEPS hours. It writes over a connection of its own: the
 * platform's pool is wrapped by drizzle, which makes postgres.js send timestamps as given, and the simulator
 * gives Date objects. `stop()` stops the writes and closes that connection.
 * @example const simulator = await startDemoSimulator(databaseUrl, { stepsPerSecond: 1 }, console.log)
 */
export async function startDemoSimulator(
  databaseUrl: string,
  settings: Pick<DemoSettings, 'stepsPerSecond'>,
  log: (line: string) => void = () => {},
): Promise<PumpSimulator> {
  const sql = postgres(databaseUrl, {
    max: 1,
    onnotice: () => {},
    connection: { application_name: 'projecttwin-demo' },
  });
  let lastCode = '';
  let simulator: PumpSimulator;
  try {
    simulator = await startPumpSimulator(sql, {
      table: DEMO_TABLE,
      createTable: true,
      stepsPerSecond: settings.stepsPerSecond,
      retainSteps: DEMO_RETAIN_STEPS,
      onProblem: (problem) => {
        // Log a run of the same failure once, not at every tick.
        if (problem.code === lastCode) return;
        lastCode = problem.code;
        log(`demo simulator: ${problem.message}`);
      },
    });
  } catch (error) {
    await sql.end({ timeout: 5 });
    throw error;
  }
  return {
    stats: () => simulator.stats(),
    async stop() {
      await simulator.stop();
      await sql.end({ timeout: 5 });
    },
  };
}
