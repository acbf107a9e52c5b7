import { createHash } from 'node:crypto';
import type postgres from 'postgres';
import type { AuthUser } from '../app-env';
import type { Database } from '../db/database';
import { ApiError } from '../http/api-error';
import { loadManagedTable } from './data-tables';
import { checkJsonRows, writeRows } from './row-writer';

/** What a batch did; the same body is answered to a retry with the same Idempotency-Key. */
export interface IngestResult {
  tableId: string;
  received: number;
  inserted: number;
  updated: number;
}

/** How long an Idempotency-Key is remembered. */
export const IDEMPOTENCY_HOURS = 24;
const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Checks an Idempotency-Key header value: 1 to 255 visible ASCII characters (a UUID is typical).
 * @example assertIdempotencyKey(c.req.header('idempotency-key'))
 */
export function assertIdempotencyKey(key: string | undefined): void {
  if (key !== undefined && !KEY.test(key)) {
    throw new ApiError(
      400,
      'invalid_idempotency_key',
      'The Idempotency-Key header must be 1 to 255 visible characters without spaces, such as a UUID.',
    );
  }
}

async function replay(
  tx: postgres.TransactionSql,
  user: AuthUser,
  key: string,
  bodySha256: string,
): Promise<IngestResult | undefined> {
  // Serialises requests with the same key: the second waits for the first to commit, then replays it.
  await tx`select pg_advisory_xact_lock(hashtextextended(${`ingest:${user.id}:${key}`}, 0))`;
  await tx`delete from ingest_requests where owner_id = ${user.id}
           and created_at < now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`;
  const [seen] = await tx<{ body_sha256: string; response: IngestResult }[]>`
    select body_sha256, response from ingest_requests where owner_id = ${user.id} and idempotency_key = ${key}`;
  if (!seen) return undefined;
  if (seen.body_sha256 !== bodySha256) {
    throw new ApiError(
      422,
      'idempotency_key_reused',
      'This Idempotency-Key was already used for a different request; use a new key for new rows.',
    );
  }
  return seen.response;
}

function refusal(problems: { row: number; column?: string; message: string }[]): ApiError {
  const summary =
    problems.length === 1
      ? problems[0].message
      : `${problems.length} rows do not fit the table; the first: ${problems[0].message}`;
  return new ApiError(400, 'invalid_rows', `${summary} Nothing was written.`, {
    problems,
    problemCount: problems.length,
  });
}

/**
 * Writes a batch of JSON rows to a data table the user may use, all or nothing, in one transaction. With an
 * `idempotencyKey`, the key, a digest of the batch and the answer are recorded in the same transaction: a
 * retry with the same key and batch gets the first answer (`replayed: true`) and writes nothing; the same key
 * with another batch or table is refused (422 `idempotency_key_reused`). Keys are the caller's own and are
 * kept for IDEMPOTENCY_HOURS. Rows that do not fit refuse the batch (400 `invalid_rows`, naming row and
 * column).
 * @example const { result, replayed } = await ingestJsonRows(database, user, tableId, body.rows, key)
 */
export async function ingestJsonRows(
  database: Database,
  user: AuthUser,
  tableId: string,
  rows: readonly unknown[],
  idempotencyKey?: string,
): Promise<{ result: IngestResult; replayed: boolean }> {
  assertIdempotencyKey(idempotencyKey);
  const table = await loadManagedTable(database.sql, user, tableId);
  const bodySha256 = createHash('sha256')
    .update(JSON.stringify({ tableId: table.id, rows }))
    .digest('hex');
  return database.sql.begin(async (tx) => {
    if (idempotencyKey !== undefined) {
      const first = await replay(tx, user, idempotencyKey, bodySha256);
      if (first) return { result: first, replayed: true };
    }
    const checked = checkJsonRows(table, rows);
    if (checked.problems.length > 0) throw refusal(checked.problems);
    const counts = await writeRows(tx, table, checked.rows);
    const result: IngestResult = { tableId: table.id, received: rows.length, ...counts };
    if (idempotencyKey !== undefined) {
      await tx`
        insert into ingest_requests (owner_id, idempotency_key, data_table_id, body_sha256, response)
        values (${user.id}, ${idempotencyKey}, ${table.id}, ${bodySha256}, ${JSON.stringify(result)}::json)`;
    }
    return { result, replayed: false };
  });
}
