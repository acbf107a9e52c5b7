import { eq } from 'drizzle-orm';
import type { AuthUser } from '../app-env';
import type { Db } from '../db/database';
import { connections } from '../db/schema/index';
import { ApiError } from '../http/api-error';
import { runChecks, serverFindings, tableFindings } from './connection-checks';
import type { ConnectionSettings } from './connection-settings';
import {
  checkReport,
  findOwnedConnection,
  storedPassword,
  type CheckReport,
  type ConnectionRecord,
} from './connection-store';
import { allPassed, type Finding } from './findings';
import { publicationName, readPublication, savePublication } from './publication';
import { approveTarget, openSession } from './reach-target';
import { listTables, pickTables, type TableInfo } from './table-introspection';
import type { ServerInfo, TargetSession } from './target-client';

/**
 * What it takes to reach a stored connection: its address and the decrypted password.
 * @example const reach = await approveTarget(settings.hosts, paramsOf(settings, row))
 */
export const paramsOf = (
  settings: ConnectionSettings,
  row: Pick<
    ConnectionRecord,
    'id' | 'host' | 'port' | 'database' | 'username' | 'tlsMode' | 'passwordEncrypted'
  >,
) => ({
  host: row.host,
  port: row.port,
  database: row.database,
  username: row.username,
  tlsMode: row.tlsMode,
  password: storedPassword(settings.secretKey, row),
});

async function withSession<T>(
  settings: ConnectionSettings,
  row: ConnectionRecord,
  fn: (session: TargetSession) => Promise<T>,
): Promise<T> {
  const session = await openSession(settings.hosts, paramsOf(settings, row));
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}

async function saveReport(db: Db, id: string, report: CheckReport, changes: Partial<ConnectionRecord> = {}) {
  await db
    .update(connections)
    .set({ ...changes, lastCheck: report, lastCheckedAt: new Date(report.checkedAt) })
    .where(eq(connections.id, id));
}

/**
 * Runs the checks again on a stored connection (owner or administrator) and keeps the result as its last check.
 * A server that cannot be reached is a finding here, not an error.
 * @example const report = await testConnection(db, settings, user, id)
 */
export async function testConnection(
  db: Db,
  settings: ConnectionSettings,
  user: AuthUser | null,
  id: string,
): Promise<CheckReport> {
  const row = await findOwnedConnection(db, user, id);
  const reach = await approveTarget(settings.hosts, paramsOf(settings, row));
  const findings =
    'failure' in reach
      ? [reach.failure]
      : await runChecks(reach.target, row.tables, row.publication ?? publicationName(row.id));
  const report = checkReport(findings);
  await saveReport(db, id, report);
  return report;
}

/** A table of the user's server as the tables route returns it. */
export type TableView = TableInfo & { published: boolean; streamable: boolean; problems: string[] };

function tableProblems(server: ServerInfo, table: TableInfo, published: boolean): string[] {
  const problems: string[] = [];
  if (!table.primaryKey.length)
    problems.push('It has no primary key, so changes to its rows cannot be told apart.');
  if (!table.canSelect) problems.push(`"${server.username}" may not read it (no SELECT permission).`);
  if (table.replicaIdentity === 'nothing') {
    problems.push('Its replica identity is NOTHING, so updates and deletes are not streamed.');
  }
  if (!published && !server.superuser && !table.isOwner) {
    problems.push(`"${server.username}" does not own it, so cannot add it to a publication.`);
  }
  return problems;
}

/**
 * The tables of the user's database with their columns (PostgreSQL and blueprint types), primary keys, and
 * whether each can be streamed; plus the server-wide findings (wal_level, replication).
 * @example const { tables, serverReady } = await connectionTables(db, settings, user, id)
 */
export async function connectionTables(
  db: Db,
  settings: ConnectionSettings,
  user: AuthUser | null,
  id: string,
): Promise<{ tables: TableView[]; serverReady: boolean; findings: Finding[] }> {
  const row = await findOwnedConnection(db, user, id);
  return withSession(settings, row, async (session) => {
    const published = new Set(row.tables);
    const server = serverFindings(session.server);
    const tables = (await listTables(session.sql)).map((table) => {
      const isPublished = published.has(table.name);
      const problems = tableProblems(session.server, table, isPublished);
      return { ...table, published: isPublished, streamable: problems.length === 0, problems };
    });
    return { tables, serverReady: allPassed(server), findings: [session.connected, ...server] };
  });
}

/**
 * Creates or updates the connection's publication (`projecttwin_<short id>`) on the user's server so that it
 * holds exactly the chosen tables. Every table check must pass first (422 with the findings otherwise, and
 * nothing changes on either side); server-wide problems such as wal_level are reported but do not block it.
 * @example await publishTables(db, settings, user, id, ['public.readings'])
 */
export async function publishTables(
  db: Db,
  settings: ConnectionSettings,
  user: AuthUser | null,
  id: string,
  names: string[],
): Promise<{ publication: string; tables: string[]; findings: Finding[] }> {
  const row = await findOwnedConnection(db, user, id);
  const name = row.publication ?? publicationName(row.id);
  const { findings, tables } = await withSession(settings, row, async (session) => {
    const { found, unknown } = pickTables(await listTables(session.sql), names);
    const state = await readPublication(session.sql, name);
    const checks = tableFindings(session.server, found, unknown, state);
    const findings = [session.connected, ...serverFindings(session.server), ...checks];
    if (unknown.length) {
      throw new ApiError(422, 'unknown_tables', `${checks[0].message} Nothing was changed.`, { findings });
    }
    const failing = checks.filter((f) => !f.ok);
    if (failing.length) {
      throw new ApiError(
        422,
        'tables_not_ready',
        `These tables cannot be streamed yet: ${failing.map((f) => f.message).join(' ')} Nothing was changed; each finding says how to fix it.`,
        { findings },
      );
    }
    try {
      return { findings, tables: (await savePublication(session.sql, session.server, name, found)).tables };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new ApiError(
        422,
        'publication_failed',
        `The server refused to create the publication ${name}: ${message}.`,
        { findings },
      );
    }
  });
  await saveReport(db, id, checkReport(findings), { publication: name, tables, updatedAt: new Date() });
  return { publication: name, tables, findings };
}
