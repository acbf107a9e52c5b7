import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../server/app';
import type { ServerConfig } from '../server/config';
import { connectDatabase, type Database } from '../server/db/database';
import { startEmbeddedPostgres } from '../server/db/embedded-postgres';
import { startSync, stopSync } from '../server/sync/sync-registry';

export const BENCH_SECRET = 'bench-sync-secret';

/** PostgreSQL (DATABASE_URL or an embedded one in a temp dir), the API with the built-in sync on a free port. */
export interface SyncBench {
  url: string;
  shapeUrl: string;
  database: Database;
  stop(): Promise<void>;
}

/**
 * Starts everything the sync benchmark needs; `stop()` removes it all again.
 * @example const bench = await startSyncBench(); ...; await bench.stop()
 */
export async function startSyncBench(tuning: Parameters<typeof startSync>[2] = {}): Promise<SyncBench> {
  const dir = mkdtempSync(join(tmpdir(), 'projecttwin-sync-bench-'));
  const embedded = process.env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dir: join(dir, 'postgres'), port: 56400 });
  const url = process.env.DATABASE_URL ?? embedded!.url;
  const database = connectDatabase(url, { max: 10 });
  const config: ServerConfig = {
    port: 0,
    host: '127.0.0.1',
    dataDir: join(dir, 'data'),
    maxBodyBytes: 1024 * 1024,
    maxArtifactBytes: 1024 * 1024,
    syncSecret: BENCH_SECRET,
    secureCookies: false,
    publicUrl: 'http://localhost',
  };
  const app = createApp({ config, database });
  await startSync({ config, database }, () => {}, tuning);
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url,
    shapeUrl: `http://127.0.0.1:${port}/v1/shape`,
    database,
    async stop() {
      await stopSync(database, 'always');
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
      await embedded?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Percentile of a list of numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
