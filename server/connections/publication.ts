import type postgres from 'postgres';
import type { ServerInfo } from './target-client';
import type { TableInfo } from './table-introspection';

/** The publication ProjectTwin keeps on a user's server for one connection, as it is now. */
export interface PublicationState {
  name: string;
  exists: boolean;
  /** The connected user owns it (so may change it). */
  isOwner: boolean;
  /** `schema.table` of each table in it, sorted. */
  tables: string[];
}

/**
 * The publication's name for a connection: `projecttwin_` and the first 12 hex digits of the connection id.
 * @example publicationName('3f2a9c1e-77b0-4c1d-9e2f-0a1b2c3d4e5f') // 'projecttwin_3f2a9c1e77b0'
 */
export function publicationName(connectionId: string): string {
  return `projecttwin_${connectionId.replaceAll('-', '').slice(0, 12).toLowerCase()}`;
}

/**
 * The replication slot ProjectTwin keeps on a user's server to stream one connection's tables.
 * @example connectionSlot('3f2a9c1e-77b0-4c1d-9e2f-0a1b2c3d4e5f') // 'projecttwin_sync_c_3f2a9c1e77b04c1d'
 */
export function connectionSlot(connectionId: string): string {
  return `projecttwin_sync_c_${connectionId.replaceAll('-', '').slice(0, 16).toLowerCase()}`;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const tableList = (tables: readonly TableInfo[]) =>
  tables.map((t) => `${quote(t.schema)}.${quote(t.table)}`).join(', ');

/**
 * Reads the publication called `name` on the user's server.
 * @example const state = await readPublication(sql, 'projecttwin_3f2a9c1e77b0')
 */
export async function readPublication(
  sql: postgres.Sql | postgres.TransactionSql,
  name: string,
): Promise<PublicationState> {
  // json rather than text[]: the client does not fetch array types from a server it does not know.
  const [row] = await sql<{ is_owner: boolean; tables: string[] }[]>`
    select pg_has_role(p.pubowner, 'USAGE') as is_owner,
      coalesce((select json_agg(pt.schemaname || '.' || pt.tablename)
                from pg_publication_tables pt where pt.pubname = p.pubname), '[]') as tables
    from pg_publication p where p.pubname = ${name}`;
  if (!row) return { name, exists: false, isOwner: false, tables: [] };
  return { name, exists: true, isOwner: row.is_owner, tables: [...row.tables].sort() };
}

/**
 * True when the publication already holds exactly these tables.
 * @example if (publishesExactly(await readPublication(sql, name), chosen)) return
 */
export function publishesExactly(state: PublicationState, tables: readonly TableInfo[]): boolean {
  const wanted = tables.map((t) => t.name).sort();
  return (
    state.exists && state.tables.length === wanted.length && state.tables.every((t, i) => t === wanted[i])
  );
}

/**
 * Creates the publication for these tables, or changes an existing one to hold exactly them, in one transaction
 * on the user's server. Nothing happens when it already holds exactly them (so a publication a superuser made for
 * ProjectTwin is adopted as it is). Returns the publication as it now is.
 * @example await savePublication(session.sql, session.server, 'projecttwin_3f2a9c1e77b0', chosen)
 */
export async function savePublication(
  sql: postgres.Sql,
  server: ServerInfo,
  name: string,
  tables: readonly TableInfo[],
): Promise<PublicationState> {
  return (await sql.begin(async (tx) => {
    const state = await readPublication(tx, name);
    if (publishesExactly(state, tables)) return state;
    if (state.exists) {
      await tx.unsafe(`alter publication ${quote(name)} set table ${tableList(tables)}`);
    } else {
      // Changes to a partitioned table are published under the table's own name, not its partitions'.
      const options = server.versionNum >= 130000 ? ' with (publish_via_partition_root = true)' : '';
      await tx.unsafe(`create publication ${quote(name)} for table ${tableList(tables)}${options}`);
    }
    return readPublication(tx, name);
  })) as PublicationState;
}

/**
 * Drops the publication when it exists.
 * @example await dropPublication(session.sql, 'projecttwin_3f2a9c1e77b0')
 */
export async function dropPublication(sql: postgres.Sql, name: string): Promise<void> {
  await sql.unsafe(`drop publication if exists ${quote(name)}`);
}
