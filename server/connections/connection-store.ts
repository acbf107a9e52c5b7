import { desc, eq } from 'drizzle-orm';
import type { AuthUser } from '../app-env';
import { canManage, requireUser } from '../auth/authenticate';
import type { Db } from '../db/database';
import { connections, users } from '../db/schema/index';
import { ApiError } from '../http/api-error';
import type { Queryable } from '../registry/entry-views';
import { allPassed, type Finding } from './findings';
import { decryptSecret, UnreadableSecretError } from './password-cipher';

/** A connection row with its owner's name. */
export type ConnectionRecord = typeof connections.$inferSelect & { ownerName: string };

/** The last test's result, as stored in `last_check` and returned. */
export interface CheckReport {
  ok: boolean;
  checkedAt: string;
  findings: Finding[];
}

/** A connection as the API returns it: everything but the password. */
export interface ConnectionView {
  id: string;
  name: string;
  owner: { id: string; name: string };
  host: string;
  port: number;
  database: string;
  username: string;
  tlsMode: ConnectionRecord['tlsMode'];
  passwordNeedsReentry: boolean;
  publication: string | null;
  tables: string[];
  lastCheck: CheckReport | null;
  createdAt: string;
  updatedAt: string;
}

const columns = {
  id: connections.id,
  ownerId: connections.ownerId,
  name: connections.name,
  host: connections.host,
  port: connections.port,
  database: connections.database,
  username: connections.username,
  passwordEncrypted: connections.passwordEncrypted,
  tlsMode: connections.tlsMode,
  publication: connections.publication,
  tables: connections.tables,
  lastCheck: connections.lastCheck,
  lastCheckedAt: connections.lastCheckedAt,
  createdAt: connections.createdAt,
  updatedAt: connections.updatedAt,
  ownerName: users.name,
};

/**
 * A check report from findings, stamped now.
 * @example const report = checkReport(findings)
 */
export function checkReport(findings: Finding[], at = new Date()): CheckReport {
  return { ok: allPassed(findings), checkedAt: at.toISOString(), findings };
}

/**
 * The error for a connection that does not exist or is someone else's (connections are always private).
 * @example if (!row) throw connectionNotFound()
 */
export function connectionNotFound(): ApiError {
  return new ApiError(
    404,
    'connection_not_found',
    'There is no data connection with this id, or it is not yours.',
  );
}

/**
 * The connection `id` if the caller may see and change it (its owner or an administrator): 401 when not logged
 * in, 404 otherwise, so that someone else's connection looks like no connection at all.
 * @example const connection = await findOwnedConnection(db, c.var.user, id)
 */
export async function findOwnedConnection(
  db: Queryable,
  user: AuthUser | null,
  id: string,
): Promise<ConnectionRecord> {
  const caller = requireUser(user);
  const [row] = await db
    .select(columns)
    .from(connections)
    .innerJoin(users, eq(users.id, connections.ownerId))
    .where(eq(connections.id, id));
  if (!row || !canManage(caller, row.ownerId)) throw connectionNotFound();
  return row;
}

/**
 * The caller's own connections, latest change first.
 * @example const mine = await listMyConnections(db, user)
 */
export async function listMyConnections(db: Db, user: AuthUser): Promise<ConnectionRecord[]> {
  return db
    .select(columns)
    .from(connections)
    .innerJoin(users, eq(users.id, connections.ownerId))
    .where(eq(connections.ownerId, user.id))
    .orderBy(desc(connections.updatedAt), desc(connections.id));
}

/**
 * The error for a stored password that cannot be decrypted any more (the secret key changed).
 * @example throw passwordUnreadable()
 */
export function passwordUnreadable(): ApiError {
  return new ApiError(
    409,
    'password_unreadable',
    "The saved password of this connection can no longer be read, because the server's secret key has " +
      'changed. Enter the password again (edit the connection and type it in); nothing else is lost.',
  );
}

/**
 * The stored password in clear, or a 409 `password_unreadable` when the key has changed.
 * @example const password = storedPassword(key, connection)
 */
export function storedPassword(key: Buffer, row: Pick<ConnectionRecord, 'id' | 'passwordEncrypted'>): string {
  try {
    return decryptSecret(key, row.passwordEncrypted, row.id);
  } catch (error) {
    if (error instanceof UnreadableSecretError) throw passwordUnreadable();
    throw error;
  }
}

/**
 * The API view of a connection: never the password, only whether it needs to be entered again.
 * @example return c.json(connectionView(row, key), 200)
 */
export function connectionView(row: ConnectionRecord, key: Buffer): ConnectionView {
  let passwordNeedsReentry = false;
  try {
    decryptSecret(key, row.passwordEncrypted, row.id);
  } catch {
    passwordNeedsReentry = true;
  }
  return {
    id: row.id,
    name: row.name,
    owner: { id: row.ownerId, name: row.ownerName },
    host: row.host,
    port: row.port,
    database: row.database,
    username: row.username,
    tlsMode: row.tlsMode,
    passwordNeedsReentry,
    publication: row.publication,
    tables: row.tables,
    lastCheck: (row.lastCheck as CheckReport | null) ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Reloads a connection after a change and returns its view.
 * @example return reloadView(db, caller, id, key)
 */
export async function reloadView(db: Db, user: AuthUser, id: string, key: Buffer): Promise<ConnectionView> {
  return connectionView(await findOwnedConnection(db, user, id), key);
}
