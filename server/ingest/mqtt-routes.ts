import { randomUUID } from 'node:crypto';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, AuthUser } from '../app-env';
import { canManage, requireUser } from '../auth/authenticate';
import { connectionSettings } from '../connections/connection-settings';
import type { Database } from '../db/database';
import { ApiError } from '../http/api-error';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-common';
import { loadManagedTable } from './data-tables';
import {
  BridgeIdParams,
  BridgeListSchema,
  BridgePasswordSchema,
  BridgeSchema,
  NewBridgeSchema,
} from './ingest-schemas';
import {
  assertUserForPassword,
  brokerPasswordUnreadable,
  encryptBrokerPassword,
  maskedBrokerUrl,
  splitBrokerUrl,
} from './mqtt-broker-password';
import { assertBrokerUrl, assertMapping, assertTopicFilter } from './mqtt-mapping';
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

const setPassword = createRoute({
  method: 'patch',
  path: '/api/ingest/mqtt/{id}',
  tags,
  summary: 'Enter the broker password of an MQTT bridge again (or change it); restarts the bridge',
  description:
    "Needed when the bridge's status is `needs_password`: the server's secret key changed, so the saved " +
    'password can no longer be read. The password is stored encrypted and never shown. The broker address ' +
    'must name a user.',
  request: { params: BridgeIdParams, ...jsonBody(BridgePasswordSchema) },
  responses: {
    200: jsonResponse(BridgeSchema, 'The bridge and its status'),
    ...errorResponses(400, 401, 404, 413),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/api/ingest/mqtt/{id}',
  tags,
  summary: 'Stop and delete an MQTT bridge (its rows stay)',
  request: { params: BridgeIdParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 401, 404) },
});

type Vars = { var: AppEnv['Variables'] };
const secretKey = (c: Vars) => connectionSettings(c.var.deps.config.dataDir).secretKey;

function bridgeView(database: Database, bridge: BridgeRecord, key: Buffer) {
  return {
    id: bridge.id,
    brokerUrl: maskedBrokerUrl(bridge.brokerUrl, bridge.brokerPasswordEncrypted !== null),
    passwordNeedsReentry: brokerPasswordUnreadable(key, bridge),
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
 * MQTT bridges: create (and start), list with status, read, enter the broker password again, delete (and
 * stop). Broker passwords are kept encrypted with the data connections' secret key.
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
    const key = secretKey(c);
    const id = randomUUID();
    const { url, password } = splitBrokerUrl(body.brokerUrl);
    if (password !== null) assertUserForPassword(url);
    const encrypted = password === null ? null : encryptBrokerPassword(key, id, password);
    const [row] = await database.sql<Parameters<typeof bridgeFromRow>[0][]>`
      insert into mqtt_bridges (id, owner_id, broker_url, broker_password_encrypted, topic, data_table_id, mapping)
      values (${id}, ${table.ownerId}, ${url}, ${encrypted}, ${body.topic}, ${table.id},
              ${JSON.stringify(body.mapping)}::json)
      returning *`;
    const bridge = bridgeFromRow(row);
    await bridgeManagerFor(database).start(bridge, key);
    return c.json(bridgeView(database, bridge, key), 201);
  });

  app.openapi(list, async (c) => {
    const user = requireUser(c.var.user);
    const { database } = c.var.deps;
    const bridges = await readBridges(database.sql, { ownerId: user.id });
    const key = secretKey(c);
    return c.json({ bridges: bridges.map((b) => bridgeView(database, b, key)) }, 200);
  });

  app.openapi(getOne, async (c) => {
    const user = requireUser(c.var.user);
    const { database } = c.var.deps;
    const bridge = await loadManagedBridge(database, user, c.req.valid('param').id);
    return c.json(bridgeView(database, bridge, secretKey(c)), 200);
  });

  app.openapi(setPassword, async (c) => {
    const user = requireUser(c.var.user);
    const { database } = c.var.deps;
    const bridge = await loadManagedBridge(database, user, c.req.valid('param').id);
    assertUserForPassword(bridge.brokerUrl);
    const key = secretKey(c);
    const encrypted = encryptBrokerPassword(key, bridge.id, c.req.valid('json').password);
    const [row] = await database.sql<Parameters<typeof bridgeFromRow>[0][]>`
      update mqtt_bridges set broker_password_encrypted = ${encrypted} where id = ${bridge.id} returning *`;
    if (!row) throw new ApiError(404, 'not_found', 'This MQTT bridge does not exist, or it is not yours.');
    const updated = bridgeFromRow(row);
    const manager = bridgeManagerFor(database);
    await manager.stop(updated.id);
    if (updated.enabled) await manager.start(updated, key);
    return c.json(bridgeView(database, updated, key), 200);
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
