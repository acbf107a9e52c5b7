import { eq, sql } from 'drizzle-orm';
import type { AuthUser } from '../app-env';
import { canManage } from '../auth/authenticate';
import type { Db } from '../db/database';
import { registryEntries, twins } from '../db/schema/index';
import { ApiError, apiErrors } from '../http/api-error';
import { requireEntry, requireSummary } from './entry-views';
import { usedBy } from './read-entries';
import { entryLabel, type EntryKind } from './registry-kinds';
import type { EntrySummary } from './registry-schemas';

/** Which entry, and who asks. */
export interface EntryAction {
  kind: EntryKind;
  name: string;
  user: AuthUser;
}

/**
 * Marks an entry deprecated with a message (`message` set) or lifts the deprecation (`message` null). Owner
 * or administrator only. Deprecated entries are hidden from lists by default but still resolve.
 * @example await setDeprecation(db, { kind: 'blueprint', name: 'old-pumps', user }, 'Use pump-fleet instead.')
 */
export async function setDeprecation(
  db: Db,
  action: EntryAction,
  message: string | null,
): Promise<EntrySummary> {
  const { kind, name, user } = action;
  return db.transaction(async (tx) => {
    const entry = await requireEntry(tx, kind, name, { forUpdate: true });
    if (!canManage(user, entry.ownerId)) {
      throw apiErrors.forbidden(
        `${message === null ? 'undeprecate' : 'deprecate'} the ${entryLabel(kind, name)}`,
      );
    }
    await tx
      .update(registryEntries)
      .set(
        message === null
          ? { deprecatedAt: null, deprecationMessage: null }
          : { deprecatedAt: entry.deprecatedAt ?? new Date(), deprecationMessage: message },
      )
      .where(eq(registryEntries.id, entry.id));
    return requireSummary(tx, kind, name);
  });
}

/**
 * Deletes an entry with all its versions. Owner or administrator only; refused with 409 `in_use` while a twin
 * runs the blueprint or another entry's latest version depends on it. Artifacts stay in the store (other
 * versions may share them).
 * @example await deleteEntry(db, { kind: 'component', name: 'acme/gauge', user })
 */
export async function deleteEntry(db: Db, action: EntryAction): Promise<void> {
  const { kind, name, user } = action;
  await db.transaction(async (tx) => {
    const entry = await requireEntry(tx, kind, name, { forUpdate: true });
    if (!canManage(user, entry.ownerId)) throw apiErrors.forbidden(`delete the ${entryLabel(kind, name)}`);
    const [{ twinCount }] =
      kind === 'blueprint'
        ? await tx
            .select({ twinCount: sql<number>`count(*)::int` })
            .from(twins)
            .where(eq(twins.blueprintName, name))
        : [{ twinCount: 0 }];
    const dependents = await usedBy(tx, entry.id);
    if (twinCount > 0 || dependents.length > 0) {
      const reasons = [
        ...(twinCount > 0 ? [`${twinCount} twin${twinCount === 1 ? ' runs' : 's run'} it`] : []),
        ...(dependents.length > 0
          ? [`it is used by ${dependents.map((d) => entryLabel(d.kind, d.name)).join(', ')}`]
          : []),
      ];
      throw apiErrors.conflict(
        'in_use',
        `The ${entryLabel(kind, name)} cannot be deleted because ${reasons.join(' and ')}; deprecate it instead, so nobody starts using it.`,
        { twins: twinCount, usedBy: dependents.map((d) => ({ kind: d.kind, name: d.name })) },
      );
    }
    await tx.delete(registryEntries).where(eq(registryEntries.id, entry.id));
  });
}

/**
 * Counts one use of an entry (a twin deployed from a blueprint, a node type placed in a blueprint...).
 * @example const { useCount } = await recordUse(db, 'blueprint', 'pump-fleet')
 */
export async function recordUse(db: Db, kind: EntryKind, name: string): Promise<{ useCount: number }> {
  const entry = await requireEntry(db, kind, name);
  const [row] = await db
    .update(registryEntries)
    .set({ useCount: sql`${registryEntries.useCount} + 1` })
    .where(eq(registryEntries.id, entry.id))
    .returning({ useCount: registryEntries.useCount });
  if (!row) throw new ApiError(404, 'not_found', `The ${entryLabel(kind, name)} was just deleted.`);
  return row;
}
