import type { Blueprint, NodeManifest } from '../../runtime/compiler/document-types';

type Schema = Record<string, unknown>;

/**
 * A copy of a node type's config schema in which the field naming a blueprint input (its manifest's `binds`)
 * offers the declared inputs of the kind it reads as a drop-down list, and says where to declare one when there
 * are none. Other node types' schemas are returned as they are.
 * @example withInputChoices(sourceTableManifest, schema, doc.inputs).properties.input.enum // ['telemetry']
 */
export function withInputChoices(
  manifest: Pick<NodeManifest, 'binds'>,
  schema: Schema,
  inputs: Blueprint['inputs'],
): Schema {
  const binds = manifest.binds;
  const field = binds?.input.startsWith('/') ? binds.input.slice(1) : undefined;
  const properties = schema.properties as Record<string, Schema> | undefined;
  if (!binds || !field || field.includes('/') || !properties?.[field]) return schema;
  const names = Object.entries(inputs ?? {})
    .filter(([, input]) => input.kind === binds.kind)
    .map(([name]) => name);
  const what = binds.kind === 'table' ? 'table input' : 'value input';
  const choice: Schema =
    names.length > 0
      ? { ...properties[field], enum: names }
      : {
          ...properties[field],
          description: `This blueprint declares no ${what} yet. Add one under "Data this blueprint needs", then pick it here.`,
        };
  return { ...schema, properties: { ...properties, [field]: choice } };
}
