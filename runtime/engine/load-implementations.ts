import type { ExecutionPlan } from '../compiler/plan';
import type { NodeModule } from './node-api';

/** A node type's implementation as loaded: its module, or why it could not be loaded. */
export type LoadedImplementation = { module: NodeModule } | { error: unknown };

/**
 * Loads, in parallel, the implementation of every node type a plan uses. A type with no entry in
 * `implementations` is left out of the result; one whose import fails or lacks `create` maps to its error.
 * @example
 * const loaded = await loadImplementations(plan, builtinImplementations);
 * const entry = loaded.get('core/filter'); // { module } | { error } | undefined
 */
export async function loadImplementations(
  plan: ExecutionPlan,
  implementations: Readonly<Record<string, () => Promise<NodeModule>>>,
): Promise<Map<string, LoadedImplementation>> {
  const loaded = new Map<string, LoadedImplementation>();
  const types = [...new Set(plan.nodes.map((n) => n.typeId))];
  await Promise.all(
    types.map(async (typeId) => {
      const load = Object.hasOwn(implementations, typeId) ? implementations[typeId] : undefined;
      if (!load) return;
      try {
        const module = await load();
        if (typeof module?.create !== 'function')
          throw new Error('its module does not export a create(ctx) function');
        loaded.set(typeId, { module });
      } catch (error) {
        loaded.set(typeId, { error });
      }
    }),
  );
  return loaded;
}
