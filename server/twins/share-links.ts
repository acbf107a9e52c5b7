import { and, eq, isNull } from 'drizzle-orm';
import type { AuthUser } from '../app-env';
import { requireUser } from '../auth/authenticate';
import { hashToken, newSecretToken } from '../auth/secret-tokens';
import type { Db } from '../db/database';
import { registryEntries, registryVersions, shareLinks, twins } from '../db/schema/index';
import { ApiError } from '../http/api-error';
import type { Twin } from '../../schemas/twin/twin.types';
import { assertCanManage, findTwin } from './twin-access';

/** A share link as its creator sees it, once: the token is not stored and cannot be shown again. */
export interface CreatedShareLink {
  url: string;
  token: string;
  createdAt: string;
}

/** What a share link opens: the twin, read-only, with the blueprint version it runs. */
export interface SharedTwin {
  twin: {
    id: string;
    title: string;
    blueprint: { name: string; version: string };
    document: Twin;
    visibility: 'private' | 'unlisted' | 'public';
  };
  blueprint: Record<string, unknown>;
  readOnly: true;
}

/**
 * Creates the read-only share link of a twin (owner or administrator only) and revokes the ones before it: a
 * twin has at most one live link. The token (256 random bits) is returned once; only its SHA-256 is stored.
 * @example const { url } = await createShareLink(db, user, twinId, config.publicUrl)
 */
export async function createShareLink(
  db: Db,
  user: AuthUser | null,
  twinId: string,
  publicUrl: string,
): Promise<CreatedShareLink> {
  const caller = requireUser(user);
  return db.transaction(async (tx) => {
    assertCanManage(caller, await findTwin(tx, twinId, { lock: true }));
    const now = new Date();
    await tx
      .update(shareLinks)
      .set({ revokedAt: now })
      .where(and(eq(shareLinks.twinId, twinId), isNull(shareLinks.revokedAt)));
    const token = newSecretToken();
    const [link] = await tx
      .insert(shareLinks)
      .values({ twinId, tokenHash: hashToken(token), createdAt: now })
      .returning({ createdAt: shareLinks.createdAt });
    return { url: `${publicUrl}/s/${token}`, token, createdAt: link.createdAt.toISOString() };
  });
}

/**
 * Revokes every live share link of a twin (owner or administrator only); their URLs then answer 404. Revoking
 * a twin that has no live link is not an error. Returns how many links were revoked.
 * @example await revokeShareLinks(db, user, twinId)
 */
export async function revokeShareLinks(db: Db, user: AuthUser | null, twinId: string): Promise<number> {
  const caller = requireUser(user);
  return db.transaction(async (tx) => {
    assertCanManage(caller, await findTwin(tx, twinId, { lock: true }));
    const revoked = await tx
      .update(shareLinks)
      .set({ revokedAt: new Date() })
      .where(and(eq(shareLinks.twinId, twinId), isNull(shareLinks.revokedAt)))
      .returning({ id: shareLinks.id });
    return revoked.length;
  });
}

/**
 * Opens a twin by its share-link token, for anyone holding the link, whatever the twin's visibility (the link
 * is the capability; revoking it is how access ends). 404 share_link_invalid for unknown or revoked tokens.
 * @example const shared = await openSharedTwin(db, token)
 */
export async function openSharedTwin(db: Db, token: string): Promise<SharedTwin> {
  const [row] = await db
    .select({
      id: twins.id,
      title: twins.title,
      blueprintName: twins.blueprintName,
      blueprintVersion: twins.blueprintVersion,
      document: twins.document,
      visibility: twins.visibility,
      blueprint: registryVersions.document,
    })
    .from(shareLinks)
    .innerJoin(twins, eq(twins.id, shareLinks.twinId))
    .leftJoin(
      registryEntries,
      and(eq(registryEntries.kind, 'blueprint'), eq(registryEntries.name, twins.blueprintName)),
    )
    .leftJoin(
      registryVersions,
      and(
        eq(registryVersions.entryId, registryEntries.id),
        eq(registryVersions.version, twins.blueprintVersion),
      ),
    )
    .where(and(eq(shareLinks.tokenHash, hashToken(token)), isNull(shareLinks.revokedAt)));
  if (!row) {
    throw new ApiError(
      404,
      'share_link_invalid',
      "This share link does not work: it may have been revoked, or replaced by a newer link. Ask the twin's owner for a new one.",
    );
  }
  if (!row.blueprint) {
    throw new ApiError(
      404,
      'blueprint_not_found',
      `The blueprint this twin runs (${row.blueprintName}@${row.blueprintVersion}) is no longer in the registry.`,
    );
  }
  return {
    twin: {
      id: row.id,
      title: row.title,
      blueprint: { name: row.blueprintName, version: row.blueprintVersion },
      document: row.document as Twin,
      visibility: row.visibility,
    },
    blueprint: row.blueprint as Record<string, unknown>,
    readOnly: true,
  };
}
