import { configSchemaAjv, type ValidateFunction } from '../../schemas/ajv';
import { pointerOf, problem } from '../../schemas/problems';
import { schemaProblems } from '../../schemas/schema-problems';
import { nodeLabel, type CompileContext, type NodeEntry } from './context';

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
    const at = pointerOf('nodes', entry.index, 'config');
    if (validate instanceof Error) {
      ctx.problems.push(
        problem(
          'PT140',
          at,
          `The node type ${entry.typeId}@${entry.version} has a broken config schema, so ${nodeLabel(entry)} cannot be checked; ask its author to fix it (${validate.message}).`,
          { nodeId: entry.node.id },
        ),
      );
      continue;
    }
    const config = structuredClone(entry.node.config ?? {}) as Record<string, unknown>;
    if (validate(config)) {
      entry.config = config;
      entry.configValid = true;
      continue;
    }
    for (const found of schemaProblems(validate.errors ?? [], at, 'the config')) {
      const message = `In the config of ${nodeLabel(entry)}: ${found.message}`;
      ctx.problems.push({ ...found, code: 'PT140', message, nodeId: entry.node.id });
    }
  }
}
