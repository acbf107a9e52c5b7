import type postgres from 'postgres';
import type { ShapeDefinition } from './shape-definition';
import type { ColumnInfo } from './table-catalog';
import type { ShapeLog } from './shape-log';
import { compileWhere, quoteIdent } from './where-sql';

/** The display settings every value is printed with (the Electric protocol's; the replication connection's too). */
export const DISPLAY_SETTINGS: Record<string, string> = {
  DateStyle: 'ISO, DMY',
  TimeZone: 'UTC',
  IntervalStyle: 'iso_8601',
  extra_float_digits: '1',
  bytea_output: 'hex',
};

/** Which transactions a snapshot saw, so changes already in it are not applied twice (pg_current_snapshot). */
export interface SnapshotVisibility {
  xmin: number;
  xmax: number;
  xip: number[];
}

/** `a` comes before `b` in 32-bit transaction id order (as pgoutput sends xids, modulo wraparound). */
function precedes(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

/**
 * Whether a transaction's changes are already in the snapshot.
 * @example isVisible(100, { xmin: 101, xmax: 105, xip: [] }) // true
 */
export function isVisible(xid: number, snapshot: SnapshotVisibility): boolean {
  if (precedes(xid, snapshot.xmin)) return true;
  if (!precedes(xid, snapshot.xmax)) return false;
  return !snapshot.xip.includes(xid);
}

/** Kinds whose text form (with DISPLAY_SETTINGS) never needs escaping in JSON nor in a key: digits, signs, ISO dates. */
const PLAIN_KINDS = new Set(['int', 'float', 'numeric', 'bool', 'uuid', 'date', 'timestamp', 'timestamptz']);

/**
 * The snapshot query: Postgres builds each row's message JSON itself (values printed as text, keys as Electric
 * builds them), so rows go from the database to the log file without being parsed. Values of plain kinds are
 * quoted without `to_json` (their text needs no escaping), which halves the database's work for typical tables.
 * Every where value is bound.
 * @example const { text, params } = snapshotQuery(definition)
 */
export function snapshotQuery(definition: ShapeDefinition): { text: string; params: (string | null)[] } {
  const { table, columns } = definition;
  const literal = (json: string) => `'${json.replace(/'/g, "''")}'`;
  const asText = (name: string, bpchar: boolean) =>
    bpchar ? `concat(${quoteIdent(name)}, '')` : `${quoteIdent(name)}::text`;
  const plain = (c: ColumnInfo) => c.dims === 0 && PLAIN_KINDS.has(c.kind);
  const keyPrefix = `${quoteIdent(table.schema)}.${quoteIdent(table.name)}/`;
  const pkColumns = table.primaryKey.map((name) => table.columns.find((c) => c.name === name)!);
  let key: string;
  if (pkColumns.every(plain)) {
    // "\"schema\".\"table\"/\"1\"" built directly: the key's text needs no escaping either.
    const quote = literal('\\"');
    const parts = pkColumns.map((c) => `coalesce(${quote} || ${quoteIdent(c.name)}::text || ${quote}, '_')`);
    key = `${literal(JSON.stringify(keyPrefix).slice(0, -1))} || ${parts.join(" || '/' || ")} || '"'`;
  } else {
    const keyParts = pkColumns.map(
      (c) => `coalesce('"' || replace(${asText(c.name, c.isBpchar)}, '/', '//') || '"', '_')`,
    );
    key = `to_json(${literal(keyPrefix)} || ${keyParts.join(" || '/' || ")})::text`;
  }
  const values = columns
    .map((c, i) => {
      const name = literal(`${i > 0 ? ',' : ''}${JSON.stringify(c.name)}:`);
      const value = plain(c)
        ? `'"' || ${quoteIdent(c.name)}::text || '"'`
        : `to_json(${asText(c.name, c.isBpchar)})::text`;
      return `${name} || coalesce(${value}, 'null')`;
    })
    .join(' || ');
  const head = literal('{"headers":{"operation":"insert"},"key":');
  const where = definition.where ? compileWhere(definition.where) : null;
  const text =
    `select ${head} || ${key} || ',"value":{' || ${columns.length > 0 ? values : "''"} || '}},' ` +
    `from ${quoteIdent(table.schema)}.${quoteIdent(table.name)}${where ? ` where ${where.sql}` : ''}`;
  return { text, params: where?.params ?? [] };
}

/**
 * Runs a shape's initial query in a REPEATABLE READ transaction and writes its rows to the log as chunks
 * (`0_1`, `0_2`, ...), each readable as soon as it is written. `onVisibility` receives the snapshot's
 * transaction bounds before any row is read.
 * @example await writeSnapshot(sql, definition, log, (v) => (shape.visibility = v))
 */
export async function writeSnapshot(
  sql: postgres.Sql,
  definition: ShapeDefinition,
  log: ShapeLog,
  onVisibility: (visibility: SnapshotVisibility) => void,
): Promise<number> {
  const connection = await sql.reserve();
  let rows = 0;
  try {
    await connection.unsafe('begin isolation level repeatable read read only');
    for (const [name, value] of Object.entries(DISPLAY_SETTINGS))
      await connection.unsafe(`select set_config($1, $2, true)`, [name, value]);
    const [current] = await connection.unsafe<{ snapshot: string }[]>(
      'select pg_current_snapshot()::text as snapshot',
    );
    const [xmin, xmax, xip] = current.snapshot.split(':');
    const low32 = (x: string) => Number(BigInt(x) & 0xffffffffn);
    onVisibility({ xmin: low32(xmin), xmax: low32(xmax), xip: xip ? xip.split(',').map(low32) : [] });
    if (definition.params.log === 'full') {
      const query = snapshotQuery(definition);
      let parts: Buffer[] = [];
      let bytes = 0;
      let first = 1;
      let written: Promise<unknown> = Promise.resolve();
      const newline = Buffer.from('\n');
      // Chunks are written in order by the file; each becomes readable once written.
      const writeChunk = () => {
        const data = Buffer.concat(parts, bytes);
        const [from, to] = [first, rows];
        written = log.file
          .appendNow(data)
          .then((position) =>
            log.addWrittenChunk({ tx: 0, op: from }, { tx: 0, op: to }, position, data.length),
          );
        parts = [];
        bytes = 0;
        first = rows + 1;
      };
      await connection
        .unsafe(query.text, query.params as string[])
        .raw()
        .cursor(2000, (batch) => {
          for (const [line] of batch as unknown as Buffer[][]) {
            parts.push(line, newline);
            bytes += line.length + 1;
            rows++;
            if (bytes >= log.chunkBytes) writeChunk();
          }
        });
      if (bytes > 0) writeChunk();
      await written;
    }
    await connection.unsafe('commit');
  } catch (error) {
    await connection.unsafe('rollback').catch(() => {});
    throw error;
  } finally {
    connection.release();
  }
  await log.file.flush(true);
  log.finishSnapshot();
  return rows;
}
