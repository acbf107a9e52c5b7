import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { databaseSnapshot } from '../test-support/database-snapshot';
import { createTestApp, type TestApp, type TestUser } from '../test-support/test-app';
import type { Finding } from './findings';
import { scratchDatabase, serverOf, type ScratchDatabase } from './test-target';

// Tables and the publication, on a real scratch database of the suite's PostgreSQL, connected as an ordinary
// role with REPLICATION that owns some tables, may only read one, and may neither read nor own another.

interface TableOut {
  name: string;
  columns: { name: string; pgType: string; type: string | null; nullable: boolean }[];
  primaryKey: string[];
  canSelect: boolean;
  isOwner: boolean;
  published: boolean;
  streamable: boolean;
  problems: string[];
}
interface ErrorOut {
  error: { code: string; message: string; details?: { findings: Finding[] } };
}

let t: TestApp;
let ada: TestUser;
let scratch: ScratchDatabase;
let role: { name: string; password: string };
let id: string;

beforeAll(async () => {
  t = await createTestApp();
  ada = await t.signup('ada');
  scratch = await scratchDatabase(serverOf(inject('databaseUrl')));
  role = await scratch.createRole({ replication: true });
  await scratch.sql.unsafe(`
    create type status as enum ('running', 'stopped');
    create domain percent as int4 check (value between 0 and 100);
    create table readings (id bigint primary key, pump_id text not null, value float8, recorded_at timestamptz,
      note varchar(40), tags text[], status status, load percent, payload jsonb);
    create table events (site text, seq int, kind text, primary key (site, seq));
    create table no_key (value float8);
    create table shared_only (id int primary key);
    create table secret (id int primary key);
    alter table readings owner to ${role.name};
    alter table events owner to ${role.name};
    alter table no_key owner to ${role.name};
    grant select on shared_only to ${role.name};
    create schema plant authorization ${role.name};
    create table plant."Line 1" (id uuid primary key, speed numeric(6, 2));
    alter table plant."Line 1" owner to ${role.name};
  `);
  const response = await t.as(ada).request('POST', '/api/connections', scratch.body(role));
  expect(response.status, await response.clone().text()).toBe(201);
  id = ((await response.json()) as { id: string }).id;
});
afterAll(async () => {
  await scratch?.drop();
  await t?.close();
});

const publication = () => `projecttwin_${id.replaceAll('-', '').slice(0, 12)}`;

async function publishedTables(): Promise<string[]> {
  const rows = await scratch.sql<{ name: string }[]>`
    select schemaname || '.' || tablename as name from pg_publication_tables where pubname = ${publication()}
    order by 1`;
  return rows.map((r) => r.name);
}

async function publicationExists(): Promise<boolean> {
  const [row] = await scratch.sql<{ n: number }[]>`
    select count(*)::int as n from pg_publication where pubname = ${publication()}`;
  return row.n === 1;
}

async function publish(tables: string[]) {
  return t.as(ada).request('POST', `/api/connections/${id}/publication`, { tables });
}

/** Asks for a publication that must be refused, checking nothing changed on either side. */
async function refusedPublication(tables: string[], code: string): Promise<ErrorOut['error']> {
  const before = { platform: await databaseSnapshot(t.database), published: await publishedTables() };
  const response = await publish(tables);
  const { error } = (await response.json()) as ErrorOut;
  expect({ status: response.status, code: error.code }).toEqual({ status: 422, code });
  expect(error.message).toMatch(/Nothing was changed/);
  expect({ platform: await databaseSnapshot(t.database), published: await publishedTables() }).toEqual(
    before,
  );
  return error;
}

