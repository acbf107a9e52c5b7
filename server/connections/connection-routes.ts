import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env';
import { requireUser } from '../auth/authenticate';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-common';
import { connectionTables, publishTables, testConnection } from './connection-actions';
import {
  CheckReportSchema,
  ConnectionIdParams,
  ConnectionListSchema,
  ConnectionPatchSchema,
  ConnectionSchema,
  DeletedConnectionSchema,
  NewConnectionSchema,
  PublicationRequestSchema,
  PublicationResultSchema,
  TableListSchema,
} from './connection-schemas';
import { checkConnectionEnv, connectionSettings } from './connection-settings';
import { connectionView, findOwnedConnection, listMyConnections } from './connection-store';
import { createConnection, deleteConnection, updateConnection } from './save-connection';
import { stopConnectionSync } from '../sync/connection-sync';

const tags = ['connections'];

const create = createRoute({
  method: 'post',
  path: '/api/connections',
  tags,
  summary: 'Register my own PostgreSQL: it is tested first and saved only if it accepts the connection',
  request: jsonBody(NewConnectionSchema),
  responses: {
    201: jsonResponse(ConnectionSchema, 'The new connection, with the findings of its first test'),
    ...errorResponses(400, 401, 403, 413, 422),
  },
});

const listMine = createRoute({
  method: 'get',
  path: '/api/connections',
  tags,
  summary: 'List my data connections (never a password)',
  responses: {
    200: jsonResponse(ConnectionListSchema, 'My connections, latest change first'),
    ...errorResponses(401),
  },
});

const getOne = createRoute({
  method: 'get',
  path: '/api/connections/{id}',
  tags,
  summary: 'One of my data connections',
  request: { params: ConnectionIdParams },
  responses: { 200: jsonResponse(ConnectionSchema, 'The connection'), ...errorResponses(400, 401, 404) },
});

const patch = createRoute({
  method: 'patch',
  path: '/api/connections/{id}',
  tags,
  summary: 'Change a connection; any change but its name is tested before it is saved',
  request: { params: ConnectionIdParams, ...jsonBody(ConnectionPatchSchema) },
  responses: {
    200: jsonResponse(ConnectionSchema, 'The changed connection'),
    ...errorResponses(400, 401, 403, 404, 409, 413, 422),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/api/connections/{id}',
  tags,
  summary: "Delete a connection, and remove its publication from the user's server when possible",
  request: { params: ConnectionIdParams },
  responses: {
    200: jsonResponse(DeletedConnectionSchema, 'Deleted; says what became of the publication'),
    ...errorResponses(400, 401, 404),
  },
});

const test = createRoute({
  method: 'post',
  path: '/api/connections/{id}/test',
  tags,
  summary: 'Run the checks again (connect, wal_level, replication right, the chosen tables)',
  request: { params: ConnectionIdParams },
  responses: {
    200: jsonResponse(CheckReportSchema, 'The findings, also kept as the last check'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const tables = createRoute({
  method: 'get',
  path: '/api/connections/{id}/tables',
  tags,
  summary: 'The tables of the database, their columns and keys, and whether each can be streamed',
  request: { params: ConnectionIdParams },
  responses: {
    200: jsonResponse(TableListSchema, 'The tables'),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

const publish = createRoute({
  method: 'post',
  path: '/api/connections/{id}/publication',
  tags,
  summary:
    "Create or update the publication projecttwin_<short id> on the user's server for the chosen tables",
  request: { params: ConnectionIdParams, ...jsonBody(PublicationRequestSchema) },
  responses: {
    200: jsonResponse(PublicationResultSchema, 'The publication and the tables it now holds'),
    ...errorResponses(400, 401, 403, 404, 409, 413, 422),
  },
});

/**
 * Data connections: a user's own PostgreSQL servers, with their checks, tables and publication. Reads
 * PROJECTTWIN_SECRET_KEY and PROJECTTWIN_CONNECTION_HOSTS, and refuses to start when either is malformed.
 * @example app.route('/', connectionRoutes())
 */
export function connectionRoutes() {
  checkConnectionEnv(process.env);
  const app = new OpenAPIHono<AppEnv>();
  const db = (c: { var: AppEnv['Variables'] }) => c.var.deps.database.db;
  const settings = (c: { var: AppEnv['Variables'] }) => connectionSettings(c.var.deps.config.dataDir);

  app.openapi(create, async (c) => {
    const user = requireUser(c.var.user);
    return c.json(await createConnection(db(c), settings(c), user, c.req.valid('json')), 201);
  });

  app.openapi(listMine, async (c) => {
    const user = requireUser(c.var.user);
    const { secretKey } = settings(c);
    const rows = await listMyConnections(db(c), user);
    return c.json({ connections: rows.map((row) => connectionView(row, secretKey)) }, 200);
  });

  app.openapi(getOne, async (c) => {
    const row = await findOwnedConnection(db(c), c.var.user, c.req.valid('param').id);
    return c.json(connectionView(row, settings(c).secretKey), 200);
  });

  app.openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const updated = await updateConnection(db(c), settings(c), c.var.user, id, c.req.valid('json'));
    // A running sync uses the old address or password: it restarts with the new ones on the next request.
    await stopConnectionSync(c.var.deps.database, id, 'never');
    return c.json(updated, 200);
  });

  app.openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    await findOwnedConnection(db(c), c.var.user, id);
    await stopConnectionSync(c.var.deps.database, id, 'always');
    return c.json(await deleteConnection(db(c), settings(c), c.var.user, id), 200);
  });

  app.openapi(test, async (c) => {
    return c.json(await testConnection(db(c), settings(c), c.var.user, c.req.valid('param').id), 200);
  });

  app.openapi(tables, async (c) => {
    return c.json(await connectionTables(db(c), settings(c), c.var.user, c.req.valid('param').id), 200);
  });

  app.openapi(publish, async (c) => {
    const { id } = c.req.valid('param');
    const { tables: names } = c.req.valid('json');
    const result = await publishTables(db(c), settings(c), c.var.user, id, names);
    await stopConnectionSync(c.var.deps.database, id, 'never');
    return c.json(result, 200);
  });

  return app;
}
