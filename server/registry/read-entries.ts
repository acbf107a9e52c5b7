import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { registryDependencies, registryEntries, registryVersions } from '../db/schema/index';
import { ApiError } from '../http/api-error';
import {
  modelStatus,
  requireEntry,
  requireSummary,
  selectSummaries,
  selectVersion,
  selectVersions,
  toSummary,
  toVersionSummary,
  type Queryable,
} from './entry-views';
import { entryLabel, type EntryKind } from './registry-kinds';
import type { EntryDetail, EntrySummary, VersionDocument, VersionSummary } from './registry-schemas';

/**
 * The entries whose latest version depends on an entry (e.g. the blueprints using a node type or a model).
 * @example const users = await usedBy(db, entry.id)
 */
export async function usedBy(q: Queryable, entryId: string): Promise<EntrySummary[]> {
  const rows = await selectSummaries(q)
    .innerJoin(
      registryVersions,
      and(
        eq(registryVersions.entryId, registryEntries.id),
        eq(registryVersions.version, registryEntries.latestVersion),
      ),
    )
    .innerJoin(registryDependencies, eq(registryDependencies.versionId, registryVersions.id))
    .where(and(eq(registryDependencies.dependsOnId, entryId), ne(registryEntries.id, entryId)))
    .orderBy(asc(registryEntries.kind), asc(registryEntries.name))
    .limit(200);
  return rows.map(toSummary);
}

/**
 * An entry's page: its summary, the latest version's document (and artifact, and for models whether it can
 * run), every version newest first, and the entries using it.
 * @example const detail = await getEntryDetail(db, 'component', 'core/chart.line')
 */
export async function getEntryDetail(db: Db, kind: EntryKind, name: string): Promise<EntryDetail> {
  const entry = await requireEntry(db, kind, name);
  const summary = await requireSummary(db, kind, name);
  const versions = await selectVersions(db, entry.id);
  const latest = await selectVersion(db, entry.id, entry.latestVersion);
  if (!latest) throw new Error(`${entryLabel(kind, name)} has no version ${entry.latestVersion}`);
  const latestView = toVersionSummary(latest);
  return {
    ...summary,
    document: latest.document,
    sha256: latest.sha256,
    artifact: latestView.artifact,
    ...(kind === 'model' ? { status: modelStatus(latest.document) } : {}),
    versions: versions.map(toVersionSummary),
    usedBy: await usedBy(db, entry.id),
  };
}

/**
 * Every published version of an entry, newest first by semantic-version order.
 * @example const versions = await listVersions(db, 'blueprint', 'pump-fleet')
 */
export async function listVersions(db: Db, kind: EntryKind, name: string): Promise<VersionSummary[]> {
  const entry = await requireEntry(db, kind, name);
  return (await selectVersions(db, entry.id)).map(toVersionSummary);
}

/**
 * Adds one to an entry's download count.
 * @example await countDownload(db, entry.id)
 */
export async function countDownload(q: Queryable, entryId: string): Promise<void> {
  await q
    .update(registryEntries)
    .set({ downloadCount: sql`${registryEntries.downloadCount} + 1` })
    .where(eq(registryEntries.id, entryId));
}

/**
 * One exact published version with its document, counted as a download.
 * @example const { document } = await getVersionDocument(db, 'layout', 'ops-wall', '1.2.0')
 */
export async function getVersionDocument(
  db: Db,
  kind: EntryKind,
  name: string,
  version: string,
): Promise<VersionDocument> {
  const entry = await requireEntry(db, kind, name);
  const row = await selectVersion(db, entry.id, version);
  if (!row) {
    throw new ApiError(
      404,
      'not_found',
      `The ${entryLabel(kind, name)} has no version ${version}; its latest is ${entry.latestVersion}.`,
      { latest: entry.latestVersion },
    );
  }
  await countDownload(db, entry.id);
  return {
    kind,
    name,
    ...toVersionSummary(row),
    ...(kind === 'model' ? { status: modelStatus(row.document) } : {}),
    document: row.document,
  };
}
