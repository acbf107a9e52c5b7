import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env';
import { csvRoutes } from './csv-routes';
import { mqttRoutes } from './mqtt-routes';
import { tableRoutes } from './table-routes';

/**
 * Ingestion, everything landing in tables of schema `data`: CSV upload and import, HTTP JSON ingest of rows,
 * MQTT bridges, and the data tables themselves.
 * @example app.route('/', ingestRoutes())
 */
export function ingestRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  app.route('/', csvRoutes());
  app.route('/', tableRoutes());
  app.route('/', mqttRoutes());
  return app;
}
