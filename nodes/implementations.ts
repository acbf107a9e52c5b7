import type { NodeModule } from '../runtime/engine/node-api';

/**
 * Where the engine finds each built-in node type's implementation, by type id. Entries load lazily, so a page
 * that never shows a chart never downloads vega, and one without a model never loads onnxruntime.
 *
 * @example
 * ```ts
 * const module = await builtinImplementations['core/filter']?.();
 * const instance = module?.create(ctx);
 * ```
 */
export const builtinImplementations: Readonly<Record<string, () => Promise<NodeModule>>> = {
  // One line per node type, e.g.: 'core/filter': () => import('./filter/filter-node'),
};
