import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env';
import { readMultipartUpload } from '../artifacts/multipart-upload';
import { canManage, requireUser } from '../auth/authenticate';
import { ApiError } from '../http/api-error';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-common';
import { DELIMITERS, type CsvDialect } from './csv-dialect';
import { importCsvUpload } from './csv-import';
import { previewCsv } from './csv-preview';
import {
  csvUploadStore,
  findCsvUpload,
  saveCsvUpload,
  sweepExpiredUploads,
  type CsvUpload,
} from './csv-uploads';
import { dataTableView, findDataTable } from './data-tables';
import { importProgress } from './import-progress';
import {
  CsvImportSchema,
  CsvPreviewSchema,
  CsvUploadStatusSchema,
  DataTableSchema,
  UploadIdParams,
} from './ingest-schemas';

const tags = ['ingest'];

const upload = createRoute({
  method: 'post',
  path: '/api/ingest/csv',
  tags,
  summary:
    'Upload a CSV file; answers a preview (detected delimiter and header, inferred column types, rows)',
  request: {
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['file'],
            properties: {
              file: { type: 'string', format: 'binary', description: 'The CSV file (UTF-8).' },
              delimiter: { type: 'string', description: 'Optional: , ; | or "tab" (detected when absent).' },
              header: { type: 'string', description: 'Optional: "true" or "false" (detected when absent).' },
            },
          },
        },
      },
    },
  },
  responses: {
    201: jsonResponse(CsvPreviewSchema, 'The preview, kept 24 hours for the import'),
    ...errorResponses(400, 401, 413, 422),
  },
});

const status = createRoute({
  method: 'get',
  path: '/api/ingest/csv/{uploadId}',
  tags,
  summary: "An upload's preview and import progress (poll it while the import runs)",
  request: { params: UploadIdParams },
  responses: {
    200: jsonResponse(CsvUploadStatusSchema, 'Where the upload stands'),
    ...errorResponses(400, 401, 404),
  },
});

const importRoute = createRoute({
  method: 'post',
  path: '/api/ingest/csv/{uploadId}/import',
  tags,
  summary: 'Import a previewed upload as a table in schema data, all rows or none',
  request: { params: UploadIdParams, ...jsonBody(CsvImportSchema) },
  responses: {
    201: jsonResponse(DataTableSchema, 'The new table'),
    ...errorResponses(400, 401, 404, 409, 413, 422),
  },
});

function dialectOf(text: Map<string, string>): Partial<CsvDialect> {
  const given: Partial<CsvDialect> = {};
  const delimiter = text.get('delimiter');
  if (delimiter !== undefined) {
    const value = delimiter === 'tab' ? '\t' : delimiter;
    const known = DELIMITERS.find((d) => d === value);
    if (!known) throw new ApiError(400, 'invalid_request', 'The delimiter must be one of , ; | or "tab".');
    given.delimiter = known;
  }
  const header = text.get('header');
  if (header !== undefined) {
    if (header !== 'true' && header !== 'false') {
      throw new ApiError(400, 'invalid_request', 'The header part must be "true" or "false".');
    }
    given.header = header === 'true';
  }
  return given;
}

const previewView = (u: CsvUpload) => ({
  uploadId: u.id,
  filename: u.filename,
  expiresAt: u.expiresAt.toISOString(),
  ...u.preview,
});

/**
 * CSV ingestion: upload (streamed to disk, previewed), poll status and progress, import.
 * @example app.route('/', csvRoutes())
 */
export function csvRoutes() {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(upload, async (c) => {
    const user = requireUser(c.var.user);
    const { config, database } = c.var.deps;
    const store = csvUploadStore(config.dataDir);
    const parts = await readMultipartUpload(
      c.req.raw,
      {
        text: ['delimiter', 'header'],
        files: ['file'],
        maxTextBytes: 16,
        maxFileBytes: config.maxArtifactBytes,
      },
      store,
    );
    try {
      const file = parts.files.get('file');
      if (!file) throw new ApiError(400, 'missing_part', 'The upload has no "file" part; add the CSV file.');
      const preview = await previewCsv(file.path, dialectOf(parts.text));
      await store.promote(file);
      const saved = await saveCsvUpload(
        database.sql,
        user.id,
        (file.filename || 'upload.csv').slice(0, 255),
        file.sha256,
        preview,
      );
      await sweepExpiredUploads(database.sql, store);
      return c.json(previewView(saved), 201);
    } finally {
      await parts.discard();
    }
  });

  app.openapi(status, async (c) => {
    const user = requireUser(c.var.user);
    const { sql } = c.var.deps.database;
    const { uploadId } = c.req.valid('param');
    const progress = importProgress.get(uploadId);
    const pending = await findCsvUpload(sql, user, uploadId);
    const imported = !pending && progress?.status === 'imported' && canManage(user, progress.ownerId);
    if (!pending && !imported) {
      throw new ApiError(404, 'not_found', 'This upload does not exist, has expired, or is not yours.');
    }
    const table = imported && progress.tableId ? await findDataTable(sql, progress.tableId) : null;
    const running = progress?.status === 'importing' || progress?.status === 'failed';
    return c.json(
      {
        uploadId,
        status: imported ? 'imported' : running ? progress.status : 'ready',
        progress: {
          rowsDone: progress?.rowsDone ?? 0,
          rowsTotal: progress?.rowsTotal ?? pending?.preview.rowCount ?? 0,
        },
        preview: pending ? previewView(pending) : null,
        table: table ? dataTableView(table) : null,
        error: progress?.status === 'failed' && progress.error ? progress.error : null,
      },
      200,
    );
  });

  app.openapi(importRoute, async (c) => {
    const user = requireUser(c.var.user);
    const { config, database } = c.var.deps;
    const { uploadId } = c.req.valid('param');
    const store = csvUploadStore(config.dataDir);
    const table = await importCsvUpload(database, store, importProgress, user, uploadId, c.req.valid('json'));
    return c.json(dataTableView(table), 201);
  });

  return app;
}
