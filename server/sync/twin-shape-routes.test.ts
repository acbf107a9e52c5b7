import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Shape, ShapeStream, type Row } from '@electric-sql/client';
import { serve } from '@hono/node-server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../app';
import type { Twin } from '../../schemas/twin/twin.types';
import { pumpFleetTwin, seedTestRegistry } from '../twins/twin-test-fixtures';
import { eventually, startSyncTestServer, TEST_SECRET, type SyncTestServer } from './sync-test-server';

let t: SyncTestServer;
let base: string;
let owner: Session;
let other: Session;
let privateTwin: string;
let publicTwin: string;
const closers: (() => void)[] = [];

interface Session {
  cookie: string;
  csrfToken: string;
}

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

async function call(session: Session, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function createTwin(changes: Partial<Twin>): Promise<string> {
  const response = await call(owner, 'POST', '/api/twins', pumpFleetTwin(changes));
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** The official client on a twin-scoped shape URL, as `session` (or anonymous). */
function open(url: string, session: Session | null = null, options: { liveSse?: boolean } = {}) {
  const aborter = new AbortController();
  const urls: URL[] = [];
  const stream = new ShapeStream<Row>({
    url,
    signal: aborter.signal,
    backoffOptions: { initialDelay: 50, maxDelay: 300, multiplier: 1.5 },
    onError: () => {},
    ...options,
    fetchClient: (input, init) => {
      urls.push(new URL(input.toString()));
      const headers = new Headers(init?.headers);
      if (session) headers.set('cookie', session.cookie);
      return fetch(input, { ...init, headers });
    },
  });
  const shape = new Shape(stream);
  closers.push(() => aborter.abort());
  return { stream, shape, urls };
}

const shapeUrl = (twinId: string, input = 'telemetry') => `${base}/api/twins/${twinId}/inputs/${input}/shape`;
const byId = (rows: Row[]) => [...rows].sort((a, b) => Number(a.id) - Number(b.id));

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

beforeAll(async () => {
  t = await startSyncTestServer();
  base = `http://127.0.0.1:${t.port}`;
  await seedTestRegistry(t.database);
  await t.database.sql`create schema demo`;
  await t.database.sql`create table demo.pump_telemetry (id int8 primary key, pump text not null,
    recorded_at timestamptz not null, vib_rms float8, temp_c float8, operator_note text)`;
  await t.database.sql`insert into demo.pump_telemetry values
    (1, 'P-1', '2024-01-01 00:00:00+00', 1.5, 40, 'not for the twin'),
    (2, 'P-2', '2024-01-01 00:00:00+00', 2.5, 41, 'not for the twin')`;
  owner = await signup('owner');
  other = await signup('other');
  privateTwin = await createTwin({ visibility: 'private' });
  publicTwin = await createTwin({ visibility: 'public' });
});
afterEach(() => {
  for (const close of closers.splice(0)) close();
  vi.unstubAllEnvs();
});
afterAll(async () => {
  await t?.destroy();
});

describe('the twin-scoped shape endpoint (auth proxy)', () => {
  it("streams the bound table's key and mapped columns to the owner, then live inserts", async () => {
    const s = open(shapeUrl(privateTwin), owner);
    const rows = byId(await s.shape.rows);
    // The table's own names (the runtime maps them to the blueprint's with the binding); unmapped columns stay out.
    expect(rows).toEqual([
      { id: 1n, pump: 'P-1', recorded_at: '2024-01-01 00:00:00+00', vib_rms: 1.5, temp_c: 40 },
      { id: 2n, pump: 'P-2', recorded_at: '2024-01-01 00:00:00+00', vib_rms: 2.5, temp_c: 41 },
    ]);
    await t.database
      .sql`insert into demo.pump_telemetry values (3, 'P-3', '2024-01-02 00:00:00+00', 3.5, 42, 'x')`;
    await eventually(() => expect(s.shape.currentRows).toHaveLength(3));
    expect(byId(s.shape.currentRows)[2]).toEqual({
      id: 3n,
      pump: 'P-3',
      recorded_at: '2024-01-02 00:00:00+00',
      vib_rms: 3.5,
      temp_c: 42,
    });
    expect(s.urls.some((u) => u.searchParams.get('live') === 'true')).toBe(true);
    expect(s.urls.every((u) => !u.searchParams.has('table') && !u.searchParams.has('secret'))).toBe(true);
  });

  it('answers 404 to anyone else, signed in or not, for a private twin', async () => {
    for (const session of [other, null]) {
      const response = await fetch(`${shapeUrl(privateTwin)}?offset=-1`, {
        headers: session ? { cookie: session.cookie } : {},
      });
      expect(response.status).toBe(404);
      expect((await errorOf(response)).code).toBe('twin_not_found');
    }
    const s = open(shapeUrl(privateTwin), other);
    await eventually(() => expect(String(s.stream.error)).toMatch(/404/));
    expect(s.shape.currentRows).toEqual([]);
  });

  it('streams a public twin to anyone, with no login, over long-poll or SSE', async () => {
    const s = open(shapeUrl(publicTwin));
    expect(await s.shape.rows).toHaveLength(3);
    const sse = open(shapeUrl(publicTwin), null, { liveSse: true });
    expect(await sse.shape.rows).toHaveLength(3);
    await t.database
      .sql`insert into demo.pump_telemetry values (10, 'P-10', '2024-01-05 00:00:00+00', 1, 1, 'x')`;
    await eventually(() => expect(sse.shape.currentRows).toHaveLength(4));
    expect(sse.urls.some((u) => u.searchParams.get('live_sse') === 'true')).toBe(true);
    await t.database.sql`delete from demo.pump_telemetry where id = 10`;
    await eventually(() => expect(sse.shape.currentRows).toHaveLength(3));
  });

  it('streams through a live share link, and answers 404 once it is revoked', async () => {
    const created = await call(owner, 'POST', `/api/twins/${privateTwin}/share`);
    const { token } = (await created.json()) as { token: string };
    const url = `${base}/api/shared/${token}/inputs/telemetry/shape`;
    const s = open(url);
    expect(await s.shape.rows).toHaveLength(3);
    const first = await fetch(`${url}?offset=-1`);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control') ?? '').not.toMatch(/public/);
    expect((await call(owner, 'DELETE', `/api/twins/${privateTwin}/share`)).status).toBe(204);
    const after = await fetch(`${url}?offset=-1`);
    expect(after.status).toBe(404);
    expect((await errorOf(after)).code).toBe('share_link_invalid');
    // The open live request ends at once (not after its 3 s long-poll), and the client's next one is refused.
    await eventually(() => expect(String(s.stream.error)).toMatch(/404/), 1_500);
  });

  it('refuses a client that names the table, columns, where clause or secret itself', async () => {
    for (const extra of [
      'table=public.users',
      'columns=id',
      'where=true',
      'params[1]=x',
      `secret=${TEST_SECRET}`,
    ]) {
      const response = await call(
        owner,
        'GET',
        `/api/twins/${privateTwin}/inputs/telemetry/shape?offset=-1&${extra}`,
      );
      expect(response.status).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('shape_parameter_refused');
      expect(error.message).toContain(extra.split('=')[0]);
    }
  });

  it('answers plain 404s for an unknown input or twin or connection, 400 for a value input', async () => {
    const unknown = await call(owner, 'GET', `/api/twins/${privateTwin}/inputs/nope/shape?offset=-1`);
    expect(unknown.status).toBe(404);
    expect(await errorOf(unknown)).toMatchObject({
      code: 'input_not_found',
      message: expect.stringContaining('"nope"'),
    });
    const missing = await call(
      owner,
      'GET',
      `/api/twins/00000000-0000-4000-8000-000000000000/inputs/telemetry/shape`,
    );
    expect(missing.status).toBe(404);
    const withValue = await createTwin({
      blueprint: { name: 'pump-fleet-monitor', version: '1.1.0' },
      bindings: { ...pumpFleetTwin().bindings, alert_level: { kind: 'value', value: 3 } },
    });
    const value = await call(owner, 'GET', `/api/twins/${withValue}/inputs/alert_level/shape?offset=-1`);
    expect(value.status).toBe(400);
    expect((await errorOf(value)).code).toBe('input_not_table');
    const elsewhere = pumpFleetTwin().bindings;
    (elsewhere.telemetry as { connection: string }).connection = '11111111-1111-4111-8111-111111111111';
    const remote = await createTwinDirect({ bindings: elsewhere });
    const response = await call(owner, 'GET', `/api/twins/${remote}/inputs/telemetry/shape?offset=-1`);
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toMatchObject({
      code: 'connection_not_found',
      message: expect.stringContaining('no longer exists'),
    });
  });

  it("serves only the demo tables and the owner's own data tables, never the platform's", async () => {
    const bound = (table: string, columns: Record<string, string>) =>
      createTwin({
        visibility: 'public',
        bindings: { telemetry: { kind: 'table', connection: 'builtin', table, columns } },
      });
    const [{ id: ownerId }] = await t.database.sql`select id from users where email = 'owner@example.com'`;
    const [{ id: otherId }] = await t.database.sql`select id from users where email = 'other@example.com'`;
    for (const [name, by] of [
      ['mine', ownerId],
      ['theirs', otherId],
    ]) {
      await t.database
        .sql`create table ${t.database.sql('data')}.${t.database.sql(name)} (id int8 primary key, p text, at timestamptz, v float8, b float8)`;
      await t.database
        .sql`insert into ${t.database.sql('data')}.${t.database.sql(name)} values (1, 'x', now(), 1, 2)`;
      await t.database.sql`insert into data_tables (owner_id, table_name, title, source, columns, primary_key)
        values (${by}, ${name}, ${name}, 'csv', '[]', '{id}')`;
    }
    const columns = { id: 'id', pump_id: 'p', ts: 'at', vibration_rms: 'v', bearing_temp: 'b' };
    const mine = open(shapeUrl(await bound('data.mine', columns)));
    expect(await mine.shape.rows).toHaveLength(1);
    // Creating a twin on another's table or a platform table is refused up front...
    await expect(bound('data.theirs', columns)).rejects.toThrow(/403/);
    await expect(bound('public.users', columns)).rejects.toThrow(/403/);
    // ...and a twin whose stored binding names one anyway (made before the rule, or edited in SQL) streams nothing.
    for (const table of ['data.theirs', 'public.users']) {
      const id = await bound('data.mine', columns);
      await t.database
        .sql`update twins set document = jsonb_set(document::jsonb, '{bindings,telemetry,table}', ${JSON.stringify(table)}::jsonb)::json where id = ${id}`;
      const refused = await fetch(`${shapeUrl(id)}?offset=-1`);
      expect(refused.status).toBe(403);
      expect((await errorOf(refused)).code).toBe('table_not_streamable');
    }
  });

  it('forwards to ELECTRIC_URL over HTTP when it is set, and the official client gets the same rows', async () => {
    // A second app instance on its own port, without a sync of its own: the front, forwarding to the first.
    const front = createApp({
      config: frontConfig(),
      database: t.database,
    });
    const server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: front.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
    });
    try {
      const frontBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const url = `${frontBase}/api/twins/${publicTwin}/inputs/telemetry/shape`;
      vi.stubEnv('ELECTRIC_URL', 'http://127.0.0.1:9'); // nothing listens there
      const unreachable = await fetch(`${url}?offset=-1`);
      expect(unreachable.status).toBe(502);
      expect((await errorOf(unreachable)).code).toBe('sync_unavailable');

      vi.stubEnv('ELECTRIC_URL', `${base}/`);
      const direct = byId(await open(shapeUrl(publicTwin)).shape.rows);
      const s = open(url);
      const proxied = byId(await s.shape.rows);
      expect(proxied).toEqual(direct);
      expect(proxied).toHaveLength(3);
      await t.database
        .sql`insert into demo.pump_telemetry values (4, 'P-4', '2024-01-03 00:00:00+00', 4.5, 43, 'x')`;
      await eventually(() => expect(s.shape.currentRows).toHaveLength(4));
      const sse = open(url, null, { liveSse: true }); // a streamed body, relayed as it comes
      expect(await sse.shape.rows).toHaveLength(4);
      await t.database.sql`delete from demo.pump_telemetry where id = 4`;
      await eventually(() => {
        expect(s.shape.currentRows).toHaveLength(3);
        expect(sse.shape.currentRows).toHaveLength(3);
      });
      expect(sse.urls.some((u) => u.searchParams.get('live_sse') === 'true')).toBe(true);
      const first = await fetch(`${url}?offset=-1`);
      expect(first.status).toBe(200);
      expect(first.headers.get('electric-handle')).toBeTruthy();
      expect(first.headers.get('electric-schema')).toContain('vib_rms');
      const etag = first.headers.get('etag')!;
      await first.arrayBuffer();
      const again = await fetch(`${url}?offset=-1`, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      const stale = await fetch(`${url}?offset=0_0&handle=not-the-handle`);
      expect(stale.status).toBe(409);
    } finally {
      for (const close of closers.splice(0)) close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

function frontConfig() {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: t.dataDir,
    maxBodyBytes: 256 * 1024,
    maxArtifactBytes: 1024 * 1024,
    syncSecret: TEST_SECRET,
    secureCookies: false,
    publicUrl: 'http://localhost',
  };
}

/** Inserts a twin row directly (for bindings the create route would check against connections). */
async function createTwinDirect(changes: Partial<Twin>): Promise<string> {
  const document = pumpFleetTwin(changes);
  const [owned] = await t.database.sql`select owner_id from twins where id = ${privateTwin}`;
  const [row] = await t.database
    .sql`insert into twins (owner_id, title, blueprint_name, blueprint_version, document)
    values (${owned.owner_id}, ${document.title}, 'pump-fleet-monitor', '1.0.0', ${JSON.stringify(document)}::jsonb)
    returning id`;
  return row.id as string;
}
