import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, AuthUser } from '../app-env';
import { canManage, requireUser } from '../auth/authenticate';
import type { Database } from '../db/database';
import { ApiError } from '../http/api-error';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-common';
import { loadManagedTable } from './data-tables';
import { BridgeIdParams, BridgeListSchema, BridgeSchema, NewBridgeSchema } from './ingest-schemas';
import { assertBrokerUrl, assertMapping, assertTopicFilter, maskBrokerUrl } from './mqtt-mapping';
import { bridgeFromRow, bridgeManagerFor, readBridges, type BridgeRecord } from './mqtt-bridges';

const tags = ['ingest'];

const create = createRoute({
  method: 'post',
  path: '/api/ingest/mqtt',
  tags,
  summary: "Bridge an MQTT topic into a data table (the table's owner); starts at once",
  description:
    'Each JSON payload on the topic (wildcards + and # allowed) becomes a row: `mapping` gives, for each column, ' +
    'a JSON pointer into the payload, or `$topic` / `$timestamp`. Payloads that are not JSON or do not map are ' +
    'counted in the status and skipped. The bridge reconnects with capped exponential backoff.',
  request: jsonBody(NewBridgeSchema),
  responses: {
    201: jsonResponse(BridgeSchema, 'The bridge and its status'),
    ...errorResponses(400, 401, 404, 413),
  },
});

const list = createRoute({
  method: 'get',
  path: '/api/ingest/mqtt',
  tags,
  summary: 'My MQTT bridges and their status (connected, last message, counts, last error)',
  responses: { 200: jsonResponse(BridgeListSchema, 'My bridges'), ...errorResponses(401) },
});

const getOne = createRoute({
  method: 'get',
  path: '/api/ingest/mqtt/{id}',
  tags,
  summary: 'One MQTT bridge and its status',
  request: { params: BridgeIdParams },
  responses: { 200: jsonResponse(BridgeSchema, 'The bridge'), ...errorResponses(400, 401, 404) },
});

const remove = createRoute({
  method: 'delete',
  path: '/api/ingest/mqtt/{id}',
  tags,
  summary: 'Stop and delete an MQTT bridge (its rows stay)',
  request: { params: BridgeIdParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 401, 404) },
});

function bridgeView(database: Database, bridge: BridgeRecord) {
  return {
    id: bridge.id,
    brokerUrl: maskBrokerUrl(bridge.brokerUrl),
    topic: bridge.topic,
    tableId: bridge.dataTableId,
    mapping: bridge.mapping,
    createdAt: bridge.createdAt.toISOString(),
    status: bridgeManagerFor(database).status(bridge.id),
  };
}

async function loadManagedBridge(database: Database, user: AuthUser, id: string): Promise<BridgeRecord> {
  const [bridge] = await readBridges(database.sql, { id });
  if (!bridge || !canManage(user, bridge.ownerId)) {
    throw new ApiError(404, 'not_found', 'This MQTT bridge does not exist, or it is not yours.');
  }
  return bridge;
}

/**
 * MQTT bridges: create (and start), list with status, read, delete (and stop).
 * @example app.route('/', mqttRoutes())
 */
export function mqttRoutes() {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(create, async (c) => {
    const user = requireUser(c.var.user);
    const { database } = c.var.deps;
    const body = c.req.valid('json');
    const table = await loadManagedTable(database.sql, user, body.tableId);
    assertBrokerUrl(body.brokerUrl);
    assertTopicFilter(body.topic);
    assertMapping(table, body.mapping);
    const [row] = await database.sql<Parameters<typeof bridgeFromRow>[0][]>`
      insert into mqtt_bridges (owner_id, broker_url, topic, data_table_id, mapping)
      values (${table.ownerId}, ${body.brokerUrl}, ${body.topic}, ${table.id}, ${JSON.stringify(body.mapping)}::json)
      returning *`;
    const bridge = bridgeFromRow(row);
    await bridgeManagerFor(database).start(bridge);
    return c.json(bridgeView(database, bridge), 201);
  });

  app.openapi(list, async (c) => {
    const user = requireUser(c.var.user);
    const { database } = c.var.deps;
    const bridges = await readBridges(database.sql, { ownerId: user.id });
    return c.json({ bridges: bridges.map((b) => bridgeView(database, b)) }, 200);
  });

  app.openapi(getOne, async (c) => {
    const user = requireUser(c.var.user);
    const { database } = c.var.deps;
    return c.json(
      bridgeView(database, await loadManagedBridge(database, user, c.req.valid('param').id)),
      200,
    );
  });

  app.openapi(remove, async (c) => {
    const user = requireUser(c.var.user);
    const { database } = c.var.deps;
    const bridge = await loadManagedBridge(database, user, c.req.valid('param').id);
    await database.sql`delete from mqtt_bridges where id = ${bridge.id}`;
    await bridgeManagerFor(database).stop(bridge.id);
    return c.body(null, 204);
  });

  return app;
}
