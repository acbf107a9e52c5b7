import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ArtifactStore } from '../artifacts/artifact-store';
import { createTestApp, type TestApp } from '../test-support/test-app';
import {
  DEMO_BLUEPRINT,
  DEMO_TABLE,
  DEMO_TWIN_TITLE,
  demoSettings,
  seedDemoTwin,
  startDemoSimulator,
} from './demo-twin';
import { seedBuiltins, SYSTEM_EMAIL } from './seed-builtins';
import { seedShippedBlueprints } from './seed-shipped';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await seedBuiltins(t.database);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('the demo settings', () => {
  it('run the demo on the embedded database and not on DATABASE_URL, unless PROJECTTWIN_DEMO says otherwise', () => {
    expect(demoSettings({}, { embedded: true })).toEqual({ enabled: true, stepsPerSecond: 1 });
    expect(demoSettings({}, { embedded: false })).toEqual({ enabled: false, stepsPerSecond: 1 });
    expect(demoSettings({ PROJECTTWIN_DEMO: 'on' }, { embedded: false }).enabled).toBe(true);
    expect(demoSettings({ PROJECTTWIN_DEMO: 'OFF' }, { embedded: true }).enabled).toBe(false);
    expect(demoSettings({ PROJECTTWIN_DEMO_SPEED: '20' }, { embedded: true }).stepsPerSecond).toBe(20);
    // A speed that is not a number from above 0 to 1000 keeps the default.
    for (const speed of ['fast', '0', '-3', '5000'])
      expect(demoSettings({ PROJECTTWIN_DEMO_SPEED: speed }, { embedded: true }).stepsPerSecond).toBe(1);
  });
});

describe('seeding the demo twin', () => {
  it('publishes the shipped pump blueprint with both models and its layout', async () => {
    const report = await seedShippedBlueprints(t.database, ArtifactStore.inDataDir(t.config.dataDir));
    expect(report.published).toEqual(
      expect.arrayContaining([
        'model pump-anomaly@1.0.0',
        'model pump-rul@1.0.0',
        `blueprint ${DEMO_BLUEPRINT.name}@${DEMO_BLUEPRINT.version}`,
        'layout pump-fleet-maintenance-default@1.0.0',
      ]),
    );
  });

  it('creates one public twin owned by the system user, bound to the demo table, and only once', async () => {
    const first = await seedDemoTwin(t.database);
    const second = await seedDemoTwin(t.database);
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    const [{ count }] = await t.database.sql<{ count: number }[]>`
      select count(*)::int as count from twins where title = ${DEMO_TWIN_TITLE}`;
    expect(count).toBe(1);

    // Anyone, signed in or not, can open it.
    const response = await t.as(null).request('GET', `/api/twins/${first.id}`);
    expect(response.status).toBe(200);
    const twin = (await response.json()) as {
      owner: { name: string };
      visibility: string;
      document: { blueprint: unknown; bindings: Record<string, { table: string; columns: object }> };
    };
    expect(twin.visibility).toBe('public');
    expect(twin.document.blueprint).toEqual(DEMO_BLUEPRINT);
    expect(twin.document.bindings.telemetry.table).toBe(DEMO_TABLE);
    expect(twin.document.bindings.telemetry.columns).toEqual({
      id: 'id',
      pump_id: 'pump_id',
      ts: 'ts',
      vibration_rms: 'vibration_rms',
      bearing_temp: 'bearing_temp',
      pressure: 'pressure',
      flow: 'flow',
      speed: 'speed',
    });
    const [owner] = await t.database.sql<{ email: string }[]>`
      select u.email from twins t join users u on u.id = t.owner_id where t.id = ${first.id}`;
    expect(owner.email).toBe(SYSTEM_EMAIL);
    const listed = (await (await t.as(null).request('GET', '/api/twins/public')).json()) as unknown;
    expect(JSON.stringify(listed)).toContain(first.id);
  });

  it('creates the twin once when two servers seed at the same moment', async () => {
    await t.database.sql`delete from twins where title = ${DEMO_TWIN_TITLE}`;
    const both = await Promise.all([seedDemoTwin(t.database), seedDemoTwin(t.database)]);
    expect(both[0].id).toBe(both[1].id);
    expect(both.filter((b) => b.created)).toHaveLength(1);
  });
});

describe('the demo simulator', () => {
  it('writes the fleet into the demo table while it runs, and nothing after it stops', async () => {
    // The test app's own database, on the suite's PostgreSQL.
    const [{ name }] = await t.database.sql<{ name: string }[]>`select current_database() as name`;
    const url = new URL(inject('databaseUrl'));
    url.pathname = `/${name}`;
    const simulator = await startDemoSimulator(url.toString(), { stepsPerSecond: 40 });
    await expect
      .poll(async () => (await t.database.sql`select count(*)::int as n from demo.pump_telemetry`)[0].n, {
        timeout: 10_000,
      })
      .toBeGreaterThanOrEqual(8 * 10);
    await simulator.stop();
    expect(simulator.stats().running).toBe(false);
    const [{ n: stopped }] = await t.database.sql<
      { n: number }[]
    >`select count(*)::int as n from demo.pump_telemetry`;
    const [{ pumps }] = await t.database.sql<{ pumps: number }[]>`
      select count(distinct pump_id)::int as pumps from demo.pump_telemetry`;
    expect(pumps).toBe(8);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [{ n: later }] = await t.database.sql<
      { n: number }[]
    >`select count(*)::int as n from demo.pump_telemetry`;
    expect(later).toBe(stopped);
  });
});
