import type { AuthUser } from '../app-env';
import type { ArtifactStore } from '../artifacts/artifact-store';
import type { Database } from '../db/database';
import { ApiError } from '../http/api-error';
import type { ColumnType } from './column-types';
import { loadCsvRows, repeatedKeyLine, type CsvSource, type LoadOutcome } from './csv-load';
import { lineLabel } from './csv-records';
import { findCsvUpload, removeUnreferencedFiles, type CsvUpload } from './csv-uploads';
import { createDataTable } from './create-data-table';
import { findDataTable, type DataTable } from './data-tables';
import type { ImportProgressBoard } from './import-progress';

/** The user's confirmation of a preview: one `{ name, type }` per file column, in the file's order. */
export interface ImportRequest {
  title: string;
  tableName?: string;
  columns: { name: string; type: ColumnType }[];
  primaryKey?: string[];
}

const notFound = () =>
  new ApiError(
    404,
    'not_found',
    'This upload does not exist, has expired or was already imported; upload the file again.',
  );

function refusal(outcome: LoadOutcome): ApiError {
  const { badLines, complete } = outcome;
  const count = complete ? `${badLines.length}` : `At least ${badLines.length}`;
  const summary =
    badLines.length === 1
      ? `${badLines[0].message}.`
      : `${count} lines do not fit the chosen column types; the first: ${badLines[0].message}.`;
  return new ApiError(
    422,
    'rows_do_not_fit',
    `${summary} Nothing was imported: fix the file, or choose another type for the column (text takes anything).`,
    { badLines, badLineCount: badLines.length, complete },
  );
}

async function duplicateKey(error: unknown, source: CsvSource, table: DataTable | undefined) {
  const e = error as { code?: string; detail?: string };
  if (e.code !== '23505' || !table) return undefined;
  const key = /Key \((.*)\)=\((.*)\) already exists/.exec(e.detail ?? '');
  const line = await repeatedKeyLine(source, table);
  const where = line ? `${lineLabel(line)}: ` : '';
  const what = key ? `the key ${key[1]} = ${key[2]} appears twice` : 'a key value appears twice';
  return new ApiError(
    422,
    'duplicate_key',
    `${where}${what}. Nothing was imported: each row needs its own key; choose other key columns or none.`,
    { line },
  );
}

async function copyInto(
  database: Database,
  upload: CsvUpload,
  user: AuthUser,
  request: ImportRequest,
  source: CsvSource,
  progress: ImportProgressBoard,
): Promise<DataTable> {
  let table: DataTable | undefined;
  try {
    return await database.sql.begin(async (tx) => {
      if (!(await findCsvUpload(tx, user, upload.id, true))) throw notFound();
      table = await createDataTable(tx, upload.ownerId, { ...request, source: 'csv' });
      const outcome = await loadCsvRows(tx, table, source, (n) => progress.advance(upload.id, n));
      if (outcome.badLines.length > 0) throw refusal(outcome);
      await tx`update data_tables set row_count = ${outcome.rows} where id = ${table.id}`;
      await tx`delete from csv_uploads where id = ${upload.id}`;
      return { ...table, rowCount: outcome.rows };
    });
  } catch (error) {
    throw (await duplicateKey(error, source, table)) ?? error;
  }
}

/**
 * Imports a previewed upload as the user confirmed it, in ONE transaction: creates `data.<table>` (with the
 * chosen key, or a generated `id`), streams every row in with batched INSERTs, registers the table in
 * data_tables and removes the upload. Any line that does not fit the confirmed types refuses the whole import
 * (422 `rows_do_not_fit`, up to 100 lines in details) and leaves nothing behind. Progress is reported to
 * `progress`.
 * @example const table = await importCsvUpload(database, store, importProgress, user, uploadId, request)
 */
export async function importCsvUpload(
  database: Database,
  store: ArtifactStore,
  progress: ImportProgressBoard,
  user: AuthUser,
  uploadId: string,
  request: ImportRequest,
): Promise<DataTable> {
  const upload = await findCsvUpload(database.sql, user, uploadId);
  if (!upload) throw notFound();
  const { preview } = upload;
  if (request.columns.length !== preview.columns.length) {
    throw new ApiError(
      400,
      'invalid_request',
      `The file has ${preview.columns.length} columns but "columns" lists ${request.columns.length}; give one { name, type } per column, in the file's order.`,
    );
  }
  if (!progress.begin(upload.id, upload.ownerId, preview.rowCount)) {
    throw new ApiError(
      409,
      'import_in_progress',
      'This upload is being imported already; wait for it to finish.',
    );
  }
  const source = { path: store.pathOf(upload.sha256), delimiter: preview.delimiter, header: preview.header };
  try {
    const table = await copyInto(database, upload, user, request, source, progress);
    progress.succeed(upload.id, table.id);
    await removeUnreferencedFiles(database.sql, store, [upload.sha256]);
    return (await findDataTable(database.sql, table.id)) ?? table;
  } catch (error) {
    const { code, message } =
      error instanceof ApiError
        ? error
        : { code: 'internal_error', message: 'The import failed; nothing was kept.' };
    progress.fail(upload.id, { code, message });
    throw error;
  }
}
