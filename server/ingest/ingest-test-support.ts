import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseSnapshot } from '../test-support/database-snapshot';
import type { TestApp, TestUser } from '../test-support/test-app';

/**
 * Writes text to a new temporary file and returns its path (for tests that read CSV from disk).
 * @example const path = tempFile('a,b\n1,2\n')
 */
export function tempFile(content: string | Uint8Array, name = 'data.csv'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'projecttwin-ingest-')), name);
  writeFileSync(path, content);
  return path;
}

/**
 * A multipart form with a CSV file part (and optional text parts).
 * @example csvForm('a,b\n1,2\n', { header: 'true' })
 */
export function csvForm(
  content: string | Uint8Array,
  fields: Record<string, string> = {},
  filename = 'data.csv',
): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([content as BlobPart], { type: 'text/csv' }), filename);
  return form;
}

/**
 * Uploads a CSV as `user` and returns the response.
 * @example const response = await uploadCsv(t, ada, 'a,b\n1,2\n')
 */
export function uploadCsv(
  t: TestApp,
  user: TestUser | null,
  content: string | Uint8Array,
  fields: Record<string, string> = {},
): Promise<Response> {
  return t.as(user).request('POST', '/api/ingest/csv', undefined, {
    body: csvForm(content, fields),
    headers: { origin: 'http://localhost' },
  });
}

/**
 * Reads a JSON response body, typed loosely for tests.
 * @example const body = await json(response)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function json(response: Response): Promise<any> {
  return response.json();
}

/**
 * Waits until `check` returns a truthy value (polling), or fails after `timeoutMs`.
 * @example await waitFor(async () => (await count()) === 100)
 */
export async function waitFor<T>(
  check: () => Promise<T> | T,
  timeoutMs = 10_000,
  what = 'the condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * The names of the tables in schema `data`.
 * @example expect(await dataSchemaTables(t)).toEqual([])
 */
export async function dataSchemaTables(t: TestApp): Promise<string[]> {
  const rows = await t.database.sql<{ name: string }[]>`
    select table_name as name from information_schema.tables where table_schema = 'data' order by 1`;
  return rows.map((row) => row.name);
}

/**
 * databaseSnapshot without api_tokens (each token request stamps its last use), plus the tables in schema
 * data.
 * @example const before = await snapshotWithoutTokenUse(t)
 */
export async function snapshotWithoutTokenUse(t: TestApp): Promise<Record<string, unknown>> {
  const snapshot: Record<string, unknown> = await databaseSnapshot(t.database);
  delete snapshot.api_tokens;
  return { ...snapshot, dataSchema: await dataSchemaTables(t) };
}
