import type { NodeFactory } from './node-api';

/**
 * Types a node factory by its config while giving the engine the plain `NodeFactory` it stores in its
 * implementation table. The cast is sound because the compiler validates a node's config against its
 * manifest's JSON Schema (and fills in defaults) before the engine ever calls `create`.
 * @example
 * ```ts
 * export const create = defineNode<{ factor: number }>((ctx) => ({
 *   receive(_port, batch) { ctx.emit('rows', batch); },
 * }));
 * ```
 */
export function defineNode<C>(factory: NodeFactory<C>): NodeFactory {
  return factory as unknown as NodeFactory;
}
