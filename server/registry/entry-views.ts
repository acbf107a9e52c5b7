import { and, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database';
import { artifacts, registryEntries, registryVersions, users } from '../db/schema/index';
import { ApiError } from '../http/api-error';
import { entryLabel, type EntryKind } from './registry-kinds';
import type { ArtifactRef, EntrySummary, ModelStatus, VersionSummary } from './registry-schemas';
import { newestFirst } from './version-order';

/** The database or a transaction on it: services accept either. */
export type Queryable = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

/** An entry row as stored. */
export type EntryRow = typeof registryEntries.$inferSelect;

const origin = alias(registryEntries, 'origin');

/** The columns a summary is built from (spread it to add more, e.g. a rank). */
export const summaryColumns = {
  id: registryEntries.id,
  kind: registryEntries.kind,
  name: registryEntries.name,
  title: registryEntries.title,
  description: registryEntries.description,
  tags: registryEntries.tags,
  category: registryEntries.category,
  usages: registryEntries.usages,
  latestVersion: registryEntries.latestVersion,
  ownerId: registryEntries.ownerId,
  ownerName: users.name,
  originName: origin.name,
  forkedFromVersion: registryEntries.forkedFromVersion,
  deprecatedAt: registryEntries.deprecatedAt,
  deprecationMessage: registryEntries.deprecationMessage,
  thumbnailSha256: registryEntries.thumbnailSha256,
  useCount: registryEntries.useCount,
  downloadCount: registryEntries.downloadCount,
  createdAt: registryEntries.createdAt,
  updatedAt: registryEntries.updatedAt,
};

/** A row selected with `summaryColumns`. */
export interface SummaryRow {
  kind: EntryKind;
  name: string;
  title: string;
  description: string;
  tags: string[];
  category: string | null;
  usages: string[];
  latestVersion: string;
  ownerId: string;
  ownerName: string;
  originName: string | null;
  forkedFromVersion: string | null;
  deprecatedAt: Date | null;
  deprecationMessage: string | null;
  thumbnailSha256: string | null;
  useCount: number;
  downloadCount: number;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A select of entry summaries (owner and fork origin joined), to add conditions and ordering to.
 * @example await selectSummaries(db).where(eq(registryEntries.kind, 'blueprint')).limit(20)
 */
export function selectSummaries(q: Queryable) {
  return q
    .select(summaryColumns)
    .from(registryEntries)
    .innerJoin(users, eq(users.id, registryEntries.ownerId))
    .leftJoin(origin, eq(origin.id, registryEntries.forkedFromId))
    .$dynamic();
}

/**
 * The API view of an entry row.
 * @example const items = rows.map(toSummary)
 */
export function toSummary(row: SummaryRow): EntrySummary {
  return {
    kind: row.kind,
    name: row.name,
    title: row.title,
    description: row.description,
    tags: row.tags,
    category: row.category,
    usages: row.usages,
    latestVersion: row.latestVersion,
    owner: { id: row.ownerId, name: row.ownerName },
    forkedFrom:
      row.originName !== null && row.forkedFromVersion !== null
        ? { name: row.originName, version: row.forkedFromVersion }
        : null,
    deprecated: row.deprecatedAt
      ? { at: row.deprecatedAt.toISOString(), message: row.deprecationMessage ?? '' }
      : null,
    thumbnail: row.thumbnailSha256 ? artifactUrl(row.thumbnailSha256) : null,
    useCount: row.useCount,
    downloadCount: row.downloadCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * One entry's summary, or a 404 that names it.
 * @example const summary = await requireSummary(db, 'blueprint', 'pump-fleet')
 */
export async function requireSummary(q: Queryable, kind: EntryKind, name: string): Promise<EntrySummary> {
  const [row] = await selectSummaries(q).where(
    and(eq(registryEntries.kind, kind), eq(registryEntries.name, name)),
  );
  if (!row) throw notFound(kind, name);
  return toSummary(row);
}

/**
 * The entry row, locked for the rest of the transaction when `forUpdate` is set; undefined when absent.
 * @example const entry = await findEntry(tx, 'model', 'pump-rul', { forUpdate: true })
 */
export async function findEntry(
  q: Queryable,
  kind: EntryKind,
  name: string,
  options: { forUpdate?: boolean } = {},
): Promise<EntryRow | undefined> {
  const query = q
    .select()
    .from(registryEntries)
    .where(and(eq(registryEntries.kind, kind), eq(registryEntries.name, name)))
    .$dynamic();
  const [row] = await (options.forUpdate ? query.for('update') : query);
  return row;
}

/**
 * Like findEntry, but a 404 `not_found` when the entry does not exist.
 * @example const entry = await requireEntry(db, 'layout', 'ops-wall')
 */
export async function requireEntry(
  q: Queryable,
  kind: EntryKind,
  name: string,
  options: { forUpdate?: boolean } = {},
): Promise<EntryRow> {
  const row = await findEntry(q, kind, name, options);
  if (!row) throw notFound(kind, name);
  return row;
}

/**
 * The 404 for an entry that does not exist.
 * @example throw notFound('blueprint', 'pumps')
 */
export function notFound(kind: EntryKind, name: string): ApiError {
  const label = entryLabel(kind, name);
  return new ApiError(404, 'not_found', `There is no ${label} in the registry; check the spelling.`);
}

/**
 * Where an artifact is served from.
 * @example artifactUrl('9f86d0...') // '/api/artifacts/9f86d0...'
 */
export function artifactUrl(sha256: string): string {
  return `/api/artifacts/${sha256}`;
}

/** One stored version with its artifact, as selected by `selectVersions`. */
export interface VersionRow {
  id: string;
  version: string;
  sha256: string;
  artifactSha256: string | null;
  artifactBytes: number | null;
  artifactMediaType: string | null;
  createdAt: Date;
}

const versionColumns = {
  id: registryVersions.id,
  version: registryVersions.version,
  sha256: registryVersions.sha256,
  artifactSha256: registryVersions.artifactSha256,
  artifactBytes: artifacts.bytes,
  artifactMediaType: artifacts.mediaType,
  createdAt: registryVersions.createdAt,
};

/**
 * Every version of an entry with its artifact (not its document), newest first (semantic-version order).
 * @example const [latest] = await selectVersions(db, entry.id)
 */
export async function selectVersions(q: Queryable, entryId: string): Promise<VersionRow[]> {
  const rows = await q
    .select(versionColumns)
    .from(registryVersions)
    .leftJoin(artifacts, eq(artifacts.sha256, registryVersions.artifactSha256))
    .where(eq(registryVersions.entryId, entryId));
  return newestFirst(rows);
}

/**
 * One version of an entry with its document, or undefined when it does not exist.
 * @example const latest = await selectVersion(db, entry.id, entry.latestVersion)
 */
export async function selectVersion(
  q: Queryable,
  entryId: string,
  version: string,
): Promise<(VersionRow & { document: Record<string, unknown> }) | undefined> {
  const [row] = await q
    .select({ ...versionColumns, document: registryVersions.document })
    .from(registryVersions)
    .leftJoin(artifacts, eq(artifacts.sha256, registryVersions.artifactSha256))
    .where(and(eq(registryVersions.entryId, entryId), eq(registryVersions.version, version)));
  return row ? { ...row, document: row.document as Record<string, unknown> } : undefined;
}

/**
 * The API view of a version row.
 * @example versions.map(toVersionSummary)
 */
export function toVersionSummary(row: VersionRow): VersionSummary {
  let artifact: ArtifactRef | null = null;
  if (row.artifactSha256) {
    artifact = {
      sha256: row.artifactSha256,
      bytes: row.artifactBytes ?? 0,
      mediaType: row.artifactMediaType ?? 'application/octet-stream',
      url: artifactUrl(row.artifactSha256),
    };
  }
  return { version: row.version, sha256: row.sha256, artifact, publishedAt: row.createdAt.toISOString() };
}

/**
 * Whether a model can run in a twin: ONNX runs in the browser; other formats are kept as uploaded until a
 * converter to ONNX exists.
 * @example modelStatus({ format: 'keras' }).code // 'needs_conversion'
 */
export function modelStatus(card: unknown): ModelStatus {
  const format = (card as { format?: unknown } | null)?.format;
  if (format === 'onnx') {
    return { code: 'ready', message: 'This ONNX model runs in the browser (onnxruntime-web).' };
  }
  return {
    code: 'needs_conversion',
    message: `The ${String(format)} file is stored as it was uploaded, but ProjectTwin has no converter from ${String(format)} to ONNX yet, so twins cannot run it; publish an ONNX export of the model to use it.`,
  };
}
