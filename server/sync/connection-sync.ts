import { and, eq } from 'drizzle-orm';
import type { ClientConfig } from 'pg';
import type postgres from 'postgres';
import type { AppDeps } from '../app-env';
import type { Database } from '../db/database';
import { connections } from '../db/schema/index';
import { ApiError } from '../http/api-error';
import { isUuid } from '../http/uuid';
import { paramsOf } from '../connections/connection-actions';
import { connectionSettings } from '../connections/connection-settings';
import { connectionSlot, publicationName } from '../connections/publication';
import { approveTarget } from '../connections/reach-target';
import { openTarget, type Target } from '../connections/target-client';
import { SyncService } from './sync-service';

/** A running sync of one user database connection, with its client to that database. */
export interface ConnectionSync {
  sync: SyncService;
  sql: postgres.Sql;
}

export type ConnectionRow = typeof connections.$inferSelect;

const running = new WeakMap<Database, Map<string, Promise<ConnectionSync>>>();

function syncsOf(database: Database): Map<string, Promise<ConnectionSync>> {
  let map = running.get(database);
  if (!map) running.set(database, (map = new Map()));
  return map;
}

function replicationConfig(target: Target): ClientConfig {
  const ssl =
    target.tlsMode === 'disable'
      ? false
      : target.tlsMode === 'require'
        ? { rejectUnauthorized: false }
        : { rejectUnauthorized: true, servername: target.host };
  return {
    host: target.address,
    port: target.port,
    user: target.username,
    password: target.password,
    database: target.database,
    ssl,
    connectionTimeoutMillis: 10_000,
  };
}

/**
 * The connection `id` if it belongs to `ownerId` (the twin's owner); a plain 404 otherwise.
 * @example const row = await ownersConnection(deps, twin.ownerId, binding.connection)
 */
export async function ownersConnection(deps: AppDeps, ownerId: string, id: string): Promise<ConnectionRow> {
  const [row] = isUuid(id)
    ? await deps.database.db
        .select()
        .from(connections)
        .where(and(eq(connections.id, id), eq(connections.ownerId, ownerId)))
    : [];
  if (!row)
    throw new ApiError(
      404,
      'connection_not_found',
      "The data connection this input reads from no longer exists. The twin's owner should bind the input again.",
    );
  return row;
}

async function startConnectionSync(deps: AppDeps, row: ConnectionRow): Promise<ConnectionSync> {
  const settings = connectionSettings(deps.config.dataDir);
  const reach = await approveTarget(settings.hosts, paramsOf(settings, row));
  if ('failure' in reach)
    throw new ApiError(
      502,
      'connection_unreachable',
      `${reach.failure.message} Nothing can be streamed until then.`,
    );
  const sql = openTarget(reach.target, 10, { max: 4, statementTimeoutMs: 0 });
  const sync = new SyncService({
    sql,
    connection: replicationConfig(reach.target),
    dataDir: deps.config.dataDir,
    slot: connectionSlot(row.id),
    publication: { name: row.publication ?? publicationName(row.id), managed: false },
    log: (line) => console.log(`${line} [connection ${row.name}]`),
  });
  try {
    await sync.start();
  } catch (error) {
    await sync.stop({ dropSlot: 'never' }).catch(() => {});
    await sql.end({ timeout: 1 });
    throw error;
  }
  return { sync, sql };
}

/**
 * The sync of a user's database connection, started on first use: it streams the tables of the connection's
 * publication through a slot of its own on the user's server.
 * @example const { sync, sql } = await connectionSyncFor(deps, row)
 */
export function connectionSyncFor(deps: AppDeps, row: ConnectionRow): Promise<ConnectionSync> {
  const syncs = syncsOf(deps.database);
  let started = syncs.get(row.id);
  if (!started) {
    started = startConnectionSync(deps, row);
    started.catch(() => syncs.delete(row.id));
    syncs.set(row.id, started);
  }
  return started;
}

/**
 * Stops the sync of one connection, if it runs. `always` also drops its slot (the connection was deleted);
 * `never` keeps it, so clients resume where they were once it starts again (its settings changed).
 * @example await stopConnectionSync(database, id, 'always')
 */
export async function stopConnectionSync(
  database: Database,
  connectionId: string,
  dropSlot: 'never' | 'if-unused' | 'always',
): Promise<void> {
  const syncs = syncsOf(database);
  const started = syncs.get(connectionId);
  if (!started) return;
  syncs.delete(connectionId);
  const running = await started.catch(() => null);
  if (!running) return;
  await running.sync.stop({ dropSlot }).catch((error: Error) => {
    console.log(`sync: could not stop the sync of connection ${connectionId}: ${error.message}`);
  });
  await running.sql.end({ timeout: 2 });
}

/**
 * Stops every connection sync of a database (at shutdown), keeping their slots when shapes exist.
 * @example await stopConnectionSyncs(database)
 */
export async function stopConnectionSyncs(database: Database): Promise<void> {
  await Promise.all([...syncsOf(database).keys()].map((id) => stopConnectionSync(database, id, 'if-unused')));
}
