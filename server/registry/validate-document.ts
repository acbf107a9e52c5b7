import { configSchemaAjv } from '../../schemas/ajv';
import { loadDocument } from '../../schemas/load';
import { problem, type Problem } from '../../schemas/problems';
import { ApiError } from '../http/api-error';
import { KINDS, entryLabel, type EntryKind } from './registry-kinds';

/** The entry metadata a document provides (copied into registry_entries on publish). */
export interface EntryMetadata {
  title: string;
  description: string;
  tags: string[];
  category: string | null;
  usages: string[];
}

/** A document that passed its schema (migrated to the current schema version), with its metadata. */
export interface ValidatedDocument {
  document: Record<string, unknown>;
  metadata: EntryMetadata;
}

function invalid(kind: EntryKind, problems: Problem[]): ApiError {
  const first = problems[0];
  const more =
    problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return new ApiError(
    400,
    'invalid_document',
    `This ${KINDS[kind].word} document is not valid: ${first.message}${more}`,
    { problems },
  );
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function metadataOf(kind: EntryKind, doc: Record<string, unknown>): EntryMetadata {
  return {
    title: text(doc.title),
    description: text(doc.description),
    tags: strings(doc.tags),
    category: kind === 'component' ? text(doc.category) : kind === 'model' ? text(doc.task) : null,
    usages: kind === 'blueprint' ? strings(doc.usages) : [],
  };
}

function layoutProblems(doc: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  for (const field of ['name', 'version', 'title'] as const) {
    if (doc[field] === undefined) {
      problems.push(
        problem(
          'PT010',
          `/${field}`,
          `A layout published to the registry needs a "${field}"; add it to the layout.`,
        ),
      );
    }
  }
  return problems;
}

function configSchemaProblem(doc: Record<string, unknown>): Problem | null {
  // Checked against the JSON Schema meta-schema only: compiling would add the schema to the shared ajv
  // instance, where a later version reusing the same $id would clash.
  const ajv = configSchemaAjv();
  if (ajv.validateSchema(doc.config as object) === true) return null;
  return problem(
    'PT140',
    '/config',
    `The node type's config schema is not a valid JSON Schema: ${ajv.errorsText(ajv.errors, { dataVar: 'config' })}.`,
  );
}

/**
 * Checks a document for a registry: its schema (older schema versions are migrated), the fields a registry
 * needs, and that its name (and version, when one is expected) are the ones it is published under. Throws 400
 * `invalid_document` (coded problems in details), `name_mismatch` or `version_mismatch`.
 * @example const { document, metadata } = validateDocument('blueprint', body, { name: 'pumps' })
 */
export function validateDocument(
  kind: EntryKind,
  data: unknown,
  expected: { name: string; version?: string },
): ValidatedDocument {
  const info = KINDS[kind];
  const loaded = loadDocument<Record<string, unknown>>(info.record, data);
  if (!loaded.ok) throw invalid(kind, loaded.problems);
  const document = loaded.value;
  if (kind === 'layout') {
    const missing = layoutProblems(document);
    if (missing.length > 0) throw invalid(kind, missing);
  }
  if (kind === 'component') {
    const broken = configSchemaProblem(document);
    if (broken) throw invalid(kind, [broken]);
  }
  const name = document[info.nameField];
  if (name !== expected.name) {
    throw new ApiError(
      400,
      'name_mismatch',
      `The document's ${info.nameField} is "${String(name)}", but it is being published as the ${entryLabel(kind, expected.name)}; make them the same.`,
      { document: name, url: expected.name },
    );
  }
  if (expected.version !== undefined && document.version !== expected.version) {
    throw new ApiError(
      400,
      'version_mismatch',
      `The document's version is ${String(document.version)}, but it is being published as version ${expected.version}; make them the same.`,
      { document: document.version, url: expected.version },
    );
  }
  return { document, metadata: metadataOf(kind, document) };
}
