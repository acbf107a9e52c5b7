import { open } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { canManage } from '../auth/authenticate';
import type { ArtifactStore, StagedArtifact } from '../artifacts/artifact-store';
import type { Db } from '../db/database';
import { artifacts, registryEntries } from '../db/schema/index';
import { ApiError, apiErrors } from '../http/api-error';
import type { EntryAction } from './entry-lifecycle';
import { requireEntry, requireSummary } from './entry-views';
import { entryLabel } from './registry-kinds';
import type { EntrySummary } from './registry-schemas';

/** The largest thumbnail accepted: pictures in the library are small. */
export const MAX_THUMBNAIL_BYTES = 2 * 1024 * 1024;

/**
 * The image type of a file, read from its first bytes (PNG, JPEG or WebP), or null for anything else. SVG is not
 * accepted: it can carry scripts.
 * @example imageTypeOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) // 'image/png'
 */
export function imageTypeOf(head: Uint8Array): 'image/png' | 'image/jpeg' | 'image/webp' | null {
  const starts = (bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

async function headOf(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = new Uint8Array(16);
    const { bytesRead } = await file.read(buffer, 0, 16, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/**
 * Sets an entry's thumbnail from a staged upload (owner or admin): the file must be a PNG, JPEG or WebP image by
 * its content; it is stored by its SHA-256. Refusals discard the upload and change nothing.
 * @example await setThumbnail(db, store, { kind: 'blueprint', name: 'pumps', user }, staged)
 */
export async function setThumbnail(
  db: Db,
  store: ArtifactStore,
  action: EntryAction,
  staged: StagedArtifact,
): Promise<EntrySummary> {
  const { kind, name, user } = action;
  try {
    const mediaType = imageTypeOf(await headOf(staged.path));
    if (!mediaType) {
      throw new ApiError(
        400,
        'invalid_image',
        'This file is not a PNG, JPEG or WebP picture; upload one of those.',
      );
    }
    return await db.transaction(async (tx) => {
      const entry = await requireEntry(tx, kind, name, { forUpdate: true });
      if (!canManage(user, entry.ownerId))
        throw apiErrors.forbidden(`change the picture of the ${entryLabel(kind, name)}`);
      await tx
        .insert(artifacts)
        .values({ sha256: staged.sha256, bytes: staged.bytes, mediaType, uploadedBy: user.id })
        .onConflictDoNothing();
      await tx
        .update(registryEntries)
        .set({ thumbnailSha256: staged.sha256 })
        .where(eq(registryEntries.id, entry.id));
      await store.promote(staged);
      return requireSummary(tx, kind, name);
    });
  } finally {
    await store.discard(staged);
  }
}

/**
 * Removes an entry's thumbnail (owner or admin); the file stays in the store.
 * @example await clearThumbnail(db, { kind: 'blueprint', name: 'pumps', user })
 */
export async function clearThumbnail(db: Db, action: EntryAction): Promise<EntrySummary> {
  const { kind, name, user } = action;
  return db.transaction(async (tx) => {
    const entry = await requireEntry(tx, kind, name, { forUpdate: true });
    if (!canManage(user, entry.ownerId))
      throw apiErrors.forbidden(`change the picture of the ${entryLabel(kind, name)}`);
    await tx.update(registryEntries).set({ thumbnailSha256: null }).where(eq(registryEntries.id, entry.id));
    return requireSummary(tx, kind, name);
  });
}
