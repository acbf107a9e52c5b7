import { failed, passed, sqlName, sqlTable, type Finding } from './findings';
import { publishesExactly, readPublication, type PublicationState } from './publication';
import { listTables, pickTables, type TableInfo } from './table-introspection';
import { connectToTarget, type ServerInfo, type Target } from './target-client';

const list = (tables: readonly TableInfo[]) => tables.map((t) => t.name).join(', ');
const forEach = (tables: readonly TableInfo[], sql: (t: TableInfo) => string) => tables.map(sql).join(' ');

/**
 * The checks about the server as a whole: a recent enough PostgreSQL, `wal_level = logical`, and a user allowed
 * to stream changes (REPLICATION or superuser).
 * @example const findings = serverFindings(session.server)
 */
export function serverFindings(server: ServerInfo): Finding[] {
  const findings: Finding[] = [];
  const user = sqlName(server.username);
  if (server.versionNum < 100000) {
    findings.push(
      failed(
        'server_version',
        `This server runs PostgreSQL ${server.version}; streaming changes needs PostgreSQL 10 or newer.`,
        'Upgrade PostgreSQL to a supported version (14 or newer is best).',
      ),
    );
  }
  findings.push(
    server.walLevel === 'logical'
      ? passed('wal_level', 'wal_level is "logical", so the server can stream its changes.')
      : failed(
          'wal_level',
          `wal_level is "${server.walLevel}", so the server cannot stream its changes: it needs to be "logical".`,
          'As a superuser run: ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL (a reload is not ' +
            'enough). On a managed service, turn logical replication on in its settings instead (on Amazon RDS: ' +
            'rds.logical_replication = 1 in the parameter group, then reboot).',
        ),
  );
  findings.push(
    server.superuser || server.replication
      ? passed(
          'replication',
          `"${server.username}" may stream changes (${server.superuser ? 'a superuser' : 'it has the REPLICATION attribute'}).`,
        )
      : failed(
          'replication',
          `"${server.username}" may not stream changes: it needs the REPLICATION attribute.`,
          `As a superuser run: ALTER ROLE ${user} WITH REPLICATION; (on Amazon RDS: GRANT rds_replication TO ${user};)`,
        ),
  );
  return findings;
}

/**
 * The checks about the chosen tables: each exists, has a primary key, can be read, and the user may put them in
 * the connection's publication (owner of the tables, or superuser; CREATE on the database for a new publication).
 * @example tableFindings(server, chosen, [], await readPublication(sql, name))
 */
export function tableFindings(
  server: ServerInfo,
  chosen: readonly TableInfo[],
  unknown: readonly string[],
  publication: PublicationState,
): Finding[] {
  const findings: Finding[] = [];
  const user = sqlName(server.username);
  if (unknown.length) {
    findings.push(
      failed(
        'tables_exist',
        `These tables do not exist in "${server.database}": ${unknown.join(', ')}.`,
        'Choose tables from the list of tables of this connection (names are written schema.table).',
        [...unknown],
      ),
    );
  }
  if (!chosen.length) return findings;

  const noKey = chosen.filter((t) => t.primaryKey.length === 0);
  findings.push(
    noKey.length === 0
      ? passed('primary_key', 'Every chosen table has a primary key.')
      : failed(
          'primary_key',
          `${noKey.length === 1 ? 'This table has' : 'These tables have'} no primary key, so changes to their rows cannot be told apart: ${list(noKey)}.`,
          'Give each one a primary key: a column (or set of columns) whose values are unique and never empty. ' +
            forEach(noKey, (t) => {
              const name = sqlTable(t.schema, t.table);
              const id = t.columns.find((c) => c.name === 'id');
              return id
                ? `ALTER TABLE ${name} ADD PRIMARY KEY (id);`
                : `ALTER TABLE ${name} ADD PRIMARY KEY (<column>); or, when no column is unique, ALTER TABLE ${name} ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;`;
            }),
          noKey.map((t) => t.name),
        ),
  );

  const unreadable = chosen.filter((t) => !t.canSelect);
  const schemas = [...new Set(unreadable.map((t) => t.schema))];
  findings.push(
    unreadable.length === 0
      ? passed('select_permission', `"${server.username}" may read every chosen table.`)
      : failed(
          'select_permission',
          `"${server.username}" may not read ${unreadable.length === 1 ? 'this table' : 'these tables'}: ${list(unreadable)}.`,
          `As the tables' owner or a superuser run: ${schemas.map((s) => `GRANT USAGE ON SCHEMA ${sqlName(s)} TO ${user};`).join(' ')} ` +
            forEach(unreadable, (t) => `GRANT SELECT ON ${sqlTable(t.schema, t.table)} TO ${user};`),
          unreadable.map((t) => t.name),
        ),
  );

  findings.push(publicationRights(server, chosen, publication));
  return findings;
}

