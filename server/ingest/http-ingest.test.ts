import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient, type TestUser } from '../test-support/test-app';
import { json, snapshotWithoutTokenUse } from './ingest-test-support';

let t: TestApp;
let ada: TestUser;
let bob: TestUser;
let adaToken: TestClient;
let readings: string;
let pumps: string;

beforeAll(async () => {
  t = await createTestApp({ maxBodyBytes: 4 * 1024 * 1024 });
  ada = await t.signup('ada');
  bob = await t.signup('bob');
  const created = await json(await t.as(ada).request('POST', '/api/auth/tokens', { name: 'device' }));
  adaToken = t.withToken(created.token);
  readings = await createTable(ada, {
    title: 'Readings',
    columns: [
      { name: 'sensor', type: 'text' },
      { name: 'at', type: 'timestamptz' },
      { name: 'value', type: 'float8' },
      { name: 'ok', type: 'bool' },
    ],
  });
  pumps = await createTable(ada, {
    title: 'Pumps',
    columns: [
      { name: 'pump_id', type: 'text' },
      { name: 'speed', type: 'int8' },
      { name: 'site', type: 'text' },
    ],
    primaryKey: ['pump_id'],
  });
});
afterAll(() => t?.close());

async function createTable(user: TestUser, body: unknown): Promise<string> {
  const response = await t.as(user).request('POST', '/api/ingest/tables', body);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await json(response)).id;
}

function send(client: TestClient, tableId: string, rows: unknown[], key?: string) {
  return client.request(
    'POST',
    `/api/ingest/tables/${tableId}/rows`,
    { rows },
    {
      headers: key ? { 'idempotency-key': key } : {},
    },
  );
}

const count = async (table: string) =>
  (await t.database.sql.unsafe(`select count(*)::int as n from data.${table}`))[0].n as number;

