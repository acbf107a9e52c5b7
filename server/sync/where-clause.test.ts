import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test-support/test-database';
import type { Database } from '../db/database';
import { DISPLAY_SETTINGS } from './shape-snapshot';
import { loadTableInfo, type TableInfo } from './table-catalog';
import { evaluateWhere } from './where-evaluate';
import { parseWhere } from './where-parser';
import { compileWhere } from './where-sql';

let database: Database;
let drop: () => Promise<void>;
let table: TableInfo;
beforeAll(async () => {
  ({ database, drop } = await createTestDatabase());
  await database.sql`create type color as enum ('red', 'green')`;
  await database.sql`create table things (id int primary key, name text, code char(4), n int8, f float8, amount numeric,
    ok bool, at timestamptz, day date, uid uuid, c color, tags text[])`;
  await database.sql`insert into things values
    (1, 'Pump A', 'ab', 5, 1.5, 10.50, true, '2024-01-01 10:00+00', '2024-01-01', '00000000-0000-0000-0000-000000000001', 'red', '{x}'),
    (2, 'pump b', 'abcd', -3, -0.25, 3, false, '2024-06-01 12:30:00.5+02', '2023-12-31', null, 'green', null),
    (3, null, null, null, null, null, null, null, null, null, null, null),
    (4, 'Valve_1', 'zz', 9007199254740993, 1e10, 1e-3, true, '2023-01-01 00:00+00', '2025-05-05', '00000000-0000-0000-0000-0000000000ff', 'red', '{}'),
    (5, 'it''s 100%', 'a', 0, 0, 0, false, '2024-01-01 09:59:59.999999+00', '2024-01-01', null, null, null)`;
  table = (await loadTableInfo(database.sql, 'public', 'things'))!;
});
afterAll(() => drop?.());

const agreeing: [string, Record<string, string>?][] = [
  ["name = 'Pump A'"],
  ["name <> 'Pump A'"],
  ["name < 'pump' AND name >= 'P'"],
  ['n > 0 OR n IS NULL'],
  ['n = 9007199254740993'],
  ['n IN (5, -3, $1)', { 1: '0' }],
  ['n NOT IN (5, NULL)'],
  ['f >= -0.25 AND f < 2'],
  ['amount = 10.5'],
  ['amount > $1', { 1: '0.0001' }],
  ['ok'],
  ['NOT ok'],
  ['ok = false OR ok IS NULL'],
  ["at > '2024-01-01 10:00:00'"],
  ["at >= '2024-01-01T09:00:00-01:00'"],
  ['day BETWEEN_NOT_SUPPORTED'.replace('BETWEEN_NOT_SUPPORTED', "= '2024-01-01'")],
  ["uid = '00000000-0000-0000-0000-0000000000FF'"],
  ["c = 'red'"],
  ["c <> 'red'"],
  ["name LIKE 'pump%'"],
  ["name ILIKE 'pump%'"],
  ["name NOT LIKE '%\\_%'"],
  ["name LIKE '%100\\%'"],
  ["code = 'ab'"],
  ["code < 'abc'"],
  ['tags IS NOT NULL AND NOT (id = 1 OR id = 4)'],
  ['TRUE AND (FALSE OR id > 2)'],
  ['"id" <= 3'],
  ['$1 = name', { 1: 'pump b' }],
];

describe('where clauses', () => {
  it.each(agreeing)(
    '%s selects the same rows in Postgres and in the change evaluator',
    async (where, params = {}) => {
      const tree = parseWhere(where, table, params);
      const { sql, params: values } = compileWhere(tree);
      const rows = await database.sql.begin(async (tx) => {
        for (const [name, value] of Object.entries(DISPLAY_SETTINGS))
          await tx`select set_config(${name}, ${value}, true)`;
        return tx.unsafe(
          `select ${table.columns.map((c) => `"${c.name}"::text as "${c.name}"`).join(', ')},
        coalesce((${sql}), false) as selected from things order by things.id`,
          values as string[],
        );
      });
      for (const row of rows) {
        const text = Object.fromEntries(table.columns.map((c) => [c.name, row[c.name] as string | null]));
        expect(evaluateWhere(tree, text) === true, `row ${row.id}`).toBe(row.selected);
      }
    },
  );

  it.each([
    ['id = 1; drop table things', /semicolon/],
    ['id = 1 -- and more', /comments/],
    ['id = 1 /* x */', /comments/],
    ['pg_sleep(10) IS NULL', /function calls/],
    ['id = (select 1)', /subqueries|unexpected/],
    ['id = 1::int', /casts/],
    ["name = E'\\''", /escape/],
    ["name = 'unclosed", /not closed/],
    ['id + 1 = 2', /"\+" is not supported/],
    ['nope = 1', /no column "nope"/],
    ['"ID" = 1', /no column "ID"/],
    ["n = 'x'", /not a valid int8/],
    ['tags = 1', /only be tested with IS \[NOT\] NULL/],
    ['c > 1', /only be compared with = or <>/],
    ['id = $2', /params\[2\] is not given/],
    ['name', /not a boolean column/],
    ['id = 1 AND', /ends too early/],
    ['id = id', /not with another column/],
    ['$$x$$ = 1', /dollar quoting/],
    ["name = 'a' OR 1 = 1", /one side of a comparison must be a column/],
  ])('refuses %s', (where, message) => {
    expect(() => parseWhere(where, table, {})).toThrow(message);
  });

  it('binds values as parameters, so injected text stays a value', async () => {
    const hostile = "x'; drop table things; --";
    const tree = parseWhere("name = $1 OR name = 'a''b'", table, { 1: hostile });
    const { sql, params } = compileWhere(tree);
    expect(sql).toBe('("name" = $1::text OR "name" = $2::text)');
    expect(params).toEqual([hostile, "a'b"]);
    await database.sql.unsafe(`select id from things where ${sql}`, params as string[]);
    const [{ count }] = await database.sql`select count(*)::int as count from things`;
    expect(count).toBe(5);
  });

  it('quotes identifiers from the catalog', async () => {
    await database.sql`create table "Odd ""Names""" ("Key" int primary key, "a-b" text)`;
    const odd = (await loadTableInfo(database.sql, 'public', 'Odd "Names"'))!;
    expect(compileWhere(parseWhere('"a-b" = \'x\' AND "Key" > 1', odd, {})).sql).toBe(
      '("a-b" = $1::text AND "Key" > $2::integer)',
    );
  });
});
