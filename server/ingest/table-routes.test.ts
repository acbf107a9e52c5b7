import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../test-support/test-app';
import { dataSchemaTables, json, snapshotWithoutTokenUse, waitFor } from './ingest-test-support';
import { bridgeManagerFor } from './mqtt-bridges';

let t: TestApp;
let ada: TestUser;
let bob: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  bridgeManagerFor(t.database, { log: () => {} });
  ada = await t.signup('ada');
  bob = await t.signup('bob');
});
afterAll(async () => {
  if (t) await bridgeManagerFor(t.database).stopAll();
  await t?.close();
});

const create = (user: TestUser, body: unknown) => t.as(user).request('POST', '/api/ingest/tables', body);

describe('data tables', () => {
  it('creates an empty table with a generated key that does not clash with an id column', async () => {
    const response = await create(ada, {
      title: 'Devices',
      columns: [
        { name: 'id', type: 'text' },
        { name: 'installed', type: 'date' },
      ],
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const table = await json(response);
    expect(table).toMatchObject({
      tableName: 'devices',
      source: 'http',
      primaryKey: ['row_id'],
      rowCount: 0,
    });
    expect(table.columns.map((c: { name: string }) => c.name)).toEqual(['row_id', 'id', 'installed']);
    const columns = await t.database.sql`
      select column_name, data_type, is_nullable, is_identity from information_schema.columns
      where table_schema = 'data' and table_name = 'devices' order by ordinal_position`;
    expect(columns.map((c) => ({ ...c }))).toEqual([
      { column_name: 'row_id', data_type: 'bigint', is_nullable: 'NO', is_identity: 'YES' },
      { column_name: 'id', data_type: 'text', is_nullable: 'YES', is_identity: 'NO' },
      { column_name: 'installed', data_type: 'date', is_nullable: 'YES', is_identity: 'NO' },
    ]);
  });

  it('checks names and keys', async () => {
    const cases = [
      [
        { title: 'x', tableName: 'Bad Name', columns: [{ name: 'a', type: 'int8' }] },
        400,
        /"Bad Name" is not allowed/,
      ],
      [
        { title: 'x', tableName: 'pg_x', columns: [{ name: 'a', type: 'int8' }] },
        400,
        /not starting with pg_/,
      ],
      [{ title: 'x', tableName: 'devices', columns: [{ name: 'a', type: 'int8' }] }, 409, /already exists/],
      [
        { title: 'x', columns: [{ name: 'a', type: 'int8' }], primaryKey: ['a', 'a'] },
        400,
        /names a column twice/,
      ],
      [{ title: 'x', columns: [] }, 400, /too small/],
    ] as const;
    for (const [body, status, message] of cases) {
      const response = await create(ada, body);
      expect(response.status).toBe(status);
      expect((await json(response)).error.message).toMatch(message);
    }
  });

  it('deletes a table with its rows and stops its bridges; only for its owner', async () => {
    const table = await json(
      await create(ada, { title: 'Doomed', source: 'mqtt', columns: [{ name: 'v', type: 'float8' }] }),
    );
    const bridge = await json(
      await t.as(ada).request('POST', '/api/ingest/mqtt', {
        brokerUrl: 'mqtt://127.0.0.1:1',
        topic: 'doomed',
        tableId: table.id,
        mapping: { v: '/v' },
      }),
    );
    await waitFor(() => bridgeManagerFor(t.database).status(bridge.id).reconnectAttempt > 0, 5000, 'a retry');

    const before = await snapshotWithoutTokenUse(t);
    expect((await t.as(bob).request('DELETE', `/api/ingest/tables/${table.id}`)).status).toBe(404);
    expect((await t.as(null).request('DELETE', `/api/ingest/tables/${table.id}`)).status).toBe(401);
    expect(await snapshotWithoutTokenUse(t)).toEqual(before);

    expect((await t.as(ada).request('DELETE', `/api/ingest/tables/${table.id}`)).status).toBe(204);
    expect(await dataSchemaTables(t)).not.toContain('doomed');
    expect((await t.as(ada).request('GET', `/api/ingest/tables/${table.id}`)).status).toBe(404);
    expect(bridgeManagerFor(t.database).status(bridge.id).state).toBe('stopped');
    expect((await t.as(ada).request('GET', `/api/ingest/mqtt/${bridge.id}`)).status).toBe(404);
  });

  it('lists only my tables, newest first', async () => {
    await create(bob, { title: 'Bobs', columns: [{ name: 'a', type: 'text' }] });
    await create(ada, { title: 'Later', columns: [{ name: 'a', type: 'text' }] });
    const mine = await json(await t.as(ada).request('GET', '/api/ingest/tables'));
    expect(mine.tables.map((table: { title: string }) => table.title)).toEqual(['Later', 'Devices']);
    expect((await t.as(null).request('GET', '/api/ingest/tables')).status).toBe(401);
  });
});
