import { valueAt } from './pointer';

/** One expansion of a manifest template: the text it produced and the config pointer it came from, if any. */
export interface Expanded {
  value: string;
  /** Pointer into the node's config where the value was written, when the template is exactly one {/pointer}. */
  configPointer?: string;
}

/** Where template placeholders read from: the node's config and, inside forEach, the current item. */
export interface TemplateScope {
  config: unknown;
  item?: unknown;
  /** The config pointer of the current forEach item, e.g. /aggregates/2. */
  itemPointer?: string;
}

const PLACEHOLDER = /\{([^{}]+)\}/g;
const SINGLE = /^\{([^{}]+)\}$/;

function lookup(ref: string, scope: TemplateScope): { value: unknown; pointer?: string } {
  if (ref.startsWith('/')) return { value: valueAt(scope.config, ref), pointer: ref };
  const value =
    scope.item !== null && typeof scope.item === 'object' ? valueAt(scope.item, `/${ref}`) : undefined;
  return { value, pointer: scope.itemPointer === undefined ? undefined : `${scope.itemPointer}/${ref}` };
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * Expands a manifest template against a scope. A template that is exactly one placeholder may name a list
 * (one result per item) or an object (one result per value); any other template yields at most one text.
 * Returns [] when a value it needs is not set.
 * @example expandTemplate('{/y}', { config: { y: 'temp' } }) // [{ value: 'temp', configPointer: '/y' }]
 * @example expandTemplate('{column}_{fn}', { config: {}, item: { column: 'v', fn: 'mean' } }) // [{ value: 'v_mean' }]
 */
export function expandTemplate(template: string, scope: TemplateScope): Expanded[] {
  const single = SINGLE.exec(template);
  if (single) {
    const { value, pointer } = lookup(single[1], scope);
    if (Array.isArray(value)) {
      return value.flatMap((v, i) => {
        const text = scalar(v);
        return text === undefined ? [] : [{ value: text, configPointer: pointer && `${pointer}/${i}` }];
      });
    }
    if (value !== null && typeof value === 'object') {
      return Object.entries(value).flatMap(([key, v]) => {
        const text = scalar(v);
        return text === undefined ? [] : [{ value: text, configPointer: pointer && `${pointer}/${key}` }];
      });
    }
    const text = scalar(value);
    return text === undefined ? [] : [{ value: text, configPointer: pointer }];
  }
  let missing = false;
  const text = template.replace(PLACEHOLDER, (_match, ref: string) => {
    const found = scalar(lookup(ref, scope).value);
    if (found === undefined) missing = true;
    return found ?? '';
  });
  return missing ? [] : [{ value: text }];
}

/**
 * Expands a template, falling back to a second template when the first yields nothing.
 * @example expandWithFallback('{/features/vib}', 'vib', { config: {} }) // [{ value: 'vib' }]
 */
export function expandWithFallback(
  template: string,
  fallback: string | undefined,
  scope: TemplateScope,
): Expanded[] {
  const first = expandTemplate(template, scope);
  if (first.length > 0 || fallback === undefined) return first;
  return expandTemplate(fallback, scope);
}

/**
 * The scopes a rule with an optional forEach runs in: one per item of the config list at the pointer,
 * or the plain config scope without forEach.
 * @example forEachScopes({ aggs: [{ fn: 'mean' }] }, '/aggs') // [{ config, item: { fn: 'mean' }, itemPointer: '/aggs/0' }]
 */
export function forEachScopes(config: unknown, forEach: string | undefined): TemplateScope[] {
  if (forEach === undefined) return [{ config }];
  const list = valueAt(config, forEach);
  if (!Array.isArray(list)) return [];
  return list.map((item, i) => ({ config, item, itemPointer: `${forEach}/${i}` }));
}
