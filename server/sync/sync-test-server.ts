import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../app';
import { connectDatabase, type Database } from '../db/database';
import { testConfig } from '../test-support/test-app';
import { createTestDatabase } from '../test-support/test-database';
import { startSync, stopSync } from './sync-registry';
import type { SyncService } from './sync-service';

export const TEST_SECRET = 'test-sync-secret';

/** A running API server with the built-in sync, on a real port, for tests with the official client. */
export interface SyncTestServer {
  /** `http://127.0.0.1:<port>/v1/shape` */
  shapeUrl: string;
  port: number;
  database: Database;
  sync: SyncService;
  dataDir: string;
  /** Stops HTTP and the sync (keeping the slot and logs, as a server restart does). */
  stop(): Promise<void>;
  /** Starts HTTP and the sync again on the same port, data directory and database. */
  restart(): Promise<void>;
  /** Stops everything and removes the slot, the database and the data directory. */
  destroy(): Promise<void>;
}

const TUNING = { longPollMs: 3000, sseMs: 5000, keepAliveMs: 1000 };

/**
 * Starts `createApp` on a free port over a fresh test database, with short long-poll and SSE timeouts.
 * @example const t = await startSyncTestServer(); const stream = new ShapeStream({ url: t.shapeUrl, ... })
 */
export async function startSyncTestServer(
  options: { url?: string; tuning?: Partial<typeof TUNING> & { chunkBytes?: number } } = {},
): Promise<SyncTestServer> {
  const created = options.url ? null : await createTestDatabase();
  const url = options.url ?? created!.url;
  const dataDir = mkdtempSync(join(tmpdir(), 'projecttwin-sync-test-'));
  const config = testConfig(dataDir, {
    maxArtifactBytes: 1024 * 1024,
    syncSecret: TEST_SECRET,
    publicUrl: 'http://localhost',
  });
  const tuning = { ...TUNING, ...options.tuning };
  let database = created?.database ?? connectDatabase(url, { max: 5 });
  let server: Server | null = null;
  let sync: SyncService | null = null;
  let port = 0;
  const listen = async () => {
    const app = createApp({ config, database });
    sync = await startSync({ config, database }, () => {}, tuning);
    server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s as Server));
    });
    port = (server.address() as AddressInfo).port;
  };
  const stopHttp = async () => {
    if (!server) return;
    const s = server;
    server = null;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await listen();
  const handle: SyncTestServer = {
    get shapeUrl() {
      return `http://127.0.0.1:${port}/v1/shape`;
    },
    get port() {
      return port;
    },
    get database() {
      return database;
    },
    get sync() {
      return sync!;
    },
    dataDir,
    async stop() {
      await stopSync(database, 'never');
      await stopHttp();
    },
    async restart() {
      if (!created) database = connectDatabase(url, { max: 5 });
      await listen();
    },
    async destroy() {
      await stopSync(database, 'always').catch(() => {});
      if (sync && sync.state !== 'stopped') await sync.stop({ dropSlot: 'always' }).catch(() => {});
      await stopHttp();
      if (sync) await sync.stream.drop().catch(() => {});
      if (created) await created.drop();
      else await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}

/**
 * Waits until `check` passes (returns without throwing), retrying every 20 ms.
 * @example await eventually(() => expect(shape.currentRows).toHaveLength(3))
 */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