describe('GET /api/connections/{id}/tables', () => {
  let tables: Record<string, TableOut>;
  let body: { serverReady: boolean; findings: Finding[] };

  beforeAll(async () => {
    const response = await t.as(ada).request('GET', `/api/connections/${id}/tables`);
    expect(response.status).toBe(200);
    body = (await response.json()) as typeof body & { tables: TableOut[] };
    tables = Object.fromEntries((body as unknown as { tables: TableOut[] }).tables.map((x) => [x.name, x]));
  });

  it('lists every table of the database, by schema.table', () => {
    expect(Object.keys(tables).sort()).toEqual([
      'plant.Line 1',
      'public.events',
      'public.no_key',
      'public.readings',
      'public.secret',
      'public.shared_only',
    ]);
  });

  it('maps PostgreSQL types to blueprint column types where it can', () => {
    const types = Object.fromEntries(
      tables['public.readings'].columns.map((c) => [c.name, [c.pgType, c.type]]),
    );
    expect(types).toEqual({
      id: ['bigint', 'int8'],
      pump_id: ['text', 'text'],
      value: ['double precision', 'float8'],
      recorded_at: ['timestamp with time zone', 'timestamptz'],
      note: ['character varying(40)', 'text'],
      tags: ['text[]', null],
      status: ['status', 'text'],
      load: ['percent', 'int4'],
      payload: ['jsonb', 'jsonb'],
    });
    expect(tables['public.readings'].columns.find((c) => c.name === 'pump_id')!.nullable).toBe(false);
    expect(tables['plant.Line 1'].columns.map((c) => c.type)).toEqual(['uuid', 'numeric']);
  });

  it('gives primary keys in key order', () => {
    expect(tables['public.readings'].primaryKey).toEqual(['id']);
    expect(tables['public.events'].primaryKey).toEqual(['site', 'seq']);
    expect(tables['public.no_key'].primaryKey).toEqual([]);
  });

  it('says whether each table can be streamed, and why not', () => {
    expect(tables['public.readings']).toMatchObject({
      streamable: true,
      problems: [],
      canSelect: true,
      isOwner: true,
    });
    expect(tables['public.no_key']).toMatchObject({ streamable: false });
    expect(tables['public.no_key'].problems).toEqual([
      'It has no primary key, so changes to its rows cannot be told apart.',
    ]);
    expect(tables['public.shared_only']).toMatchObject({
      streamable: false,
      canSelect: true,
      isOwner: false,
    });
    expect(tables['public.secret']).toMatchObject({ streamable: false, canSelect: false, isOwner: false });
    expect(tables['public.secret'].problems).toContain(
      `"${role.name}" may not read it (no SELECT permission).`,
    );
  });

  it('reports the server-wide checks beside the tables', () => {
    expect(body.findings.map((f) => f.check)).toEqual(['connect', 'wal_level', 'replication']);
    expect(body.serverReady).toBe(body.findings.every((f) => f.ok));
  });
});

describe('POST /api/connections/{id}/publication refuses tables that are not ready', () => {
  it('a table without a primary key, saying how to add one', async () => {
    const error = await refusedPublication(['public.no_key'], 'tables_not_ready');
    const primaryKey = error.details!.findings.find((f) => f.check === 'primary_key')!;
    expect(primaryKey).toMatchObject({ ok: false, tables: ['public.no_key'] });
    expect(primaryKey.fix).toContain('ALTER TABLE public.no_key ADD PRIMARY KEY (<column>);');
    expect(primaryKey.fix).toContain('GENERATED ALWAYS AS IDENTITY PRIMARY KEY');
  });

  it('a table the role cannot read, with the GRANT that fixes it', async () => {
    const error = await refusedPublication(['public.readings', 'public.secret'], 'tables_not_ready');
    const select = error.details!.findings.find((f) => f.check === 'select_permission')!;
    expect(select).toMatchObject({ ok: false, tables: ['public.secret'] });
    expect(select.fix).toContain(`GRANT SELECT ON public.secret TO ${role.name};`);
  });

  it('a table the role may read but does not own, so may not publish', async () => {
    const error = await refusedPublication(['shared_only'], 'tables_not_ready');
    const rights = error.details!.findings.find((f) => f.check === 'publication_rights')!;
    expect(rights).toMatchObject({ ok: false, tables: ['public.shared_only'] });
    expect(rights.message).toContain("only a table's owner may publish it");
    expect(rights.fix).toContain(`CREATE PUBLICATION ${publication()} FOR TABLE public.shared_only;`);
  });

  it('a table that does not exist', async () => {
    const error = await refusedPublication(['public.readings', 'public.nowhere'], 'unknown_tables');
    expect(error.message).toContain('These tables do not exist');
    expect(error.message).toContain('public.nowhere');
  });
});

