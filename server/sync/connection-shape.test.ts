import { Shape, ShapeStream, type Row } from '@electric-sql/client';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectionSlot } from '../connections/publication';
import { scratchDatabase, serverOf, type ScratchDatabase } from '../connections/test-target';
import { pumpFleetTwin, seedTestRegistry } from '../twins/twin-test-fixtures';
import { eventually, startSyncTestServer, type SyncTestServer } from './sync-test-server';

// Streaming a twin input bound to a table of the owner's own PostgreSQL (a data connection): a scratch database on
// the test server stands in for the user's server. The official client reads it through the twin-scoped endpoint.

interface Session {
  cookie: string;
  csrfToken: string;
}

let t: SyncTestServer;
let base: string;
let scratch: ScratchDatabase;
let owner: Session;
let connectionId: string;
let twinId: string;
const closers: (() => void)[] = [];

async function signup(label: string): Promise<Session> {
  const response = await fetch(`${base}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${label}@example.com`, password: `${label}-password-123`, name: label }),
  });
  expect(response.status).toBe(201);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie: response.headers.get('set-cookie')!.split(';')[0], csrfToken };
}

async function call(session: Session, method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, json: (text ? JSON.parse(text) : null) as Record<string, unknown> };
}

function open(url: string, session: Session) {
  const aborter = new AbortController();
  const stream = new ShapeStream<Row>({
    url,
    signal: aborter.signal,
    backoffOptions: { initialDelay: 50, maxDelay: 300, multiplier: 1.5 },
    onError: () => {},
    fetchClient: (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('cookie', session.cookie);
      return fetch(input, { ...init, headers });
    },
  });
  closers.push(() => aborter.abort());
  return new Shape(stream);
}

const tableRows = async () =>
  (await scratch.sql`select id, pump, recorded_at, vib_rms, temp_c from public.readings order by id`).map(
    (r) => ({
      id: Number(r.id),
      pump: r.pump as string,
      vib_rms: r.vib_rms === null ? null : Number(r.vib_rms),
      temp_c: r.temp_c === null ? null : Number(r.temp_c),
      recorded_at: (r.recorded_at as Date).getTime(),
    }),
  );
const shapeRows = (rows: Row[]) =>
  rows
    .map((r) => ({
      id: Number(r.id),
      pump: r.pump as string,
      vib_rms: r.vib_rms === null ? null : Number(r.vib_rms),
      temp_c: r.temp_c === null ? null : Number(r.temp_c),
      recorded_at: Date.parse(String(r.recorded_at)),
    }))
    .sort((a, b) => a.id - b.id);

async function slotExists(): Promise<boolean> {
  const rows =
    await scratch.sql`select 1 from pg_replication_slots where slot_name = ${connectionSlot(connectionId)}`;
  return rows.length > 0;
}

beforeAll(async () => {
  t = await startSyncTestServer();
  base = `http://127.0.0.1:${t.port}`;
  await seedTestRegistry(t.database);
  scratch = await scratchDatabase(serverOf(inject('databaseUrl')));
  await scratch.sql`create table public.readings (id int8 primary key, pump text not null,
    recorded_at timestamptz not null, vib_rms float8, temp_c float8, secret_note text)`;
  await scratch.sql`create table public.unpublished (id int primary key, pump text)`;
  await scratch.sql`insert into public.readings
    select g, 'P-' || (g % 3), '2024-01-01 00:00:00+00'::timestamptz + g * interval '1 minute', g / 10.0, 40 + g, 'x'
    from generate_series(1, 50) g`;
  owner = await signup('owner');
  const created = await call(owner, 'POST', '/api/connections', scratch.body());
  expect(created.status, created.text).toBe(201);
  connectionId = created.json.id as string;
  const published = await call(owner, 'POST', `/api/connections/${connectionId}/publication`, {
    tables: ['public.readings'],
  });
  expect(published.status, published.text).toBe(200);
  const bindings = pumpFleetTwin().bindings;
  bindings.telemetry = {
    kind: 'table',
    connection: connectionId,
    table: 'public.readings',
    columns: {
      id: 'id',
      pump_id: 'pump',
      ts: 'recorded_at',
      vibration_rms: 'vib_rms',
      bearing_temp: 'temp_c',
    },
  };
  const twin = await call(owner, 'POST', '/api/twins', pumpFleetTwin({ bindings }));
  expect(twin.status, twin.text).toBe(201);
  twinId = twin.json.id as string;
});
afterEach(() => {
  for (const close of closers.splice(0)) close();
});
afterAll(async () => {
  await t?.destroy();
  await scratch?.drop();
});

describe("streaming a twin input from the owner's own database connection", () => {
  it('serves the snapshot, then inserts, updates and deletes, equal to the table as a whole set', async () => {
    const shape = open(`${base}/api/twins/${twinId}/inputs/telemetry/shape`, owner);
    const initial = shapeRows(await shape.rows);
    expect(initial).toEqual(await tableRows());
    expect(initial).toHaveLength(50);
    // Only the key and the mapped columns reach the browser.
    expect(Object.keys((await shape.rows)[0]).sort()).toEqual([
      'id',
      'pump',
      'recorded_at',
      'temp_c',
      'vib_rms',
    ]);
    expect(await slotExists()).toBe(true);

    await scratch.sql`insert into public.readings values (51, 'P-9', now(), 9.5, 70, 'y')`;
    await scratch.sql`update public.readings set vib_rms = 99 where id in (3, 4)`;
    await scratch.sql`delete from public.readings where id between 10 and 14`;
    const expected = await tableRows();
    await eventually(() => expect(shapeRows(shape.currentRows)).toEqual(expected));
    expect(expected).toHaveLength(46);
  });

  it('refuses a table that is not chosen for streaming on the connection, in plain words', async () => {
    const bindings = pumpFleetTwin().bindings;
    bindings.telemetry = {
      kind: 'table',
      connection: connectionId,
      table: 'public.unpublished',
      columns: { id: 'id', pump_id: 'pump', ts: 'pump', vibration_rms: 'pump', bearing_temp: 'pump' },
    };
    const twin = await call(owner, 'POST', '/api/twins', pumpFleetTwin({ bindings }));
    expect(twin.status, twin.text).toBe(201);
    const response = await call(
      owner,
      'GET',
      `/api/twins/${twin.json.id as string}/inputs/telemetry/shape?offset=-1`,
    );
    expect(response.status).toBe(422);
    expect(response.json.error).toMatchObject({
      code: 'table_not_published',
      message: expect.stringContaining('not among the tables chosen for streaming'),
    });
  });

  it("drops the connection's replication slot on the user's server when the connection is deleted", async () => {
    expect(await slotExists()).toBe(true);
    const deleted = await call(owner, 'DELETE', `/api/connections/${connectionId}`);
    expect(deleted.status, deleted.text).toBe(200);
    expect(await slotExists()).toBe(false);
    const publications = await scratch.sql`select 1 from pg_publication where pubname like 'projecttwin_%'`;
    expect(publications).toHaveLength(0);
    const response = await call(owner, 'GET', `/api/twins/${twinId}/inputs/telemetry/shape?offset=-1`);
    expect(response.status).toBe(404);
    expect((response.json.error as { code: string }).code).toBe('connection_not_found');
  });
});
