import type { Database } from '../db/database';

/**
 * A digest of every row of every table in the public schema, by table: equal snapshots mean nothing changed.
 * @example const before = await databaseSnapshot(db); ...; expect(await databaseSnapshot(db)).toEqual(before)
 */
export async function databaseSnapshot(database: Database): Promise<Record<string, string>> {
  const tables = await database.sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await database.sql.unsafe(
      `select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from "${name}" t`,
    );
    out[name] = `${row.n}:${row.digest}`;
  }
  return out;
}