describe('POST /api/connections/{id}/publication creates and updates the publication', () => {
  it('first needs the right to create a publication in the database', async () => {
    const error = await refusedPublication(['public.readings'], 'tables_not_ready');
    const rights = error.details!.findings.find((f) => f.check === 'publication_rights')!;
    expect(rights.message).toContain(
      `creating a publication needs the CREATE right on the database "${scratch.name}"`,
    );
    expect(rights.fix).toContain(`GRANT CREATE ON DATABASE ${scratch.name} TO ${role.name};`);
    await scratch.sql.unsafe(`grant create on database ${scratch.name} to ${role.name}`);
  });

  it("creates projecttwin_<short id> with the chosen tables on the user's server", async () => {
    expect(await publicationExists()).toBe(false);
    const response = await publish(['readings', 'plant.Line 1']);
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const result = JSON.parse(text) as { publication: string; tables: string[]; findings: Finding[] };
    expect(result.publication).toBe(publication());
    expect(result.tables).toEqual(['plant.Line 1', 'public.readings']);
    expect(await publishedTables()).toEqual(['plant.Line 1', 'public.readings']);
    for (const check of ['primary_key', 'select_permission', 'publication_rights']) {
      expect(
        result.findings.find((f) => f.check === check),
        check,
      ).toMatchObject({ ok: true });
    }
    const connection = (await (await t.as(ada).request('GET', `/api/connections/${id}`)).json()) as {
      publication: string;
      tables: string[];
    };
    expect(connection).toMatchObject({
      publication: publication(),
      tables: ['plant.Line 1', 'public.readings'],
    });
  });

  it('changes it to hold exactly the newly chosen tables', async () => {
    const response = await publish(['public.readings', 'public.events']);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await publishedTables()).toEqual(['public.events', 'public.readings']);
    const list = (await (await t.as(ada).request('GET', `/api/connections/${id}/tables`)).json()) as {
      tables: TableOut[];
    };
    expect(list.tables.filter((x) => x.published).map((x) => x.name)).toEqual([
      'public.events',
      'public.readings',
    ]);
  });

  it('checks the published tables again on test', async () => {
    const response = await t.as(ada).request('POST', `/api/connections/${id}/test`);
    const report = (await response.json()) as { findings: Finding[] };
    expect(report.findings.map((f) => f.check)).toEqual([
      'connect',
      'wal_level',
      'replication',
      'primary_key',
      'select_permission',
      'publication_rights',
    ]);
    expect(report.findings.slice(3).every((f) => f.ok)).toBe(true);
  });

  it('reports a published table that lost its primary key', async () => {
    await scratch.sql.unsafe('alter table events drop constraint events_pkey');
    try {
      const report = (await (await t.as(ada).request('POST', `/api/connections/${id}/test`)).json()) as {
        ok: boolean;
        findings: Finding[];
      };
      expect(report.ok).toBe(false);
      expect(report.findings.find((f) => f.check === 'primary_key')).toMatchObject({
        ok: false,
        tables: ['public.events'],
      });
    } finally {
      await scratch.sql.unsafe('alter table events add primary key (site, seq)');
    }
  });

  it("drops the publication from the user's server when the connection is deleted", async () => {
    const response = await t.as(ada).request('DELETE', `/api/connections/${id}`);
    expect(await response.json()).toEqual({
      deleted: true,
      publication: {
        name: publication(),
        dropped: true,
        message: `The publication ${publication()} was removed from ${scratch.server.host}.`,
      },
    });
    expect(await publicationExists()).toBe(false);
  });
});
