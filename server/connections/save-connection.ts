import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AuthUser } from '../app-env';
import { requireUser } from '../auth/authenticate';
import type { Db } from '../db/database';
import { connections } from '../db/schema/index';
import { ApiError } from '../http/api-error';
import { runChecks } from './connection-checks';
import type { ConnectionSettings } from './connection-settings';
import {
  checkReport,
  findOwnedConnection,
  reloadView,
  storedPassword,
  type ConnectionRecord,
  type ConnectionView,
} from './connection-store';
import type { Finding } from './findings';
import { encryptSecret } from './password-cipher';
import { connectionSlot, dropPublication, publicationName } from './publication';
import { approveTarget, cleanHost, connectionFailed, openSession, type TargetParams } from './reach-target';
import type { TlsMode } from './target-client';

/** What a user enters to register a connection. */
export interface NewConnection {
  name: string;
  host: string;
  port: number;
  database: string;
  username: string;
  password: string;
  tlsMode: TlsMode;
}

/** What may change; each given field replaces the stored one. */
export type ConnectionChanges = Partial<NewConnection>;

/** Runs the checks on where a connection points (after the allowlist); a 422 when it cannot connect at all. */
async function testBeforeSaving(
  settings: ConnectionSettings,
  params: TargetParams,
  tables: string[],
  publication: string,
): Promise<Finding[]> {
  const reach = await approveTarget(settings.hosts, params);
  if ('failure' in reach) throw connectionFailed(reach.failure, true);
  const findings = await runChecks(reach.target, tables, publication);
  if (!findings[0].ok) {
    throw new ApiError(422, 'connection_failed', `${findings[0].message} Nothing was saved.`, { findings });
  }
  return findings;
}

/**
 * Registers a connection to the user's own PostgreSQL: the host must be allowed, and the server must accept the
 * connection; only then is it stored, with its password encrypted and the checks' findings as its last check.
 * @example const view = await createConnection(db, settings, user, { name: 'Plant', host: 'db', port: 5432, ... })
 */
export async function createConnection(
  db: Db,
  settings: ConnectionSettings,
  user: AuthUser | null,
  input: NewConnection,
): Promise<ConnectionView> {
  const caller = requireUser(user);
  const params: TargetParams = { ...input, host: cleanHost(input.host) };
  const id = randomUUID();
  const findings = await testBeforeSaving(settings, params, [], publicationName(id));
  const report = checkReport(findings);
  await db.insert(connections).values({
    id,
    ownerId: caller.id,
    name: input.name,
    host: params.host,
    port: params.port,
    database: params.database,
    username: params.username,
    passwordEncrypted: encryptSecret(settings.secretKey, input.password, id),
    tlsMode: params.tlsMode,
    lastCheck: report,
    lastCheckedAt: new Date(report.checkedAt),
  });
  return reloadView(db, caller, id, settings.secretKey);
}

/**
 * Changes a connection (owner or administrator). A new name alone is saved at once; any other change is tested
 * first (with the stored password unless a new one is given) and saved only if the server accepts it.
 * @example await updateConnection(db, settings, user, id, { tlsMode: 'verify-full' })
 */
export async function updateConnection(
  db: Db,
  settings: ConnectionSettings,
  user: AuthUser | null,
  id: string,
  changes: ConnectionChanges,
): Promise<ConnectionView> {
  const current = await findOwnedConnection(db, user, id);
  const caller = requireUser(user);
  const given = Object.keys(changes).filter((k) => changes[k as keyof ConnectionChanges] !== undefined);
  if (given.length === 0) {
    throw new ApiError(
      400,
      'invalid_request',
      'There is nothing to change: send at least one of name, host, port, database, username, password or tlsMode.',
    );
  }
  const now = new Date();
  if (given.every((k) => k === 'name')) {
    await db.update(connections).set({ name: changes.name, updatedAt: now }).where(eq(connections.id, id));
    return reloadView(db, caller, id, settings.secretKey);
  }
  const params: TargetParams = {
    host: cleanHost(changes.host ?? current.host),
    port: changes.port ?? current.port,
    database: changes.database ?? current.database,
    username: changes.username ?? current.username,
    tlsMode: changes.tlsMode ?? current.tlsMode,
    password: changes.password ?? storedPassword(settings.secretKey, current),
  };
  const findings = await testBeforeSaving(
    settings,
    params,
    current.tables,
    current.publication ?? publicationName(id),
  );
  const report = checkReport(findings, now);
  await db
    .update(connections)
    .set({
      name: changes.name ?? current.name,
      host: params.host,
      port: params.port,
      database: params.database,
      username: params.username,
      tlsMode: params.tlsMode,
      passwordEncrypted:
        changes.password === undefined
          ? current.passwordEncrypted
          : encryptSecret(settings.secretKey, changes.password, id),
      lastCheck: report,
      lastCheckedAt: now,
      updatedAt: now,
    })
    .where(eq(connections.id, id));
  return reloadView(db, caller, id, settings.secretKey);
}

/** What became of a deleted connection's publication on the user's server. */
export interface PublicationCleanup {
  name: string;
  dropped: boolean;
  message: string;
}

async function dropOnTarget(
  settings: ConnectionSettings,
  row: ConnectionRecord,
  name: string,
): Promise<PublicationCleanup> {
  const yourself = `Remove it yourself when convenient: DROP PUBLICATION ${name};`;
  try {
    const password = storedPassword(settings.secretKey, row);
    const session = await openSession(settings.hosts, { ...row, password });
    try {
      await dropPublication(session.sql, name);
      // The slot that streamed its tables, if no sync is using it (a running one is stopped first).
      await session.sql`
        select pg_drop_replication_slot(slot_name) from pg_replication_slots
        where slot_name = ${connectionSlot(row.id)} and active_pid is null`;
    } finally {
      await session.close();
    }
    return { name, dropped: true, message: `The publication ${name} was removed from ${row.host}.` };
  } catch (error) {
    const why =
      error instanceof ApiError
        ? error.message
        : `the server answered "${error instanceof Error ? error.message : String(error)}".`;
    return {
      name,
      dropped: false,
      message: `The publication ${name} could not be removed from ${row.host}: ${why} ${yourself}`,
    };
  }
}

/**
 * Deletes a connection (owner or administrator), then removes its publication from the user's server when it
 * can; when it cannot, the result says so and how to remove it by hand.
 * @example const { publication } = await deleteConnection(db, settings, user, id)
 */
export async function deleteConnection(
  db: Db,
  settings: ConnectionSettings,
  user: AuthUser | null,
  id: string,
): Promise<{ deleted: true; publication: PublicationCleanup | null }> {
  const current = await findOwnedConnection(db, user, id);
  await db.delete(connections).where(eq(connections.id, id));
  if (!current.publication) return { deleted: true, publication: null };
  return { deleted: true, publication: await dropOnTarget(settings, current, current.publication) };
}
