import { and, eq, sql } from 'drizzle-orm';
import { registryEntries, registryVersions } from '../db/schema/index';
import type { Queryable } from '../registry/entry-views';

/** A published blueprint version as a twin uses it. */
export interface BlueprintVersionRow {
  entryId: string;
  versionId: string;
  /** The published (compiled, locked) blueprint document. */
  document: unknown;
}

/**
 * One exact published version of a blueprint, or undefined when the registry has no such name and version.
 * @example const found = await findBlueprintVersion(tx, 'pump-fleet-monitor', '1.0.0')
 */
export async function findBlueprintVersion(
  db: Queryable,
  name: string,
  version: string,
): Promise<BlueprintVersionRow | undefined> {
  const [row] = await db
    .select({
      entryId: registryEntries.id,
      versionId: registryVersions.id,
      document: registryVersions.document,
    })
    .from(registryVersions)
    .innerJoin(registryEntries, eq(registryEntries.id, registryVersions.entryId))
    .where(
      and(
        eq(registryEntries.kind, 'blueprint'),
        eq(registryEntries.name, name),
        eq(registryVersions.version, version),
      ),
    );
  return row;
}

/**
 * Counts one more twin made from a blueprint (the registry's "used by" figure). Run it in the transaction that
 * creates the twin, so that a refused twin never counts.
 * @example await countBlueprintUse(tx, found.entryId)
 */
export async function countBlueprintUse(db: Queryable, entryId: string): Promise<void> {
  await db
    .update(registryEntries)
    .set({ useCount: sql`${registryEntries.useCount} + 1` })
    .where(eq(registryEntries.id, entryId));
}
