import type { AuthUser } from '../app-env';
import type { Db } from '../db/database';
import { twins } from '../db/schema/index';
import { countBlueprintUse } from './blueprint-versions';
import { findTwin, twinView, type TwinView } from './twin-access';
import { validateTwinDocument } from './validate-twin';

/**
 * Creates a twin owned by `user` from a twin v1 document, after every check of `validateTwinDocument`, and counts
 * one more use of its blueprint, all in one transaction: a refused twin changes nothing.
 * @example
 * const twin = await createTwin(db, user, {
 *   schemaVersion: 1, title: 'North plant', blueprint: { name: 'pump-fleet-monitor', version: '1.0.0' },
 *   bindings: { telemetry: { kind: 'table', connection: 'builtin', table: 'pumps', columns: { ... } } },
 * })
 */
export async function createTwin(db: Db, user: AuthUser, data: unknown): Promise<TwinView> {
  return db.transaction(async (tx) => {
    const { document, blueprintEntryId } = await validateTwinDocument(tx, data, user.id);
    const [inserted] = await tx
      .insert(twins)
      .values({
        ownerId: user.id,
        title: document.title,
        blueprintName: document.blueprint.name,
        blueprintVersion: document.blueprint.version,
        document,
        visibility: document.visibility,
      })
      .returning({ id: twins.id });
    await countBlueprintUse(tx, blueprintEntryId);
    const created = await findTwin(tx, inserted.id);
    return twinView(created!, user);
  });
}
