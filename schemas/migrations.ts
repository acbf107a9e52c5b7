/** A JSON object as read from a file, before it is known to be valid. */
export type JsonObject = { [key: string]: unknown };

/**
 * One step of a document's schema history: turns a document at `fromVersion` into one at `fromVersion + 1`.
 * `up` must be pure: it never changes its input and returns a new object.
 */
export interface Migration {
  /** Stable id, also the name of the fixture folder: `<kind>/<from>-to-<to>-<what>`. */
  readonly id: string;
  readonly fromVersion: number;
  up(doc: Readonly<JsonObject>): JsonObject;
}

/** Everything needed to load one kind of document: its schemas by version and its migrations. */
export interface DocumentRecord {
  readonly kind: string;
  /** The version this build writes; older versions are migrated up to it on load. */
  readonly currentVersion: number;
  /** The $id of the schema for each version we can read (the current one included). */
  readonly schemaIds: Readonly<Record<number, string>>;
  /** When true a document without `schemaVersion` is read as the current version (embedded layouts). */
  readonly versionOptional: boolean;
  readonly migrations: readonly Migration[];
}

/**
 * Declares a document kind; checks that the migrations form one unbroken chain up to the current version.
 * @example defineRecord({ kind: 'layout', currentVersion: 1, schemaIds: { 1: LAYOUT_ID }, versionOptional: true, migrations: [] })
 */
export function defineRecord(record: DocumentRecord): DocumentRecord {
  const sorted = [...record.migrations].sort((a, b) => a.fromVersion - b.fromVersion);
  sorted.forEach((m, i) => {
    const expected = record.currentVersion - sorted.length + i;
    if (m.fromVersion !== expected) {
      throw new Error(`${record.kind}: migration ${m.id} starts at ${m.fromVersion}, expected ${expected}`);
    }
  });
  if (!record.schemaIds[record.currentVersion]) {
    throw new Error(`${record.kind}: no schema for the current version ${record.currentVersion}`);
  }
  return { ...record, migrations: sorted };
}

/** The oldest version a record can read. */
export function oldestReadableVersion(record: DocumentRecord): number {
  return record.currentVersion - record.migrations.length;
}

/**
 * Applies every migration from `fromVersion` up to the record's current version.
 * @example migrateUp(blueprintRecord, draft, 0) // a v1 blueprint
 */
export function migrateUp(
  record: DocumentRecord,
  doc: Readonly<JsonObject>,
  fromVersion: number,
): JsonObject {
  let current: Readonly<JsonObject> = doc;
  for (const migration of record.migrations) {
    if (migration.fromVersion >= fromVersion) current = migration.up(current);
  }
  return current as JsonObject;
}
