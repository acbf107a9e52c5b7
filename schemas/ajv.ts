import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import blueprintV0Schema from './blueprint/blueprint.v0.schema.json';
import blueprintSchema from './blueprint/blueprint.schema.json';
import commonSchema from './common/common.schema.json';
import layoutSchema from './layout/layout.schema.json';
import modelCardSchema from './model-card/model-card.schema.json';
import nodeManifestSchema from './node-manifest/node-manifest.schema.json';
import twinSchema from './twin/twin.schema.json';

/** Every document schema ProjectTwin ships, in the order they are registered with ajv. */
export const documentSchemas = [
  commonSchema,
  layoutSchema,
  blueprintV0Schema,
  blueprintSchema,
  nodeManifestSchema,
  modelCardSchema,
  twinSchema,
] as const;

export type { ErrorObject, ValidateFunction };

let shared: Ajv2020 | undefined;

/**
 * The ajv instance that knows every ProjectTwin schema (JSON Schema 2020-12, all errors, strict).
 * @example const validate = documentAjv().getSchema('https://projecttwin.dev/schemas/blueprint/1.json')
 */
export function documentAjv(): Ajv2020 {
  if (shared) return shared;
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    verbose: true,
    discriminator: true,
  });
  addFormats.default(ajv);
  for (const schema of documentSchemas) ajv.addSchema(schema);
  shared = ajv;
  return ajv;
}

/**
 * A compiled validator for a schema by its $id; throws only when the id is not one of ours (a programming error).
 * @example schemaValidator('https://projecttwin.dev/schemas/layout/1.json')({ kind: 'mosaic', root: null })
 */
export function schemaValidator(id: string): ValidateFunction {
  const validate = documentAjv().getSchema(id);
  if (!validate) throw new Error(`No schema registered with id ${id}`);
  return validate;
}

let configAjv: Ajv2020 | undefined;

/**
 * The ajv instance for node config schemas: fills defaults, tolerates annotation keywords editors add (x-ui...).
 * @example configSchemaAjv().compile({ type: 'object', properties: { n: { type: 'integer', default: 3 } } })
 */
export function configSchemaAjv(): Ajv2020 {
  if (configAjv) return configAjv;
  const ajv = new Ajv2020({
    allErrors: true,
    strict: false,
    useDefaults: true,
    allowUnionTypes: true,
    verbose: true,
  });
  addFormats.default(ajv);
  configAjv = ajv;
  return ajv;
}
