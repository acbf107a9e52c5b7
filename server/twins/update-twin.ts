import { eq } from 'drizzle-orm';
import type { AuthUser } from '../app-env';
import { requireUser } from '../auth/authenticate';
import type { Db } from '../db/database';
import { twins } from '../db/schema/index';
import { ApiError } from '../http/api-error';
import type { Layout } from '../../schemas/layout/layout.types';
import type { Twin } from '../../schemas/twin/twin.types';
import { assertCanManage, findTwin, twinView, type TwinView } from './twin-access';
import { validateTwinDocument } from './validate-twin';

/** The fields of a twin its owner may change; each given field replaces the whole field. */
export interface TwinChanges {
  title?: string;
  description?: string;
  bindings?: Twin['bindings'];
  overrides?: Twin['overrides'];
  /** null removes the twin's own layout (the blueprint's applies again). */
  layout?: Layout | null;
  visibility?: Twin['visibility'];
}

/**
 * Changes a twin (owner or administrator only): the changed document passes the same checks as a new twin, and
 * the change is all-or-nothing in one transaction holding the twin's row lock.
 * @example const twin = await updateTwin(db, user, id, { visibility: 'public' })
 */
export async function updateTwin(
  db: Db,
  user: AuthUser | null,
  id: string,
  changes: TwinChanges,
): Promise<TwinView> {
  const caller = requireUser(user);
  return db.transaction(async (tx) => {
    const current = await findTwin(tx, id, { lock: true });
    assertCanManage(caller, current);
    const given = Object.entries(changes).filter(([, value]) => value !== undefined);
    if (given.length === 0) {
      throw new ApiError(
        400,
        'invalid_request',
        'There is nothing to change: send at least one of title, description, bindings, overrides, layout or visibility.',
      );
    }
    const next: Record<string, unknown> = { ...(current.document as Twin) };
    for (const [key, value] of given) {
      if (value === null) delete next[key];
      else next[key] = value;
    }
    const { document } = await validateTwinDocument(tx, next, current.ownerId);
    await tx
      .update(twins)
      .set({ title: document.title, document, visibility: document.visibility, updatedAt: new Date() })
      .where(eq(twins.id, id));
    return twinView((await findTwin(tx, id))!, caller);
  });
}

/**
 * Deletes a twin (owner or administrator only); its share links go with it.
 * @example await deleteTwin(db, user, id)
 */
export async function deleteTwin(db: Db, user: AuthUser | null, id: string): Promise<void> {
  const caller = requireUser(user);
  await db.transaction(async (tx) => {
    assertCanManage(caller, await findTwin(tx, id, { lock: true }));
    await tx.delete(twins).where(eq(twins.id, id));
  });
}
