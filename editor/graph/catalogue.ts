import semver from 'semver';
import { splitTypeRef } from '../../runtime/compiler/context';
import type { NodeManifest } from '../../runtime/compiler/document-types';
import type { ManifestLookup } from '../../runtime/compiler/edge-check';
import type { InMemoryNodeTypeRegistry } from '../../runtime/compiler/registry';

export type NodeCategory = NodeManifest['category'];

/** The node types the editor offers, newest version of each, and a synchronous lookup of type references. */
export interface NodeCatalogue {
  /** The newest version of every node type, in the registry's order. */
  manifests: readonly NodeManifest[];
  /** The manifest a type reference (`id@range`) resolves to: the highest version the range allows. */
  resolve: ManifestLookup;
}

/** The palette's categories, in the order data flows through a blueprint, with their plain names. */
export const CATEGORIES: readonly { id: NodeCategory; title: string; hint: string }[] = [
  { id: 'source', title: 'Data sources', hint: 'Where the rows come from' },
  { id: 'transform', title: 'Transforms', hint: 'Filter, compute and combine rows' },
  { id: 'model', title: 'Models', hint: 'Predict with a trained model' },
  { id: 'component', title: 'Dashboard panels', hint: 'Charts, tables and other views' },
];

/**
 * Builds the catalogue of an in-memory registry (the built-in one by default in the editor).
 * @example const catalogue = catalogueOf(await builtinRegistry()); catalogue.resolve('core/filter@^1')?.title // 'Filter'
 */
export function catalogueOf(registry: Pick<InMemoryNodeTypeRegistry, 'all'>): NodeCatalogue {
  const byId = new Map<string, NodeManifest[]>();
  for (const { manifest } of registry.all()) {
    const list = byId.get(manifest.id) ?? [];
    list.push(manifest);
    byId.set(manifest.id, list);
  }
  const newest = [...byId.values()].map((list) =>
    list.reduce((a, b) => (semver.gt(b.version, a.version) ? b : a)),
  );
  const cache = new Map<string, NodeManifest | undefined>();
  const resolve: ManifestLookup = (ref) => {
    if (cache.has(ref)) return cache.get(ref);
    const { typeId, range } = splitTypeRef(ref);
    const list = byId.get(typeId) ?? [];
    const version = semver.validRange(range)
      ? semver.maxSatisfying(
          list.map((m) => m.version),
          range,
        )
      : null;
    const found = list.find((m) => m.version === version);
    cache.set(ref, found);
    return found;
  };
  return { manifests: newest, resolve };
}

/**
 * The type reference a new node of this type gets: its id with a caret range on its major version.
 * @example typeRefOf({ id: 'core/filter', version: '1.2.0' }) // 'core/filter@^1'
 */
export function typeRefOf(manifest: Pick<NodeManifest, 'id' | 'version'>): string {
  return `${manifest.id}@^${semver.major(manifest.version)}`;
}

/**
 * Whether a node type matches a palette search: every word must appear in its title, description, id or tags.
 * @example matchesSearch(filterManifest, 'rows keep') // true
 */
export function matchesSearch(manifest: NodeManifest, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = [manifest.title, manifest.description ?? '', manifest.id, ...(manifest.tags ?? [])]
    .join(' ')
    .toLowerCase();
  return words.every((word) => text.includes(word));
}
