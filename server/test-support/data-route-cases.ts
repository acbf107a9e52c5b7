import { inject } from 'vitest';
import type { RouteCase, RouteRequest } from './route-cases';
import type { TestApp, TestUser } from './test-app';

type Call = (user: TestUser | null, method: string, request: RouteRequest) => Promise<Response>;
type Ok = (response: Response, what: string) => Promise<Response>;

/**
 * The route cases of the user's own data: CSV uploads, data tables, MQTT bridges and database connections
 * (part of {@link routeCases}, which passes its `call` and `ok`).
 * @example const cases = [...otherCases, ...dataRouteCases(t, call, ok)]
 */
export function dataRouteCases(t: TestApp, call: Call, ok: Ok): RouteCase[] {
  function csvForm(): FormData {
    const form = new FormData();
    form.append('file', new Blob(['a,b\n1,x\n2,y\n'], { type: 'text/csv' }), 'matrix.csv');
    return form;
  }

  async function csvUploadOf(user: TestUser): Promise<string> {
    const response = await ok(
      await call(user, 'POST', { path: '/api/ingest/csv', form: csvForm }),
      'upload CSV',
    );
    return ((await response.json()) as { uploadId: string }).uploadId;
  }

  const dataTableBody = () => ({
    title: 'Matrix table',
    columns: [
      { name: 'a', type: 'int8' },
      { name: 'b', type: 'text' },
    ],
  });

  async function dataTableOf(user: TestUser): Promise<string> {
    const response = await ok(
      await call(user, 'POST', { path: '/api/ingest/tables', body: dataTableBody() }),
      'create data table',
    );
    return ((await response.json()) as { id: string }).id;
  }

  // Port 1: nothing listens, so the bridge just retries quietly in the background.
  const bridgeBody = (tableId: string) => ({
    brokerUrl: 'mqtt://127.0.0.1:1',
    topic: 'matrix/#',
    tableId,
    mapping: { a: '/a' },
  });

  // A data connection to the test app's own database, as the suite's PostgreSQL superuser.
  function connectionBody() {
    const url = new URL(inject('databaseUrl'));
    return {
      name: 'Matrix connection',
      host: url.hostname,
      port: Number(url.port || 5432),
      database: t.database.sql.options.database,
      username: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      tlsMode: 'disable',
    };
  }

  async function connectionOf(user: TestUser): Promise<string> {
    const response = await ok(
      await call(user, 'POST', { path: '/api/connections', body: connectionBody() }),
      'create connection',
    );
    return ((await response.json()) as { id: string }).id;
  }

  return [
    {
      route: 'POST /api/ingest/csv',
      title: 'upload a CSV',
      json: false,
      rule: 'open',
      prepare: async () => ({ path: '/api/ingest/csv', form: csvForm }),
    },
    {
      route: 'POST /api/ingest/csv/{uploadId}/import',
      title: 'import a CSV upload',
      json: true,
      rule: 'owned',
      prepare: async (o) => ({
        path: `/api/ingest/csv/${await csvUploadOf(o)}/import`,
        body: { ...dataTableBody(), title: 'Matrix import' },
      }),
    },
    {
      route: 'POST /api/ingest/tables',
      title: 'create a data table',
      json: true,
      rule: 'open',
      prepare: async () => ({ path: '/api/ingest/tables', body: dataTableBody() }),
    },
    {
      route: 'DELETE /api/ingest/tables/{id}',
      title: 'delete a data table',
      json: false,
      rule: 'owned',
      prepare: async (o) => ({ path: `/api/ingest/tables/${await dataTableOf(o)}` }),
    },
    {
      route: 'POST /api/ingest/tables/{id}/rows',
      title: 'ingest rows over HTTP',
      json: true,
      rule: 'owned',
      prepare: async (o) => ({
        path: `/api/ingest/tables/${await dataTableOf(o)}/rows`,
        body: { rows: [{ a: 1, b: 'x' }] },
      }),
    },
    {
      route: 'POST /api/ingest/mqtt',
      title: 'create an MQTT bridge',
      json: true,
      rule: 'owned',
      prepare: async (o) => ({ path: '/api/ingest/mqtt', body: bridgeBody(await dataTableOf(o)) }),
    },
    {
      route: 'PATCH /api/ingest/mqtt/{id}',
      title: 'enter the broker password of an MQTT bridge',
      json: true,
      rule: 'owned',
      prepare: async (o) => {
        const path = '/api/ingest/mqtt';
        const body = { ...bridgeBody(await dataTableOf(o)), brokerUrl: 'mqtt://device@127.0.0.1:1' };
        const created = await ok(await call(o, 'POST', { path, body }), 'bridge');
        const id = ((await created.json()) as { id: string }).id;
        return { path: `${path}/${id}`, body: { password: 'broker-password' } };
      },
    },
    {
      route: 'DELETE /api/ingest/mqtt/{id}',
      title: 'delete an MQTT bridge',
      json: false,
      rule: 'owned',
      prepare: async (o) => {
        const path = '/api/ingest/mqtt';
        const created = await ok(
          await call(o, 'POST', { path, body: bridgeBody(await dataTableOf(o)) }),
          'bridge',
        );
        return { path: `${path}/${((await created.json()) as { id: string }).id}` };
      },
    },
    {
      route: 'POST /api/connections',
      title: 'register a data connection',
      json: true,
      rule: 'open',
      prepare: async () => ({ path: '/api/connections', body: connectionBody() }),
    },
    {
      route: 'PATCH /api/connections/{id}',
      title: 'change a data connection',
      json: true,
      rule: 'owned',
      prepare: async (o) => ({
        path: `/api/connections/${await connectionOf(o)}`,
        body: { name: 'Renamed' },
      }),
    },
    {
      route: 'DELETE /api/connections/{id}',
      title: 'delete a data connection',
      json: false,
      rule: 'owned',
      prepare: async (o) => ({ path: `/api/connections/${await connectionOf(o)}` }),
    },
    {
      route: 'POST /api/connections/{id}/test',
      title: 'test a data connection',
      json: false,
      rule: 'owned',
      prepare: async (o) => ({ path: `/api/connections/${await connectionOf(o)}/test` }),
    },
    {
      route: 'POST /api/connections/{id}/publication',
      title: 'publish tables of a data connection',
      json: true,
      rule: 'owned',
      prepare: async (o) => {
        // Outside the public schema, so the snapshots of refused calls do not see it.
        await t.database.sql`create schema if not exists matrix_source`;
        await t.database
          .sql`create table if not exists matrix_source.readings (id int primary key, value float8)`;
        return {
          path: `/api/connections/${await connectionOf(o)}/publication`,
          body: { tables: ['matrix_source.readings'] },
        };
      },
    },
  ];
}
