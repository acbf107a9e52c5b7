import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type postgres from 'postgres';
import type { AuthUser } from '../app-env';
import { ArtifactStore } from '../artifacts/artifact-store';
import { canManage } from '../auth/authenticate';
import type { CsvPreview } from './csv-preview';
import { isUuid } from '../http/uuid';

/** How long an upload waits for its import before it is removed. */
export const UPLOAD_TTL_HOURS = 24;

/** A CSV upload waiting to be imported. */
export interface CsvUpload {
  id: string;
  ownerId: string;
  filename: string;
  sha256: string;
  preview: CsvPreview;
  createdAt: Date;
  expiresAt: Date;
}

type UploadRow = {
  id: string;
  owner_id: string;
  filename: string;
  artifact_sha256: string;
  preview: CsvPreview;
  // A string: drizzle makes the shared postgres.js client return timestamps as written.
  created_at: string | Date;
  expires_at: string | Date;
};

const fromRow = (row: UploadRow): CsvUpload => ({
  id: row.id,
  ownerId: row.owner_id,
  filename: row.filename,
  sha256: row.artifact_sha256,
  preview: row.preview,
  createdAt: new Date(row.created_at),
  expiresAt: new Date(row.expires_at),
});

/**
 * Where uploaded CSV files are kept until imported: a content-addressed store of their own
 * (`<dataDir>/csv-uploads`), apart from the registry's artifacts, which anyone may download.
 * @example const store = csvUploadStore(config.dataDir)
 */
export function csvUploadStore(dataDir: string): ArtifactStore {
  return new ArtifactStore(join(dataDir, 'csv-uploads'));
}

/**
 * Records an upload and its preview; it expires after UPLOAD_TTL_HOURS.
 * @example const upload = await saveCsvUpload(database.sql, user.id, 'pumps.csv', staged.sha256, preview)
 */
export async function saveCsvUpload(
  sql: postgres.ISql,
  ownerId: string,
  filename: string,
  sha256: string,
  preview: CsvPreview,
): Promise<CsvUpload> {
  const [row] = await sql<UploadRow[]>`
    insert into csv_uploads (owner_id, filename, artifact_sha256, preview, expires_at)
    values (${ownerId}, ${filename}, ${sha256}, ${JSON.stringify(preview)}::json,
            now() + make_interval(hours => ${UPLOAD_TTL_HOURS}))
    returning *`;
  return fromRow(row);
}

/**
 * An upload the user may import (its owner or an administrator) that has not expired, or null. `forUpdate`
 * locks it, so that two imports of one upload run one after the other.
 * @example const upload = await findCsvUpload(tx, user, uploadId, true)
 */
export async function findCsvUpload(
  sql: postgres.ISql,
  user: AuthUser,
  id: string,
  forUpdate = false,
): Promise<CsvUpload | null> {
  if (!isUuid(id)) return null;
  const rows = forUpdate
    ? await sql<UploadRow[]>`select * from csv_uploads where id = ${id} and expires_at > now() for update`
    : await sql<UploadRow[]>`select * from csv_uploads where id = ${id} and expires_at > now()`;
  const upload = rows[0] ? fromRow(rows[0]) : null;
  return upload && canManage(user, upload.ownerId) ? upload : null;
}

/**
 * Deletes stored files that no upload refers to any more (the same file may have been uploaded twice).
 * @example await removeUnreferencedFiles(database.sql, store, [upload.sha256])
 */
export async function removeUnreferencedFiles(
  sql: postgres.ISql,
  store: ArtifactStore,
  sha256s: readonly string[],
): Promise<void> {
  for (const sha256 of new Set(sha256s)) {
    const [{ used }] = await sql<{ used: boolean }[]>`
      select exists (select 1 from csv_uploads where artifact_sha256 = ${sha256}) as used`;
    if (!used) await unlink(store.pathOf(sha256)).catch(() => {});
  }
}

/**
 * Removes expired uploads and their files.
 * @example await sweepExpiredUploads(database.sql, store)
 */
export async function sweepExpiredUploads(sql: postgres.ISql, store: ArtifactStore): Promise<void> {
  const gone = await sql<{ sha256: string }[]>`
    delete from csv_uploads where expires_at <= now() returning artifact_sha256 as sha256`;
  await removeUnreferencedFiles(
    sql,
    store,
    gone.map((row) => row.sha256),
  );
}
