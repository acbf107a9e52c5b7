import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { connectDatabase, migrateDatabase, type Database } from '../db/database';

/**
 * A fresh, migrated database of its own for one test file, on the suite's PostgreSQL; `drop()` removes it.
 * @example const { database, drop } = await createTestDatabase(); afterAll(drop)
 */
export async function createTestDatabase(): Promise<{
  database: Database;
  url: string;
  drop(): Promise<void>;
}> {
  const baseUrl = inject('databaseUrl');
  const name = `pt_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString());
  const database = connectDatabase(url.toString(), { max: 5 });
  return {
    database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
