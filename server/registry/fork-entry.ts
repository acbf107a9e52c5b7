import type { AuthUser } from '../app-env';
import type { ArtifactStore } from '../artifacts/artifact-store';
import type { Db } from '../db/database';
import { apiErrors } from '../http/api-error';
import { findEntry, requireEntry, selectVersion } from './entry-views';
import { publishVersion } from './publish-version';
import { KINDS, entryLabel, type EntryKind } from './registry-kinds';
import type { Published } from './registry-schemas';

/** What to fork, under which new name, for whom. */
export interface ForkInput {
  kind: EntryKind;
  name: string;
  newName: string;
  user: AuthUser;
}

/**
 * Forks an entry: a new entry owned by the caller whose first version is the source's latest document under
 * the new name, at the same version number (so the fork says which version it started from), sharing its
 * artifact. It records where it came from; a forked blueprint also says so in its document (`forkedFrom`:
 * name@version). The fork goes through the same checks as any publish; 409 `name_taken` when the name exists.
 * @example const fork = await forkEntry(db, store, { kind: 'blueprint', name: 'pump-fleet', newName: 'my-pumps', user })
 */
export async function forkEntry(db: Db, store: ArtifactStore, input: ForkInput): Promise<Published> {
  const { kind, name, newName, user } = input;
  const source = await requireEntry(db, kind, name);
  if (await findEntry(db, kind, newName)) {
    throw apiErrors.conflict(
      'name_taken',
      `The name is taken: there is already a ${entryLabel(kind, newName)}; choose another name for your fork.`,
    );
  }
  const latest = await selectVersion(db, source.id, source.latestVersion);
  if (!latest) throw new Error(`${entryLabel(kind, name)} has no version ${source.latestVersion}`);
  const document: Record<string, unknown> = { ...latest.document, [KINDS[kind].nameField]: newName };
  if (kind === 'blueprint') document.forkedFrom = `${name}@${latest.version}`;
  const artifact = latest.artifactSha256
    ? {
        sha256: latest.artifactSha256,
        bytes: latest.artifactBytes ?? 0,
        mediaType: latest.artifactMediaType ?? 'application/octet-stream',
        path: store.pathOf(latest.artifactSha256),
      }
    : undefined;
  return publishVersion(db, {
    kind,
    name: newName,
    version: latest.version,
    document,
    user,
    artifact,
    forkOf: { id: source.id, version: latest.version },
  });
}
