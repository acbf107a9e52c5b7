import { builtinManifests } from '../../nodes/builtins';
import { InMemoryNodeTypeRegistry } from './registry';

/**
 * An in-memory registry holding the built-in node types, e.g. for the CLI and tests.
 * @example const registry = await builtinRegistry()
 */
export async function builtinRegistry(): Promise<InMemoryNodeTypeRegistry> {
  return InMemoryNodeTypeRegistry.create(builtinManifests);
}
