import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApp } from './app';
import { ArtifactStore } from './artifacts/artifact-store';
import type { ServerConfig } from './config';
import { connectionSettings } from './connections/connection-settings';
import { connectDatabase, migrateDatabase, type Database } from './db/database';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded-postgres';
import { EDITOR_DIST, ensureEditorBuilt } from './editor-build';
import { startMqttBridges, type MqttBridgeManager } from './ingest/mqtt-bridges';
import { seedBuiltins } from './seed/seed-builtins';
import { seedShippedBlueprints } from './seed/seed-shipped';
import { demoSettings, seedDemoTwin, startDemoSimulator, type DemoSettings } from './seed/demo-twin';
import type { PumpSimulator } from '../blueprints/predictive-maintenance/simulator/pump-simulator';
import { stopConnectionSyncs } from './sync/connection-sync';
import { startSync, stopSync } from './sync/sync-registry';

export interface RunningPlatform {
  url: string;
  database: Database;
  stop(): Promise<void>;
}

/**
 * Starts everything `npm start` runs: PostgreSQL (embedded unless DATABASE_URL is set), migrations, the seed
 * (built-in node types, idempotent), the editor build if needed, and the API plus the editor on one port.
 * @example const platform = await startPlatform(loadConfig()); console.log(platform.url)
 */
export async function startPlatform(
  config: ServerConfig,
  options: {
    log?: (line: string) => void;
    buildEditor?: boolean;
    /** Serve the web app from this build folder instead of dist/editor (end-to-end tests build their own). */
    editorDist?: string;
    /** Overrides the demo settings read from the environment (see demoSettings in seed/demo-twin.ts). */
    demo?: Partial<DemoSettings>;
  } = {},
): Promise<RunningPlatform> {
  const log = options.log ?? ((line: string) => console.log(line));
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dir: join(config.dataDir, 'postgres'), log });
    url = embedded.url;
    log(
      `embedded PostgreSQL running on 127.0.0.1:${embedded.port} (data in ${join(config.dataDir, 'postgres')})`,
    );
  }
  let database: Database | undefined;
  let server: Server | undefined;
  let bridges: MqttBridgeManager | undefined;
  let simulator: PumpSimulator | undefined;
  const stop = async () => {
    await simulator?.stop();
    if (database) await Promise.all([stopSync(database), stopConnectionSyncs(database)]);
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server?.closeAllConnections?.();
    await bridges?.stopAll();
    await database?.close();
    await embedded?.stop();
  };
  try {
    await migrateDatabase(url);
    database = connectDatabase(url);
    await seedBuiltins(database);
    const shipped = await seedShippedBlueprints(database, ArtifactStore.inDataDir(config.dataDir));
    if (shipped.published.length > 0) log(`published the shipped ${shipped.published.join(', ')}`);
    const demo = { ...demoSettings(process.env, { embedded: !!embedded }), ...options.demo };
    if (demo.enabled) {
      // The demo is a convenience: when it cannot start, the platform still runs, and says why.
      try {
        const twin = await seedDemoTwin(database);
        simulator = await startDemoSimulator(url, demo, log);
        log(
          `demo twin running on simulated pumps (${demo.stepsPerSecond} operating hour(s) per second): ${config.publicUrl}/twins/${twin.id}`,
        );
      } catch (error) {
        log(`the demo twin could not start: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    bridges = await startMqttBridges(database, log, connectionSettings(config.dataDir).secretKey);
    if (options.buildEditor !== false) await ensureEditorBuilt(log);
    const app = createApp({ config, database });
    // Stored shapes resume streaming, and the replication slot keeps being acknowledged, from boot on.
    await startSync({ config, database }, log);
    const editorDist = options.editorDist ?? EDITOR_DIST;
    const indexHtml = await readFile(join(editorDist, 'index.html'), 'utf8').catch(() => null);
    app.use('/assets/*', serveStatic({ root: editorDist }));
    app.get('*', async (c, next) => {
      if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/v1/')) return next();
      if (!indexHtml) return c.text('The web app is not built; run npm run build.', 503);
      return c.html(indexHtml);
    });
    server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
        resolve(s as Server),
      );
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    return { url: `http://localhost:${port}`, database, stop };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}
