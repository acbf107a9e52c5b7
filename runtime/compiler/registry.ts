import { loadDocument } from '../../schemas/load';
import { nodeManifestRecord } from '../../schemas/node-manifest/node-manifest.record';
import type { NodeManifest } from './document-types';
import { sha256Hex, canonicalJson } from './digest';

/** A manifest as a registry serves it, with the digest of its canonical JSON. */
export interface ResolvedManifest {
  manifest: NodeManifest;
  sha256: string;
}

/**
 * Where the compiler finds node types. In memory for tests, the editor and the CLI; the server backs it
 * with the component registry. Methods may be synchronous or return promises.
 */
export interface NodeTypeRegistry {
  /** Every published version of a node type; empty when the id is unknown. */
  versions(typeId: string): readonly string[] | Promise<readonly string[]>;
  /** One version's manifest, or undefined when that version does not exist. */
  manifest(
    typeId: string,
    version: string,
  ): ResolvedManifest | undefined | Promise<ResolvedManifest | undefined>;
}

/**
 * A registry held in memory. Manifests are validated on the way in; an invalid one is refused with its problems.
 * @example const registry = await InMemoryNodeTypeRegistry.create(builtinManifests)
 */
export class InMemoryNodeTypeRegistry implements NodeTypeRegistry {
  private readonly byId = new Map<string, Map<string, ResolvedManifest>>();

  /** A registry holding the given manifests; throws with the problems of the first invalid one. */
  static async create(manifests: readonly unknown[]): Promise<InMemoryNodeTypeRegistry> {
    const registry = new InMemoryNodeTypeRegistry();
    for (const manifest of manifests) await registry.add(manifest);
    return registry;
  }

  /** Adds one manifest after validating it; throws a readable error when it is invalid. */
  async add(data: unknown): Promise<ResolvedManifest> {
    const loaded = loadDocument<NodeManifest>(nodeManifestRecord, data);
    if (!loaded.ok) {
      const id = (data as { id?: unknown } | null)?.id;
      const lines = loaded.problems.map((p) => `${p.pointer || '/'} ${p.code} ${p.message}`);
      throw new Error(`Node type manifest ${String(id)} is invalid:\n${lines.join('\n')}`);
    }
    const manifest = loaded.value;
    const resolved = { manifest, sha256: sha256Hex(canonicalJson(manifest)) };
    let versions = this.byId.get(manifest.id);
    if (!versions) {
      versions = new Map();
      this.byId.set(manifest.id, versions);
    }
    const existing = versions.get(manifest.version);
    if (existing && existing.sha256 !== resolved.sha256) {
      throw new Error(
        `Node type ${manifest.id}@${manifest.version} is already registered with other content; published versions are immutable.`,
      );
    }
    versions.set(manifest.version, resolved);
    return resolved;
  }

  versions(typeId: string): readonly string[] {
    return [...(this.byId.get(typeId)?.keys() ?? [])];
  }

  manifest(typeId: string, version: string): ResolvedManifest | undefined {
    return this.byId.get(typeId)?.get(version);
  }

  /** Every manifest held, in the order they were added. */
  all(): ResolvedManifest[] {
    return [...this.byId.values()].flatMap((versions) => [...versions.values()]);
  }
}
