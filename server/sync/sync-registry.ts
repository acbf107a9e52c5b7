import type { AppDeps } from '../app-env';
import type { Database } from '../db/database';
import { ShapeRequestError } from './shape-request-error';
import { SyncService, type SyncOptions } from './sync-service';

const services = new WeakMap<Database, Promise<SyncService>>();
/** Databases whose sync was stopped: requests get 503 instead of starting it again during shutdown. */
const stopped = new WeakSet<Database>();

/**
 * The sync service of the app's database, started on first use (the platform starts it at boot with
 * {@link startSync}, so that stored shapes resume streaming before anyone asks).
 * @example const sync = await syncServiceFor(c.get('deps'))
 */
export function syncServiceFor(
  deps: AppDeps,
  log?: (line: string) => void,
  tuning: Pick<SyncOptions, 'chunkBytes' | 'longPollMs' | 'sseMs' | 'keepAliveMs'> = {},
): Promise<SyncService> {
  let service = services.get(deps.database);
  if (!service && stopped.has(deps.database))
    return Promise.reject(new ShapeRequestError('The sync is stopped; retry shortly.', 503, 'sync_stopped'));
  if (!service) {
    const options = deps.database.sql.options;
    const pass = options.pass;
    const sync = new SyncService({
      sql: deps.database.sql,
      connection: {
        host: options.host[0],
        port: options.port[0],
        user: options.user,
        password: typeof pass === 'string' ? pass : undefined,
        database: options.database,
      },
      dataDir: deps.config.dataDir,
      log: log ?? ((line) => console.log(line)),
      ...tuning,
    });
    service = sync.start().then(() => sync);
    service.catch(() => services.delete(deps.database));
    services.set(deps.database, service);
  }
  return service;
}

/**
 * Starts the sync of the platform database (idempotent).
 * @example await startSync({ config, database })
 */
export async function startSync(
  deps: AppDeps,
  log?: (line: string) => void,
  tuning: Pick<SyncOptions, 'chunkBytes' | 'longPollMs' | 'sseMs' | 'keepAliveMs'> = {},
): Promise<SyncService> {
  stopped.delete(deps.database);
  return syncServiceFor(deps, log, tuning);
}

/**
 * Stops the sync of a database, if it runs. Its slot is dropped only when no shape exists (see SyncService.stop).
 * @example await stopSync(database)
 */
export async function stopSync(
  database: Database,
  dropSlot: 'never' | 'if-unused' | 'always' = 'if-unused',
): Promise<void> {
  stopped.add(database);
  const service = services.get(database);
  if (!service) return;
  services.delete(database);
  const sync = await service.catch(() => null);
  await sync?.stop({ dropSlot });
}
