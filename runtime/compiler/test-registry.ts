import { builtinRegistry } from './builtin-registry';
import type { NodeTypeRegistry } from './registry';

/**
 * The built-in registry, except that any type in the `broken/` namespace fails as an unreachable server
 * would; lets tests exercise PT105 through the real registry interface.
 * @example const registry = await registryWithOutage()
 */
export async function registryWithOutage(): Promise<NodeTypeRegistry> {
  const inner = await builtinRegistry();
  return {
    versions(typeId) {
      if (typeId.startsWith('broken/'))
        return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:8787'));
      return inner.versions(typeId);
    },
    manifest: (typeId, version) => inner.manifest(typeId, version),
  };
}
