import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  index,
  integer,
  json,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const registryKindEnum = pgEnum('registry_kind', ['blueprint', 'model', 'component', 'layout']);

/** One named entry of a registry (a blueprint, model, component or layout), with its searchable metadata. */
export const registryEntries = pgTable(
  'registry_entries',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    kind: registryKindEnum('kind').notNull(),
    name: text('name').notNull(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    category: text('category'),
    usages: text('usages')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    latestVersion: text('latest_version').notNull(),
    forkedFromId: uuid('forked_from_id'),
    forkedFromVersion: text('forked_from_version'),
    deprecatedAt: timestamp('deprecated_at', { withTimezone: true }),
    deprecationMessage: text('deprecation_message'),
    thumbnailSha256: text('thumbnail_sha256'),
    useCount: integer('use_count').notNull().default(0),
    downloadCount: integer('download_count').notNull().default(0),
    search: tsvector('search').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('registry_entries_kind_name_idx').on(t.kind, t.name),
    index('registry_entries_search_idx').using('gin', t.search),
    index('registry_entries_tags_idx').using('gin', t.tags),
    index('registry_entries_owner_idx').on(t.ownerId),
  ],
);

/** One published version of an entry. Immutable once written (a trigger refuses updates). */
export const registryVersions = pgTable(
  'registry_versions',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => registryEntries.id, { onDelete: 'cascade' }),
    version: text('version').notNull(),
    major: integer('major').notNull(),
    minor: integer('minor').notNull(),
    patch: integer('patch').notNull(),
    prerelease: text('prerelease').notNull().default(''),
    document: json('document').notNull(),
    sha256: text('sha256').notNull(),
    artifactSha256: text('artifact_sha256'),
    publishedBy: uuid('published_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('registry_versions_entry_version_idx').on(t.entryId, t.version)],
);

/** Which entries a version depends on (a blueprint's node types, models and layout), for "used by". */
export const registryDependencies = pgTable(
  'registry_dependencies',
  {
    versionId: uuid('version_id')
      .notNull()
      .references(() => registryVersions.id, { onDelete: 'cascade' }),
    dependsOnId: uuid('depends_on_id')
      .notNull()
      .references(() => registryEntries.id, { onDelete: 'cascade' }),
  },
  (t) => [
    uniqueIndex('registry_dependencies_pair_idx').on(t.versionId, t.dependsOnId),
    index('registry_dependencies_target_idx').on(t.dependsOnId),
  ],
);

/** Uploaded files, stored on disk by their SHA-256 (content addressed). */
export const artifacts = pgTable('artifacts', {
  sha256: text('sha256').primaryKey(),
  bytes: bigint('bytes', { mode: 'number' }).notNull(),
  mediaType: text('media_type').notNull(),
  uploadedBy: uuid('uploaded_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
