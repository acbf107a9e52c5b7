import { and, eq } from 'drizzle-orm';
import { pointerOf } from '../../schemas/problems';
import type { Twin } from '../../schemas/twin/twin.types';
import { dataTables } from '../db/schema/index';
import { DATA_SCHEMA } from '../ingest/identifiers';
import type { Queryable } from '../registry/entry-views';

/** Schema of the shipped demo data, which any twin may read. */
export const DEMO_SCHEMA = 'demo';

/**
 * Whether a twin owned by `ownerId` may read a table of the built-in database: the demo data and the owner's own
 * ingested tables (schema `data`, registered in data_tables); never the platform's tables (users, sessions...).
 * @example await mayReadBuiltinTable(db, ownerId, 'data', 'pump_log') // true for the owner's upload
 */
export async function mayReadBuiltinTable(
  db: Queryable,
  ownerId: string,
  schema: string,
  table: string,
): Promise<boolean> {
  if (schema === DEMO_SCHEMA) return true;
  if (schema !== DATA_SCHEMA) return false;
  const owned = await db
    .select({ id: dataTables.id })
    .from(dataTables)
    .where(and(eq(dataTables.tableName, table), eq(dataTables.ownerId, ownerId)));
  return owned.length > 0;
}

/**
 * The bindings of a twin to the platform's own database (`connection: 'builtin'`) that name a table the twin's
 * owner may not read: only the demo tables and the owner's own uploaded tables are allowed, never the platform's
 * tables (users, sessions...) that share the database. The shape endpoint enforces the same rule when streaming.
 * @example const refused = await forbiddenBuiltinTables(tx, ownerId, twin.bindings)
 */
export async function forbiddenBuiltinTables(
  db: Queryable,
  ownerId: string,
  bindings: Twin['bindings'],
): Promise<{ code: string; message: string; pointer: string }[]> {
  const out: { code: string; message: string; pointer: string }[] = [];
  for (const [input, binding] of Object.entries(bindings)) {
    if (binding.kind !== 'table' || binding.connection !== 'builtin') continue;
    const [schema, table] = binding.table.includes('.')
      ? binding.table.split('.')
      : ['public', binding.table];
    if (await mayReadBuiltinTable(db, ownerId, schema, table)) continue;
    out.push({
      code: 'table_not_allowed',
      message: `The input "${input}" is bound to ${binding.table}, which twins may not read: on the platform's own database a twin reads the demo tables (schema ${DEMO_SCHEMA}) or tables its owner uploaded (schema ${DATA_SCHEMA}).`,
      pointer: pointerOf('bindings', input, 'table'),
    });
  }
  return out;
}
