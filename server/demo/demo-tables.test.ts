import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../test-support/test-app';
import type { DemoRows, DemoTable } from './demo-tables';

let t: TestApp;
let ada: TestUser;

async function getJson<T>(path: string, user: TestUser | null = ada): Promise<{ status: number; body: T }> {
  const response = await t.as(user).request('GET', path);
  return { status: response.status, body: (await response.json()) as T };
}

type Problem = { error: { code: string; message: string } };

beforeAll(async () => {
  t = await createTestApp();
  ada = await t.signup('ada');
});
afterAll(() => t?.close());

describe('GET /api/demo/tables', () => {
  it('answers an empty list while the demo schema does not exist', async () => {
    const { status, body } = await getJson<{ tables: DemoTable[] }>('/api/demo/tables');
    expect(status).toBe(200);
    expect(body.tables).toEqual([]);
  });

  it('refuses anonymous callers', async () => {
    const { status, body } = await getJson<Problem>('/api/demo/tables', null);
    expect(status).toBe(401);
    expect(body.error.message).toMatch(/log/i);
  });

  it('lists the demo tables only, with columns, blueprint types, key and row estimate', async () => {
    const sql = t.database.sql;
    await sql`create schema demo`;
    await sql`create type demo.mood as enum ('calm', 'angry')`;
    await sql`create table demo.readings (machine text not null, recorded_at timestamptz not null,
      vib_mm_s float8, count int4, note varchar(40), state demo.mood, tags text[],
      primary key (machine, recorded_at))`;
    await sql`create table demo.sites (code text primary key, name text)`;
    await sql`create table public.not_demo (id int primary key)`;
    await sql`insert into demo.readings (machine, recorded_at, vib_mm_s, count)
      select 'M-' || (i % 3), '2026-01-01'::timestamptz + i * interval '1 minute', i / 10.0, i
      from generate_series(1, 250) i`;
    await sql`analyze demo.readings`;

    const { status, body } = await getJson<{ tables: DemoTable[] }>('/api/demo/tables');
    expect(status).toBe(200);
    expect(body.tables.map((x) => x.qualifiedName)).toEqual(['demo.readings', 'demo.sites']);
    const readings = body.tables[0];
    expect(readings.name).toBe('readings');
    expect(readings.primaryKey).toEqual(['machine', 'recorded_at']);
    expect(readings.rowEstimate).toBe(250);
    expect(readings.timeColumn).toBe('recorded_at');
    expect(readings.columns).toEqual([
      { name: 'machine', pgType: 'text', type: 'text', nullable: false },
      { name: 'recorded_at', pgType: 'timestamp with time zone', type: 'timestamptz', nullable: false },
      { name: 'vib_mm_s', pgType: 'double precision', type: 'float8', nullable: true },
      { name: 'count', pgType: 'integer', type: 'int4', nullable: true },
      { name: 'note', pgType: 'character varying(40)', type: 'text', nullable: true },
      { name: 'state', pgType: 'demo.mood', type: 'text', nullable: true },
      { name: 'tags', pgType: 'text[]', type: null, nullable: true },
    ]);
    expect(body.tables[1]).toMatchObject({ primaryKey: ['code'], rowEstimate: 0, timeColumn: null });
  });
});

describe('GET /api/demo/tables/{name}/rows', () => {
  it('answers the newest rows first for a table with a time column, values as text', async () => {
    const { status, body } = await getJson<DemoRows>('/api/demo/tables/readings/rows?limit=3');
    expect(status).toBe(200);
    expect(body.table).toBe('demo.readings');
    expect(body.order).toBe('newest first, by recorded_at');
    expect(body.columns).toEqual(['machine', 'recorded_at', 'vib_mm_s', 'count', 'note', 'state', 'tags']);
    expect(body.rows.map((r) => r[3])).toEqual(['250', '249', '248']);
    expect(body.rows[0].slice(0, 3)).toEqual(['M-1', '2026-01-01 04:10:00+00', '25']);
    expect(body.rows[0][4]).toBeNull();
  });

  it('answers 20 rows by default, and orders a table without a time column by its key', async () => {
    const many = await getJson<DemoRows>('/api/demo/tables/readings/rows');
    expect(many.body.rows).toHaveLength(20);
    await t.database.sql`insert into demo.sites values ('b', 'Bravo'), ('a', 'Alpha'), ('c', null)`;
    const { status, body } = await getJson<DemoRows>('/api/demo/tables/sites/rows?limit=100');
    expect(status).toBe(200);
    expect(body.order).toBe('by code');
    expect(body.rows).toEqual([
      ['a', 'Alpha'],
      ['b', 'Bravo'],
      ['c', null],
    ]);
  });

  it.each([
    ['0', '"limit" is too small (at least 1).'],
    ['101', '"limit" is too large (at most 100).'],
    ['2.5', '"limit" should be int.'],
    ['ten', '"limit" should be number.'],
  ])('refuses limit=%s in plain words', async (limit, message) => {
    const { status, body } = await getJson<Problem>(`/api/demo/tables/readings/rows?limit=${limit}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).toBe(message);
  });

  it.each(['not_demo', 'nothing', 'users', 'readings"; drop table demo.sites; --'])(
    'answers 404 for %s, which is no demo table',
    async (name) => {
      const { status, body } = await getJson<Problem>(`/api/demo/tables/${encodeURIComponent(name)}/rows`);
      expect(status).toBe(404);
      expect(body.error.code).toBe('demo_table_not_found');
      expect(body.error.message).toContain('GET /api/demo/tables');
    },
  );

  it('refuses anonymous callers', async () => {
    const { status } = await getJson<Problem>('/api/demo/tables/readings/rows', null);
    expect(status).toBe(401);
  });
});
