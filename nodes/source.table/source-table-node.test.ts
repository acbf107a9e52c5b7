import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionPlan } from '../../runtime/compiler/plan';
import { createEngine } from '../../runtime/engine/engine';
import { compileTestPlan, testImplementations, type TestSink } from '../../runtime/engine/engine-test-nodes';
import type { Engine } from '../../runtime/engine/engine-types';
import type { Row, RuntimeServices } from '../../runtime/engine/node-api';
import { eventually, startSyncTestServer, type SyncTestServer } from '../../server/sync/sync-test-server';
import {
  pumpFleet,
  pumpFleetBindings,
  pumpFleetTwin,
  seedTestRegistry,
} from '../../server/twins/twin-test-fixtures';
import { builtinImplementations } from '../implementations';

// The table source against the real server: embedded PostgreSQL, the built-in sync and the twin-scoped shape
// endpoint (the auth proxy), read by the official client inside the node.

let t: SyncTestServer;
let base: string;
let cookie: string;
let twinId: string;
const engines: Engine[] = [];
const mapping = (pumpFleetBindings().telemetry as { columns: Record<string, string> }).columns;

beforeAll(async () => {
  t = await startSyncTestServer();
  base = `http://127.0.0.1:${t.port}`;
  await seedTestRegistry(t.database);
  await t.database.sql`create schema demo`;
  await t.database.sql`create table demo.pump_telemetry (id int8 primary key, pump text not null,
    recorded_at timestamptz not null, vib_rms float8, temp_c float8, operator_note text)`;
  await t.database.sql`insert into demo.pump_telemetry values
    (1, 'P-1', '2024-01-01 00:00:00.125+00', 1.5, 40, 'not for the twin'),
    (2, 'P-2', '2024-01-01 02:00:00+02', 2.5, 41, 'not for the twin')`;
  const signup = await fetch(`${base}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ada@example.com', password: 'ada-password-123', name: 'ada' }),
  });
  expect(signup.status).toBe(201);
  const { csrfToken } = (await signup.json()) as { csrfToken: string };
  cookie = signup.headers.get('set-cookie')!.split(';')[0];
  const created = await fetch(`${base}/api/twins`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify(pumpFleetTwin({ visibility: 'private' })),
  });
  expect(created.status).toBe(201);
  twinId = ((await created.json()) as { id: string }).id;
});

afterAll(async () => {
  for (const engine of engines) await engine.dispose();
  await t?.destroy();
});

function plan(maxRows?: number): Promise<ExecutionPlan> {
  return compileTestPlan(
    [
      {
        id: 'telemetry',
        type: 'core/source.table',
        config: { input: 'telemetry', ...(maxRows ? { maxRows } : {}) },
      },
      { id: 'out', type: 'test/sink' },
    ],
    [['telemetry.rows', 'out.rows']],
    { telemetry: pumpFleet.inputs!.telemetry },
  );
}

/** The twin's own services: its shape endpoint per input, and a fetch that signs in as the owner. */
function services(urls: URL[] = [], input = 'telemetry'): RuntimeServices {
  return {
    shapeFor: (name) =>
      name === 'telemetry'
        ? { url: `${base}/api/twins/${twinId}/inputs/${input}/shape`, columns: mapping }
        : undefined,
    fetch: (request, init) => {
      urls.push(new URL(request.toString()));
      const headers = new Headers(init?.headers);
      headers.set('cookie', cookie);
      return fetch(request, { ...init, headers });
    },
  };
}

async function run(p: ExecutionPlan, s: RuntimeServices) {
  const engine = createEngine(p, {
    implementations: { ...builtinImplementations, ...testImplementations() },
    services: s,
  });
  engines.push(engine);
  await engine.start();
  return { engine, out: engine.instance('out') as unknown as TestSink };
}

/** The table's rows as the blueprint sees them: its names, numbers as numbers, times as epoch ms. */
async function tableRows(): Promise<Row[]> {
  const rows = await t.database.sql`select id::float8 as id, pump as pump_id,
    (extract(epoch from recorded_at) * 1000)::float8 as ts, vib_rms as vibration_rms, temp_c as bearing_temp
    from demo.pump_telemetry order by id`;
  return rows.map((r) => ({ ...r }));
}

const sinkRows = (out: TestSink) => [...out.table.values()].sort((a, b) => Number(a.id) - Number(b.id));

async function expectSameRows(out: TestSink): Promise<void> {
  await eventually(async () => expect(sinkRows(out)).toEqual(await tableRows()), 15_000);
}

describe('core/source.table on the real shape endpoint', () => {
  it('emits the table as whole rows through inserts, partial updates, deletes and a must-refetch', async () => {
    const urls: URL[] = [];
    const { engine, out } = await run(await plan(), services(urls));
    await expectSameRows(out);
    expect(sinkRows(out)[0]).toEqual({
      id: 1,
      pump_id: 'P-1',
      ts: Date.UTC(2024, 0, 1, 0, 0, 0, 125),
      vibration_rms: 1.5,
      bearing_temp: 40,
    });
    expect(sinkRows(out)[1].ts).toBe(Date.UTC(2024, 0, 1, 0, 0, 0));
    await t.database
      .sql`insert into demo.pump_telemetry values (3, 'P-3', '2024-01-02 00:00:00+00', 3.5, 42, 'x'),
      (4, 'P-4', '2024-01-03 00:00:00+00', null, 43, 'x')`;
    await t.database.sql`update demo.pump_telemetry set vib_rms = 9.5 where id = 1`;
    await t.database
      .sql`update demo.pump_telemetry set operator_note = 'only a column the twin does not see' where id = 3`;
    await t.database.sql`delete from demo.pump_telemetry where id = 2`;
    await expectSameRows(out);
    expect(out.table.size).toBe(3);
    // A schema change makes the server ask for a refetch; the node starts over from a fresh snapshot.
    const requestsBefore = urls.length;
    const batchesBefore = out.batches.length;
    await t.database.sql`alter table demo.pump_telemetry add column site text`;
    await t.database
      .sql`insert into demo.pump_telemetry values (5, 'P-5', '2024-01-04 00:00:00+00', 5.5, 45, 'x', 'north')`;
    await expectSameRows(out);
    expect(urls.slice(requestsBefore).some((u) => u.searchParams.get('offset') === '-1')).toBe(true);
    // The deletes and the new snapshot reached the sink together: rows that stayed were updated, never removed.
    expect(out.batches.slice(batchesBefore).flatMap((b) => b.deletes)).toEqual([]);
    expect(urls.every((u) => u.pathname.endsWith('/inputs/telemetry/shape'))).toBe(true);
    expect(engine.problems()).toEqual({});
    expect(engine.stats('telemetry')).toMatchObject({ failed: false });
    expect(engine.instance('telemetry')?.preview?.().rowCount).toBe(4);
    await engine.dispose();
    // Disposed: the stream is aborted and asks for nothing more.
    const requestsAtDispose = urls.length;
    await t.database
      .sql`insert into demo.pump_telemetry (id, pump, recorded_at, vib_rms, temp_c) values (6, 'P-6', '2024-01-05 00:00:00+00', 1, 1)`;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(urls.length).toBe(requestsAtDispose);
    expect(out.table.has('6')).toBe(false);
  });

  it('keeps the newest maxRows rows, deleting the oldest downstream', async () => {
    const { engine, out } = await run(await plan(3), services());
    await eventually(() => expect(out.table.size).toBe(3), 15_000);
    await t.database
      .sql`insert into demo.pump_telemetry (id, pump, recorded_at, vib_rms, temp_c) values (10, 'P-10', '2024-02-01 00:00:00+00', 1, 1)`;
    await t.database
      .sql`insert into demo.pump_telemetry (id, pump, recorded_at, vib_rms, temp_c) values (11, 'P-11', '2024-02-02 00:00:00+00', 1, 1)`;
    await eventually(() => {
      const ids = sinkRows(out).map((r) => r.id);
      expect(ids).toHaveLength(3);
      expect(ids).toContain(10);
      expect(ids).toContain(11);
    }, 15_000);
    await engine.dispose();
  });

  it('waits for a slow consumer downstream (backpressure) and still delivers every change', async () => {
    const p = await compileTestPlan(
      [
        { id: 'telemetry', type: 'core/source.table', config: { input: 'telemetry' } },
        { id: 'slow', type: 'test/scale', config: { factor: 1, delayMs: 40 } },
        { id: 'out', type: 'test/sink' },
      ],
      [
        ['telemetry.rows', 'slow.rows'],
        ['slow.rows', 'out.rows'],
      ],
      { telemetry: pumpFleet.inputs!.telemetry },
    );
    const engine = createEngine(p, {
      implementations: { ...builtinImplementations, ...testImplementations() },
      services: services(),
      queueLimit: 1,
    });
    engines.push(engine);
    await engine.start();
    const out = engine.instance('out') as unknown as TestSink;
    for (let id = 100; id < 120; id++)
      await t.database
        .sql`insert into demo.pump_telemetry (id, pump, recorded_at, vib_rms, temp_c) values (${id}, 'P', '2024-04-01 00:00:00.5+00', 1, 1)`;
    await eventually(async () => {
      const ids = [...out.table.values()].map((r) => r.id).sort((a, b) => Number(a) - Number(b));
      expect(ids).toEqual((await tableRows()).map((r) => r.id));
    }, 20_000);
    expect(engine.problems()).toEqual({});
    await engine.dispose();
  });

  it('says plainly when the input is not bound, the server refuses the shape, or columns do not match', async () => {
    const unbound = await run(await plan(), { shapeFor: () => undefined });
    await unbound.engine.flush();
    expect(unbound.engine.problems().telemetry).toEqual([
      expect.objectContaining({
        code: 'PTR110',
        severity: 'error',
        message: `The input "telemetry" is not connected to a table, so there are no rows to show. Bind it to a table in the twin's settings.`,
      }),
    ]);
    expect(unbound.engine.stats('telemetry').failed).toBe(true);
    await unbound.engine.dispose();

    const refused = await run(await plan(), services([], 'nope'));
    await eventually(() =>
      expect(refused.engine.problems().telemetry).toEqual([
        expect.objectContaining({
          code: 'PTR112',
          severity: 'error',
          message:
            'The rows of the input "telemetry" could not be read: This twin has no input called "nope".',
        }),
      ]),
    );
    await refused.engine.dispose();

    // A mapping that names a text column for a number, and a column the shape does not carry: rows still flow.
    const mismatched = await run(await plan(), {
      ...services(),
      shapeFor: () => ({
        url: `${base}/api/twins/${twinId}/inputs/telemetry/shape`,
        columns: { ...mapping, bearing_temp: 'pump', vibration_rms: 'vibration' },
      }),
    });
    await eventually(() => expect(mismatched.out.table.size).toBeGreaterThan(0));
    await eventually(() =>
      expect(mismatched.engine.problems().telemetry).toEqual([
        expect.objectContaining({
          code: 'PTR113',
          severity: 'warning',
          message:
            'The table bound to the input "telemetry" does not quite match what the blueprint declares: it has no column for "vibration_rms"; some values of "bearing_temp" are not of the declared type and show as empty. Check the twin\'s column mapping.',
        }),
      ]),
    );
    expect([...mismatched.out.table.values()][0]).toMatchObject({ vibration_rms: null, bearing_temp: null });
    await mismatched.engine.dispose();
  });

  it('reports a lost connection, reconnects by itself and clears the problem', async () => {
    const { engine, out } = await run(await plan(), services());
    await expectSameRows(out);
    await t.stop();
    await eventually(() =>
      expect(engine.problems().telemetry?.map((p) => [p.code, p.severity])).toEqual([['PTR111', 'warning']]),
    );
    expect(engine.stats('telemetry').failed).toBe(false);
    await t.database
      .sql`insert into demo.pump_telemetry (id, pump, recorded_at, vib_rms, temp_c) values (20, 'P-20', '2024-03-01 00:00:00+00', 2, 2)`;
    await t.restart();
    await expectSameRows(out);
    await eventually(() => expect(engine.problems()).toEqual({}));
    await engine.dispose();
  }, 60_000);
});