function publicationRights(
  server: ServerInfo,
  chosen: readonly TableInfo[],
  publication: PublicationState,
): Finding {
  const who = `"${server.username}"`;
  if (publishesExactly(publication, chosen)) {
    return passed(
      'publication_rights',
      `The publication ${publication.name} already holds exactly these tables.`,
    );
  }
  if (server.superuser) {
    return passed('publication_rights', `${who} is a superuser, so it may publish these tables.`);
  }
  const notOwned = chosen.filter((t) => !t.isOwner);
  const user = sqlName(server.username);
  const problems: string[] = [];
  const fixes: string[] = [];
  if (notOwned.length) {
    problems.push(`only a table's owner may publish it, and ${who} does not own ${list(notOwned)}`);
    fixes.push(
      `Connect as the owner of these tables, or make ${who} their owner: ${forEach(notOwned, (t) => `ALTER TABLE ${sqlTable(t.schema, t.table)} OWNER TO ${user};`)}`,
    );
  }
  if (publication.exists && !publication.isOwner) {
    problems.push(`the publication ${publication.name} exists but belongs to another user`);
  } else if (!publication.exists && !server.canCreate) {
    problems.push(`creating a publication needs the CREATE right on the database "${server.database}"`);
    fixes.push(`Give ${who} that right: GRANT CREATE ON DATABASE ${sqlName(server.database)} TO ${user};`);
  }
  if (!problems.length) {
    return passed(
      'publication_rights',
      `${who} may put these tables in the publication ${publication.name}.`,
    );
  }
  const tables = chosen.map((t) => sqlTable(t.schema, t.table)).join(', ');
  const drop = publication.exists ? `DROP PUBLICATION ${publication.name}; ` : '';
  fixes.push(
    `${fixes.length ? 'Or ask' : 'Ask'} a superuser to run: ${drop}CREATE PUBLICATION ${publication.name} FOR TABLE ${tables}; then choose the same tables here again (ProjectTwin uses that publication as it is).`,
  );
  return failed(
    'publication_rights',
    `${who} may not publish the chosen tables: ${problems.join('; ')}.`,
    fixes.join(' '),
    chosen.map((t) => t.name),
  );
}

/**
 * Runs every check against the user's server: connect, then the server checks, then (when tables are chosen)
 * the table checks. Stops after `connect` when it fails, since nothing else can be known.
 * @example const findings = await runChecks(target, ['public.readings'], 'projecttwin_3f2a9c1e77b0')
 */
export async function runChecks(
  target: Target,
  tables: readonly string[],
  publication: string,
): Promise<Finding[]> {
  const attempt = await connectToTarget(target);
  if ('failure' in attempt) return [attempt.failure];
  const { session } = attempt;
  try {
    const findings = [session.connected, ...serverFindings(session.server)];
    if (tables.length) {
      const { found, unknown } = pickTables(await listTables(session.sql), tables);
      const state = await readPublication(session.sql, publication);
      findings.push(...tableFindings(session.server, found, unknown, state));
    }
    return findings;
  } finally {
    await session.close();
  }
}
