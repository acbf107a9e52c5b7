import { compileBlueprint } from '../../runtime/compiler/compile';
import type { Problem } from '../../schemas/problems';
import { ApiError } from '../http/api-error';
import { DbNodeTypeRegistry } from './db-node-type-registry';
import type { Queryable } from './entry-views';
import type { EntryKind } from './registry-kinds';

/** A blueprint ready to store: its lock resolved, what it depends on, and the compiler's warnings. */
export interface PreparedBlueprint {
  document: Record<string, unknown>;
  /** The registry entries the blueprint uses: its node types, and the models its model nodes name. */
  dependencies: { kind: EntryKind; name: string }[];
  /** Warnings only (a blueprint with errors is refused). */
  problems: Problem[];
}

const MODEL_REF = /^([a-z][a-z0-9-]{0,63})@/;

/**
 * Compiles a blueprint against the component registry. Refuses it with 422 `blueprint_invalid` (the compiler's
 * coded problems in `details.problems`) when it has errors; otherwise returns the document with its `lock`
 * replaced by the resolved one (every node type's exact version and SHA-256) and its dependencies.
 * @example const { document, dependencies } = await prepareBlueprint(db, validated.document)
 */
export async function prepareBlueprint(
  q: Queryable,
  document: Record<string, unknown>,
): Promise<PreparedBlueprint> {
  const result = await compileBlueprint(document, { registry: new DbNodeTypeRegistry(q) });
  if (!result.ok) {
    const errors = result.problems.filter((p) => p.severity === 'error');
    const first = errors[0] ?? result.problems[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    throw new ApiError(
      422,
      'blueprint_invalid',
      `This blueprint does not compile, so it cannot be published: ${first.code} ${first.message}${more}`,
      { problems: result.problems },
    );
  }
  const { plan } = result;
  const dependencies: PreparedBlueprint['dependencies'] = Object.keys(plan.lock).map((name) => ({
    kind: 'component',
    name,
  }));
  const models = new Set<string>();
  for (const node of plan.nodes) {
    const ref = node.category === 'model' ? node.config.model : undefined;
    const match = typeof ref === 'string' ? MODEL_REF.exec(ref) : null;
    if (match) models.add(match[1]);
  }
  for (const name of models) dependencies.push({ kind: 'model', name });
  return {
    document: { ...document, lock: plan.lock },
    dependencies,
    problems: result.problems,
  };
}
