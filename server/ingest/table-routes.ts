import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env';
import { requireUser } from '../auth/authenticate';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-common';
import { createDataTable } from './create-data-table';
import { dataTableView, listDataTables, loadManagedTable } from './data-tables';
import { ingestJsonRows } from './http-ingest';
import { dataTableSql } from './identifiers';
import {
  DataTableListSchema,
  DataTableSchema,
  IngestResultSchema,
  IngestRowsSchema,
  NewTableSchema,
  TableIdParams,
} from './ingest-schemas';
import { bridgeManagerFor } from './mqtt-bridges';

const tags = ['ingest'];

const list = createRoute({
  method: 'get',
  path: '/api/ingest/tables',
  tags,
  summary: 'My data tables (in schema data), newest first',
  responses: { 200: jsonResponse(DataTableListSchema, 'My tables'), ...errorResponses(401) },
});

const create = createRoute({
  method: 'post',
  path: '/api/ingest/tables',
  tags,
  summary: 'Create an empty data table, to fill over HTTP or MQTT',
  request: jsonBody(NewTableSchema),
  responses: { 201: jsonResponse(DataTableSchema, 'The new table'), ...errorResponses(400, 401, 409, 413) },
});

const getOne = createRoute({
  method: 'get',
  path: '/api/ingest/tables/{id}',
  tags,
  summary: 'One data table (its owner or an administrator)',
  request: { params: TableIdParams },
  responses: { 200: jsonResponse(DataTableSchema, 'The table'), ...errorResponses(400, 401, 404) },
});

const remove = createRoute({
  method: 'delete',
  path: '/api/ingest/tables/{id}',
  tags,
  summary: 'Delete a data table with its rows and its MQTT bridges',
  request: { params: TableIdParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 401, 404) },
});

const rows = createRoute({
  method: 'post',
  path: '/api/ingest/tables/{id}/rows',
  tags,
  summary: 'Write a batch of rows (all or none); idempotent with an Idempotency-Key header',
  description:
    'Authenticate with `Authorization: Bearer <API token>` (or a session). Each row is an object of column ' +
    'values. A table with a key chosen by its owner is upserted by that key (a row with an existing key replaces ' +
    "that row's other columns; the last row of a batch with a key wins); a table with a generated key gets every " +
    'row appended. With `Idempotency-Key`, a retry with the same key and body answers the first response ' +
    '(header `Idempotent-Replayed: true`) and writes nothing; the same key with another body is refused (422). ' +
    'Keys are remembered for 24 hours.',
  request: {
    params: TableIdParams,
    ...jsonBody(IngestRowsSchema),
  },
  responses: {
    200: jsonResponse(IngestResultSchema, 'Written (or replayed)'),
    ...errorResponses(400, 401, 404, 413, 422),
  },
});

/**
 * Data tables: list, create empty, read, delete, and HTTP JSON ingest of rows.
 * @example app.route('/', tableRoutes())
 */
export function tableRoutes() {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(list, async (c) => {
    const user = requireUser(c.var.user);
    const tables = await listDataTables(c.var.deps.database.sql, user.id);
    return c.json({ tables: tables.map(dataTableView) }, 200);
  });

  app.openapi(create, async (c) => {
    const user = requireUser(c.var.user);
    const body = c.req.valid('json');
    const table = await c.var.deps.database.sql.begin((tx) =>
      createDataTable(tx, user.id, { ...body, source: body.source ?? 'http' }),
    );
    return c.json(dataTableView(table), 201);
  });

  app.openapi(getOne, async (c) => {
    const user = requireUser(c.var.user);
    const table = await loadManagedTable(c.var.deps.database.sql, user, c.req.valid('param').id);
    return c.json(dataTableView(table), 200);
  });

  app.openapi(remove, async (c) => {
    const user = requireUser(c.var.user);
    const { database } = c.var.deps;
    const table = await database.sql.begin(async (tx) => {
      const found = await loadManagedTable(tx, user, c.req.valid('param').id, true);
      await tx.unsafe(`drop table if exists ${dataTableSql(found.tableName)}`);
      await tx`delete from data_tables where id = ${found.id}`;
      return found;
    });
    await bridgeManagerFor(database).stopForTable(table.id);
    return c.body(null, 204);
  });

  app.openapi(rows, async (c) => {
    const user = requireUser(c.var.user);
    const { id } = c.req.valid('param');
    const key = c.req.header('idempotency-key');
    const { result, replayed } = await ingestJsonRows(
      c.var.deps.database,
      user,
      id,
      c.req.valid('json').rows,
      key,
    );
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(result, 200);
  });

  return app;
}
