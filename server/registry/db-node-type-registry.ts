import { and, eq } from 'drizzle-orm';
import type { NodeManifest } from '../../runtime/compiler/document-types';
import type { NodeTypeRegistry, ResolvedManifest } from '../../runtime/compiler/registry';
import { registryEntries, registryVersions } from '../db/schema/index';
import type { Queryable } from './entry-views';

/**
 * The compiler's node-type registry backed by the component registry: every component entry is a node type,
 * its published versions are the node type's versions, and a version's stored document is its manifest, with
 * the stored SHA-256 of its canonical JSON. Deprecated node types still resolve (deprecation warns, it does not
 * break published blueprints).
 * @example const result = await compileBlueprint(doc, { registry: new DbNodeTypeRegistry(db) })
 */
export class DbNodeTypeRegistry implements NodeTypeRegistry {
  constructor(private readonly q: Queryable) {}

  async versions(typeId: string): Promise<readonly string[]> {
    const rows = await this.q
      .select({ version: registryVersions.version })
      .from(registryVersions)
      .innerJoin(registryEntries, eq(registryEntries.id, registryVersions.entryId))
      .where(and(eq(registryEntries.kind, 'component'), eq(registryEntries.name, typeId)));
    return rows.map((r) => r.version);
  }

  async manifest(typeId: string, version: string): Promise<ResolvedManifest | undefined> {
    const [row] = await this.q
      .select({ document: registryVersions.document, sha256: registryVersions.sha256 })
      .from(registryVersions)
      .innerJoin(registryEntries, eq(registryEntries.id, registryVersions.entryId))
      .where(
        and(
          eq(registryEntries.kind, 'component'),
          eq(registryEntries.name, typeId),
          eq(registryVersions.version, version),
        ),
      );
    return row ? { manifest: row.document as NodeManifest, sha256: row.sha256 } : undefined;
  }
}
