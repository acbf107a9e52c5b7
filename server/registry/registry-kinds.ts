import { ApiError } from '../http/api-error';
import { blueprintRecord } from '../../schemas/blueprint/blueprint.record';
import { layoutRecord } from '../../schemas/layout/layout.record';
import type { DocumentRecord } from '../../schemas/migrations';
import { modelCardRecord } from '../../schemas/model-card/model-card.record';
import { nodeManifestRecord } from '../../schemas/node-manifest/node-manifest.record';

/** The four registries, as the database names them. */
export type EntryKind = 'blueprint' | 'model' | 'component' | 'layout';

/** What differs between the registries: URL segment, words for messages, document schema, name rules. */
export interface KindInfo {
  kind: EntryKind;
  /** The URL segment: /api/blueprints, /api/models, /api/components, /api/layouts. */
  segment: 'blueprints' | 'models' | 'components' | 'layouts';
  /** The word used in messages ("blueprint", "component"...). */
  word: string;
  /** How a published document is loaded and validated. */
  record: DocumentRecord;
  /** The document field that holds the entry's name (`id` for node-type manifests). */
  nameField: 'name' | 'id';
  /** What a valid name looks like. */
  namePattern: RegExp;
  /** A plain description of a valid name, for error messages. */
  nameRule: string;
}

/** Slug names (blueprints, models, layouts); the same rule as the document schemas' `slug`. */
export const SLUG_PATTERN = /^[a-z][a-z0-9-]{0,63}$/;
/** Node-type ids (components): scope/name, the same rule as the document schemas' `typeId`. */
export const TYPE_ID_PATTERN = /^[a-z][a-z0-9-]{0,39}\/[a-z][a-z0-9.-]{0,79}$/;
/** Component scopes only administrators may publish in: built-ins (core) and model-derived nodes (model). */
export const RESERVED_SCOPES: readonly string[] = ['core', 'model'];

const SLUG_RULE = 'lower-case letters, digits and dashes, starting with a letter (at most 64 characters)';

export const KINDS: Readonly<Record<EntryKind, KindInfo>> = {
  blueprint: {
    kind: 'blueprint',
    segment: 'blueprints',
    word: 'blueprint',
    record: blueprintRecord,
    nameField: 'name',
    namePattern: SLUG_PATTERN,
    nameRule: SLUG_RULE,
  },
  model: {
    kind: 'model',
    segment: 'models',
    word: 'model',
    record: modelCardRecord,
    nameField: 'name',
    namePattern: SLUG_PATTERN,
    nameRule: SLUG_RULE,
  },
  component: {
    kind: 'component',
    segment: 'components',
    word: 'component',
    record: nodeManifestRecord,
    nameField: 'id',
    namePattern: TYPE_ID_PATTERN,
    nameRule:
      'a scope and a name separated by a slash, e.g. acme/gauge (lower-case letters, digits, dashes, dots)',
  },
  layout: {
    kind: 'layout',
    segment: 'layouts',
    word: 'layout',
    record: layoutRecord,
    nameField: 'name',
    namePattern: SLUG_PATTERN,
    nameRule: SLUG_RULE,
  },
};

/** Every kind, in the order the API documents them. */
export const ENTRY_KINDS: readonly EntryKind[] = ['blueprint', 'model', 'component', 'layout'];

/**
 * How an entry is named in messages: `blueprint "pump-fleet"`, `component core/chart.line`.
 * @example entryLabel('component', 'core/chart.line') // 'component core/chart.line'
 */
export function entryLabel(kind: EntryKind, name: string): string {
  return kind === 'component' ? `component ${name}` : `${KINDS[kind].word} "${name}"`;
}

/**
 * The scope of a component name when it is reserved for administrators, else null.
 * @example reservedScopeOf('component', 'core/chart.line') // 'core'
 */
export function reservedScopeOf(kind: EntryKind, name: string): string | null {
  if (kind !== 'component') return null;
  const scope = name.split('/')[0];
  return RESERVED_SCOPES.includes(scope) ? scope : null;
}

/**
 * Refuses a name a registry cannot hold, with the rule it must follow (400 `invalid_name`).
 * @example assertValidName('blueprint', 'Pump Fleet') // throws
 */
export function assertValidName(kind: EntryKind, name: string): void {
  const info = KINDS[kind];
  if (!info.namePattern.test(name)) {
    throw new ApiError(
      400,
      'invalid_name',
      `"${name}" cannot be the name of a ${info.word}: use ${info.nameRule}.`,
    );
  }
}
