import { fileURLToPath } from 'node:url';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema/index';

export type Db = PostgresJsDatabase<typeof schema>;

/** A connection pool to the platform's database, with drizzle on top. */
export interface Database {
  db: Db;
  sql: postgres.Sql;
  close(): Promise<void>;
}

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Connects to PostgreSQL (postgres.js, a small pool) and returns drizzle over it.
 * @example const database = connectDatabase(process.env.DATABASE_URL!)
 */
export function connectDatabase(url: string, options: { max?: number } = {}): Database {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: {
      application_name: 'projecttwin',
      // Short API queries under concurrent load: starting parallel workers costs more than it saves.
      max_parallel_workers_per_gather: '0',
    },
  });
  const db = drizzle(sql, { schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}

/**
 * Applies the checked-in drizzle-kit migrations that have not run yet, on one dedicated connection holding an
 * advisory lock, so that two servers starting at once do not race.
 * @example await migrateDatabase(process.env.DATABASE_URL!)
 */
export async function migrateDatabase(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(7461723)`;
    await migrate(drizzle(sql, { schema }), { migrationsFolder: MIGRATIONS });
  } finally {
    await sql.end({ timeout: 5 });
  }
}
