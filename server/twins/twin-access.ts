import { eq } from 'drizzle-orm';
import type { AuthUser } from '../app-env';
import { canManage } from '../auth/authenticate';
import { twins, users } from '../db/schema/index';
import { ApiError, apiErrors } from '../http/api-error';
import type { Twin } from '../../schemas/twin/twin.types';
import type { Queryable } from '../registry/entry-views';

/** A twin row with its owner's name, as the services pass it around. */
export type TwinRecord = typeof twins.$inferSelect & { ownerName: string };

/** A twin as the API returns it. */
export interface TwinView {
  id: string;
  title: string;
  owner: { id: string; name: string };
  blueprint: { name: string; version: string };
  document: Twin;
  visibility: TwinRecord['visibility'];
  createdAt: string;
  updatedAt: string;
  canEdit: boolean;
}

/** The columns of a twin row plus its owner's name, for `db.select(twinColumns)`. */
export const twinColumns = {
  id: twins.id,
  ownerId: twins.ownerId,
  title: twins.title,
  blueprintName: twins.blueprintName,
  blueprintVersion: twins.blueprintVersion,
  document: twins.document,
  visibility: twins.visibility,
  createdAt: twins.createdAt,
  updatedAt: twins.updatedAt,
  ownerName: users.name,
};

/**
 * A twin by id with its owner's name, or undefined. `lock` takes a row lock on the twin (SELECT … FOR UPDATE OF
 * twins) for a transaction that is about to change it or its links.
 * @example const twin = await findTwin(tx, id, { lock: true })
 */
export async function findTwin(
  db: Queryable,
  id: string,
  options: { lock?: boolean } = {},
): Promise<TwinRecord | undefined> {
  const query = db
    .select(twinColumns)
    .from(twins)
    .innerJoin(users, eq(users.id, twins.ownerId))
    .where(eq(twins.id, id));
  const [row] = options.lock ? await query.for('update', { of: twins }) : await query;
  return row;
}

/** The error for a twin that does not exist or that the caller may not know exists. */
export function twinNotFound(): ApiError {
  return new ApiError(404, 'twin_not_found', 'There is no twin with this id, or you cannot see it.');
}

/**
 * True when `user` may open the twin by its id: its owner or an administrator always, anyone when it is public.
 * Unlisted twins are opened through share links, not by id.
 * @example if (!canView(c.var.user, twin)) throw twinNotFound()
 */
export function canView(user: AuthUser | null, twin: Pick<TwinRecord, 'ownerId' | 'visibility'>): boolean {
  return twin.visibility === 'public' || canManage(user, twin.ownerId);
}

/**
 * Checks that the signed-in `user` may change, delete or share the twin: 404 when the twin is missing or not
 * public (its existence is not revealed), 403 when it is public but someone else's. Call `requireUser` first,
 * so that an anonymous caller gets 401 before any twin is looked up.
 * @example assertCanManage(requireUser(c.var.user), await findTwin(tx, id, { lock: true }))
 */
export function assertCanManage(user: AuthUser, twin: TwinRecord | undefined): asserts twin is TwinRecord {
  if (!twin) throw twinNotFound();
  if (canManage(user, twin.ownerId)) return;
  if (twin.visibility === 'public') throw apiErrors.forbidden('change this twin');
  throw twinNotFound();
}

/**
 * The API view of a twin, with `canEdit` worked out for the caller.
 * @example return c.json(twinView(twin, c.var.user), 200)
 */
export function twinView(twin: TwinRecord, user: AuthUser | null): TwinView {
  return {
    id: twin.id,
    title: twin.title,
    owner: { id: twin.ownerId, name: twin.ownerName },
    blueprint: { name: twin.blueprintName, version: twin.blueprintVersion },
    document: twin.document as Twin,
    visibility: twin.visibility,
    createdAt: twin.createdAt.toISOString(),
    updatedAt: twin.updatedAt.toISOString(),
    canEdit: canManage(user, twin.ownerId),
  };
}
