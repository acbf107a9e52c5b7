import { desc, eq } from 'drizzle-orm';
import type { AuthUser } from '../app-env';
import type { Db } from '../db/database';
import { twins, users } from '../db/schema/index';
import { canView, findTwin, twinColumns, twinNotFound, twinView, type TwinView } from './twin-access';

/**
 * The twins `user` owns, most recently changed first.
 * @example const mine = await listMyTwins(db, user)
 */
export async function listMyTwins(db: Db, user: AuthUser): Promise<TwinView[]> {
  const rows = await db
    .select(twinColumns)
    .from(twins)
    .innerJoin(users, eq(users.id, twins.ownerId))
    .where(eq(twins.ownerId, user.id))
    .orderBy(desc(twins.updatedAt), desc(twins.id));
  return rows.map((row) => twinView(row, user));
}

/**
 * Public twins, anyone's, most recently changed first, a page at a time.
 * @example const page = await listPublicTwins(db, null, { limit: 50, offset: 0 })
 */
export async function listPublicTwins(
  db: Db,
  user: AuthUser | null,
  page: { limit: number; offset: number },
): Promise<TwinView[]> {
  const rows = await db
    .select(twinColumns)
    .from(twins)
    .innerJoin(users, eq(users.id, twins.ownerId))
    .where(eq(twins.visibility, 'public'))
    .orderBy(desc(twins.updatedAt), desc(twins.id))
    .limit(page.limit)
    .offset(page.offset);
  return rows.map((row) => twinView(row, user));
}

/**
 * One twin by id, for its owner or an administrator, or anyone when it is public; otherwise 404 (as if it did
 * not exist, so that private and unlisted twins are not revealed).
 * @example const twin = await getTwin(db, c.var.user, id)
 */
export async function getTwin(db: Db, user: AuthUser | null, id: string): Promise<TwinView> {
  const twin = await findTwin(db, id);
  if (!twin || !canView(user, twin)) throw twinNotFound();
  return twinView(twin, user);
}
