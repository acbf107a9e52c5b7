import { configSchemaAjv, type ValidateFunction } from '../../schemas/ajv';
import { pointerOf, problem } from '../../schemas/problems';
import { schemaProblems } from '../../schemas/schema-problems';
import { nodeLabel, type CompileContext, type NodeEntry } from './context';

/** A deep copy of a JSON value (configs come from JSON, so this is exact). */
function cloneJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneJson);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = cloneJson((value as Record<string, unknown>)[key]);
  return out;
}

const validators = new Map<string, ValidateFunction | Error>();

function validatorFor(entry: NodeEntry): ValidateFunction | Error {
  const key = `${entry.typeId}@${entry.version}#${entry.sha256}`;
  let validate = validators.get(key);
  if (!validate) {
    try {
      validate = configSchemaAjv().compile(entry.manifest!.config);
    } catch (error) {
      validate = error instanceof Error ? error : new Error(String(error));
    }
    validators.set(key, validate);
  }
  return validate;
}

/**
 * Validates each resolved node's config against its type's config schema, filling in defaults (PT140).
 * The blueprint itself is never changed: defaults go into a copy kept on the node entry.
 * @example checkConfigs(ctx)
 */
export function checkConfigs(ctx: CompileContext): void {
  for (const entry of ctx.nodes.values()) {
    if (!entry.manifest) continue;
    const validate = validatorFor(entry);
    if (validate instanceof Error) {
      ctx.problems.push(
        problem(
          'PT140',
          pointerOf('nodes', entry.index, 'config'),
          `The node type ${entry.typeId}@${entry.version} has a broken config schema, so ${nodeLabel(entry)} cannot be checked; ask its author to fix it (${validate.message}).`,
          { nodeId: entry.node.id },
        ),
      );
      continue;
    }
    const config = cloneJson(entry.node.config ?? {}) as Record<string, unknown>;
    if (validate(config)) {
      entry.config = config;
      entry.configValid = true;
      continue;
    }
    for (const found of schemaProblems(
      validate.errors ?? [],
      pointerOf('nodes', entry.index, 'config'),
      'the config',
    )) {
      const message = `${nodeLabel(entry)}: ${found.message}`;
      ctx.problems.push({ ...found, code: 'PT140', message, nodeId: entry.node.id });
    }
  }
}
