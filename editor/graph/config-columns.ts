import type { NodeManifest } from '../../runtime/compiler/document-types';

type Schema = Record<string, unknown>;

function isObject(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The config pointer (with * for list items) a requirement's column template reads, or null if not one field. */
function fieldPointer(template: string, forEach: string | undefined): string | null {
  const single = /^\{([^{}]+)\}$/.exec(template);
  if (!single) return null;
  const ref = single[1];
  if (ref.startsWith('/')) return ref;
  return forEach === undefined ? null : `${forEach}/*/${ref}`;
}

/**
 * The config fields of a node type that name columns of its inputs, as pointers (`*` for each list item),
 * found from its input ports' column requirements.
 * @example columnFieldsOf(filterManifest) // ['/conditions/*\/column']
 */
export function columnFieldsOf(manifest: Pick<NodeManifest, 'inputs'>): string[] {
  const fields = new Set<string>();
  for (const port of Object.values(manifest.inputs)) {
    for (const req of port.columns ?? []) {
      for (const template of [req.column, req.fallback]) {
        const pointer = template === undefined ? null : fieldPointer(template, req.forEach);
        if (pointer) fields.add(pointer);
      }
    }
  }
  return [...fields];
}

/** Adds `examples` (which the form shows as suggestions) to the string schema(s) at a pointer. */
function suggestAt(schema: Schema, tokens: string[], columns: readonly string[]): Schema {
  if (tokens.length === 0) {
    if (schema.type === 'string') return { ...schema, examples: [...columns] };
    if (schema.type === 'array' && isObject(schema.items))
      return { ...schema, items: suggestAt(schema.items, [], columns) };
    if (schema.type === 'object' && isObject(schema.additionalProperties))
      return { ...schema, additionalProperties: suggestAt(schema.additionalProperties, [], columns) };
    return schema;
  }
  const [head, ...rest] = tokens;
  if (head === '*' && isObject(schema.items))
    return { ...schema, items: suggestAt(schema.items, rest, columns) };
  if (isObject(schema.properties) && isObject(schema.properties[head])) {
    return {
      ...schema,
      properties: { ...schema.properties, [head]: suggestAt(schema.properties[head], rest, columns) },
    };
  }
  return schema;
}

/**
 * A copy of a node type's config schema in which every field that names an input column suggests the columns
 * that arrive (the form shows them as a drop-down list while typing); the schema itself is not changed.
 * @example withColumnSuggestions(chartManifest, ['ts', 'vibration']).properties.x.examples // ['ts', 'vibration']
 */
export function withColumnSuggestions(
  manifest: Pick<NodeManifest, 'inputs' | 'config'>,
  columns: readonly string[],
): Schema {
  let schema = manifest.config as Schema;
  if (columns.length === 0) return schema;
  for (const pointer of columnFieldsOf(manifest))
    schema = suggestAt(schema, pointer.split('/').slice(1), columns);
  return schema;
}

/** Whether a schema says nothing about its type, so the form library cannot draw it. */
function untyped(schema: Schema): boolean {
  return ['type', 'enum', 'const', 'oneOf', 'anyOf', 'allOf', '$ref', 'properties', 'items'].every(
    (k) => !(k in schema),
  );
}

/**
 * The form's UI schema for a config schema: hides the submit button, and draws settings that take any value
 * (no type in their schema) with the any-value field, so that they read numbers, yes/no, lists and text.
 * @example uiSchemaFor({ type: 'object', properties: { value: {} } }) // { 'ui:submitButtonOptions': …, value: { 'ui:field': 'anyValue' } }
 */
export function uiSchemaFor(schema: Schema, root = true): Record<string, unknown> {
  const ui: Record<string, unknown> = root ? { 'ui:submitButtonOptions': { norender: true } } : {};
  if (isObject(schema.properties)) {
    for (const [key, child] of Object.entries(schema.properties)) {
      if (!isObject(child)) continue;
      const inner = untyped(child) ? { 'ui:field': 'anyValue' } : uiSchemaFor(child, false);
      if (Object.keys(inner).length > 0) ui[key] = inner;
    }
  }
  if (isObject(schema.items)) {
    // A list of plain values is titled once (e.g. "Plotted columns"), not once per item.
    const plain = ['string', 'number', 'integer', 'boolean'].includes(String(schema.items.type));
    const inner = untyped(schema.items)
      ? { 'ui:field': 'anyValue' }
      : { ...uiSchemaFor(schema.items, false), ...(plain ? { 'ui:label': false } : {}) };
    if (Object.keys(inner).length > 0) ui.items = inner;
  }
  return ui;
}
