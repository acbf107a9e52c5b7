import { getDefaultFormState, type RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import type { BlueprintNode, NodeManifest } from '../../runtime/compiler/document-types';
import { typeRefOf } from './catalogue';
import { idBaseOf, uniqueId } from './document-ops';

/**
 * The config a new node starts with: the defaults its config schema declares (lists start empty).
 * @example defaultConfigOf(filterManifest) // { conditions: [], combine: 'all' }
 */
export function defaultConfigOf(manifest: Pick<NodeManifest, 'config'>): Record<string, unknown> {
  const schema = manifest.config as RJSFSchema;
  const filled = getDefaultFormState(validator, schema, undefined, schema, false, {
    arrayMinItems: { populate: 'never' },
    emptyObjectFields: 'populateAllDefaults',
  });
  return filled !== null && typeof filled === 'object' && !Array.isArray(filled)
    ? (filled as Record<string, unknown>)
    : {};
}

/**
 * A new node of a type at a position, with a unique readable id and its default config.
 * @example newNode(filterManifest, { x: 100, y: 40 }, new Set(['filter'])).id // 'filter-2'
 */
export function newNode(
  manifest: NodeManifest,
  position: { x: number; y: number },
  taken: ReadonlySet<string>,
): BlueprintNode {
  const type = typeRefOf(manifest);
  return {
    id: uniqueId(idBaseOf(type), taken),
    type,
    config: defaultConfigOf(manifest),
    position: { x: Math.round(position.x), y: Math.round(position.y) },
  };
}