describe('HTTP JSON ingest', () => {
  it('writes a batch of 10,000 rows with an API token', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      sensor: `s${i % 10}`,
      at: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
      value: i / 10,
      ok: i % 2 === 0,
    }));
    const response = await send(adaToken, readings, rows);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await json(response)).toEqual({
      tableId: readings,
      received: 10_000,
      inserted: 10_000,
      updated: 0,
    });
    expect(await count('readings')).toBe(10_000);
    const table = await json(await t.as(ada).request('GET', `/api/ingest/tables/${readings}`));
    expect(table.rowCount).toBe(10_000);
  });

  it('counts a retried batch exactly once (same Idempotency-Key)', async () => {
    const rows = [
      { sensor: 'x', at: '2024-06-01T00:00:00Z', value: 1 },
      { sensor: 'x', at: '2024-06-01T00:00:01Z', value: 2, ok: null },
    ];
    const before = await count('readings');
    const first = await send(adaToken, readings, rows, 'batch-0001');
    expect(first.status).toBe(200);
    const firstBody = await json(first);
    const retries = await Promise.all([1, 2, 3].map(() => send(adaToken, readings, rows, 'batch-0001')));
    for (const retry of retries) {
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(await json(retry)).toEqual(firstBody);
    }
    expect(await count('readings')).toBe(before + 2);
    const [{ n }] = await t.database
      .sql`select count(*)::int as n from ingest_requests where idempotency_key = 'batch-0001'`;
    expect(n).toBe(1);
  });

  it('runs concurrent first attempts with one key once', async () => {
    const rows = [{ sensor: 'c', value: 3 }];
    const before = await count('readings');
    const responses = await Promise.all(
      [1, 2, 3, 4].map(() => send(adaToken, readings, rows, 'concurrent-key')),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(responses.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(3);
    expect(await count('readings')).toBe(before + 1);
  });

  it('refuses the same key with another body (422) and writes nothing', async () => {
    await send(adaToken, readings, [{ sensor: 'k', value: 1 }], 'reused-key');
    const before = await snapshotWithoutTokenUse(t);
    const rowsBefore = await count('readings');
    const response = await send(adaToken, readings, [{ sensor: 'k', value: 2 }], 'reused-key');
    expect(response.status).toBe(422);
    expect((await json(response)).error.code).toBe('idempotency_key_reused');
    const otherTable = await send(adaToken, pumps, [{ pump_id: 'k' }], 'reused-key');
    expect(otherTable.status).toBe(422);
    expect(await snapshotWithoutTokenUse(t)).toEqual(before);
    expect(await count('readings')).toBe(rowsBefore);
  });

  it('refuses bad rows naming row index and column, writing nothing', async () => {
    const before = await snapshotWithoutTokenUse(t);
    const rowsBefore = await count('readings');
    const cases = [
      [
        [{ sensor: 'a' }, { sensor: 'b', colour: 'red' }],
        /^Row 1 has a column "colour" that the table does not have/,
      ],
      [
        [{ sensor: 'a', value: 'abc' }],
        /^Row 0, column "value": "abc" is not a number\. Nothing was written\.$/,
      ],
      [[{ sensor: 'a', at: 'yesterday' }], /^Row 0, column "at": "yesterday" is not a date and time/],
      [[{ sensor: 'a', ok: 'maybe' }], /^Row 0, column "ok": "maybe" is not true or false/],
      [[{ sensor: 5 }], /^Row 0, column "sensor": 5 is not text/],
      [[{ id: 7, sensor: 'a' }], /^Row 0 sets "id", which the table generates/],
      [[{}], /^Row 0 has no values/],
      [
        [{ sensor: 'a' }, { value: 'x' }, { value: 'y' }],
        /^2 rows do not fit the table; the first: Row 1, column "value"/,
      ],
    ] as const;
    for (const [rows, message] of cases) {
      const response = await send(adaToken, readings, [...rows], 'bad-rows-key');
      expect(response.status).toBe(400);
      const { error } = await json(response);
      expect(error.code).toBe('invalid_rows');
      expect(error.message).toMatch(message);
      expect(error.details.problems[0]).toHaveProperty('row');
    }
    expect(await snapshotWithoutTokenUse(t)).toEqual(before);
    expect(await count('readings')).toBe(rowsBefore);
    // The key was not used up by the refused batches.
    expect((await send(adaToken, readings, [{ sensor: 'fixed' }], 'bad-rows-key')).status).toBe(200);
  });

  it('upserts by the chosen key: an existing key replaces the row, the last row of a batch wins', async () => {
    let response = await send(adaToken, pumps, [
      { pump_id: 'p1', speed: 100, site: 'north' },
      { pump_id: 'p2', speed: 200 },
    ]);
    expect(await json(response)).toMatchObject({ inserted: 2, updated: 0 });
    response = await send(adaToken, pumps, [
      { pump_id: 'p1', speed: 150 },
      { pump_id: 'p3', speed: 1 },
      { pump_id: 'p3', speed: 3, site: 'south' },
    ]);
    expect(await json(response)).toMatchObject({ received: 3, inserted: 1, updated: 1 });
    const rows = await t.database.sql`select * from data.pumps order by pump_id`;
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { pump_id: 'p1', speed: '150', site: null },
      { pump_id: 'p2', speed: '200', site: null },
      { pump_id: 'p3', speed: '3', site: 'south' },
    ]);
    const table = await json(await t.as(ada).request('GET', `/api/ingest/tables/${pumps}`));
    expect(table.rowCount).toBe(3);
    const missingKey = await send(adaToken, pumps, [{ speed: 1 }]);
    expect((await json(missingKey)).error.message).toMatch(
      /^Row 0 has no value for the key column "pump_id"/,
    );
  });

  it("takes only the owner's tables", async () => {
    const before = await snapshotWithoutTokenUse(t);
    const response = await send(t.as(bob), readings, [{ sensor: 'bob' }]);
    expect(response.status).toBe(404);
    expect((await t.as(bob).request('GET', `/api/ingest/tables/${readings}`)).status).toBe(404);
    expect((await json(await t.as(bob).request('GET', '/api/ingest/tables'))).tables).toEqual([]);
    expect((await send(t.as(null), readings, [{ sensor: 'x' }])).status).toBe(401);
    expect((await send(t.withToken('pt_not-a-token'), readings, [{ sensor: 'x' }])).status).toBe(401);
    expect(await snapshotWithoutTokenUse(t)).toEqual(before);
    const mine = await json(await t.as(ada).request('GET', '/api/ingest/tables'));
    expect(mine.tables.map((table: { title: string }) => table.title).sort()).toEqual(['Pumps', 'Readings']);
  });

  it('refuses a bad Idempotency-Key and more than 10,000 rows', async () => {
    const bad = await send(adaToken, readings, [{ sensor: 'x' }], 'has spaces');
    expect((await json(bad)).error.code).toBe('invalid_idempotency_key');
    const many = await send(
      adaToken,
      readings,
      Array.from({ length: 10_001 }, () => ({ sensor: 'x' })),
    );
    expect(many.status).toBe(400);
  });
});
