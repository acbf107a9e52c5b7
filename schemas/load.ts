import { schemaValidator } from './ajv';
import { migrateUp, oldestReadableVersion, type DocumentRecord, type JsonObject } from './migrations';
import { problem, type Problem } from './problems';
import { schemaProblems } from './schema-problems';

export type LoadResult<T> =
  { ok: true; value: T; migratedFrom?: number } | { ok: false; problems: Problem[] };

/**
 * Loading is validate + migrate: checks the document against the schema of its own version, runs the
 * migrations up to the current version, then validates the result against the current schema.
 * Never throws on bad input; every problem comes back coded.
 * @example const loaded = loadDocument<Blueprint>(blueprintRecord, JSON.parse(text))
 */
export function loadDocument<T>(record: DocumentRecord, data: unknown): LoadResult<T> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail(
      problem('PT003', '', `This is not a ${record.kind}: a ${record.kind} is a JSON object ({ ... }).`),
    );
  }
  const doc = data as JsonObject;
  let version = doc.schemaVersion;
  if (version === undefined) {
    if (!record.versionOptional) {
      return fail(
        problem(
          'PT005',
          '',
          `This ${record.kind} has no "schemaVersion"; add "schemaVersion": ${record.currentVersion}.`,
        ),
      );
    }
    version = record.currentVersion;
  }
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return fail(
      problem(
        'PT011',
        '/schemaVersion',
        `"schemaVersion" must be a whole number such as ${record.currentVersion}.`,
      ),
    );
  }
  if (version > record.currentVersion) {
    return fail(
      problem(
        'PT004',
        '/schemaVersion',
        `This ${record.kind} uses schemaVersion ${version}, but this ProjectTwin reads up to ${record.currentVersion}; update ProjectTwin to open it.`,
      ),
    );
  }
  if (version < oldestReadableVersion(record) || !record.schemaIds[version]) {
    return fail(
      problem(
        'PT004',
        '/schemaVersion',
        `schemaVersion ${version} is not a ${record.kind} version this ProjectTwin can read.`,
      ),
    );
  }
  let current: JsonObject = doc;
  if (version < record.currentVersion) {
    const older = schemaValidator(record.schemaIds[version]);
    if (!older(doc)) return fail(...schemaProblems(older.errors ?? []));
    try {
      current = migrateUp(record, doc, version);
    } catch (error) {
      return fail(
        problem(
          'PT006',
          '',
          `This ${record.kind} could not be upgraded from schemaVersion ${version}: ${String(error)}.`,
        ),
      );
    }
  }
  const validate = schemaValidator(record.schemaIds[record.currentVersion]);
  if (!validate(current)) return fail(...schemaProblems(validate.errors ?? []));
  return version === record.currentVersion
    ? { ok: true, value: current as T }
    : { ok: true, value: current as T, migratedFrom: version };
}

function fail(...problems: Problem[]): { ok: false; problems: Problem[] } {
  return { ok: false, problems };
}
