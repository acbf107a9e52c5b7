import { builtinManifests } from '../../nodes/builtins';
import type { AuthUser } from '../app-env';
import type { Database } from '../db/database';
import { users } from '../db/schema/index';
import { ApiError } from '../http/api-error';
import { findEntry, selectVersions } from '../registry/entry-views';
import { publishVersion } from '../registry/publish-version';

/** The account that owns what ProjectTwin itself publishes (the built-in node types). */
export const SYSTEM_EMAIL = 'system@projecttwin.local';

/** What a seed run did, as `typeId@version` lists. */
export interface SeedReport {
  published: string[];
  skipped: string[];
}

/**
 * Ensures the system user exists (an administrator whose password hash can never verify, so nobody can log in
 * as it).
 * @example const system = await ensureSystemUser(database)
 */
export async function ensureSystemUser(database: Database): Promise<AuthUser> {
  const [row] = await database.db
    .insert(users)
    .values({ email: SYSTEM_EMAIL, name: 'ProjectTwin', passwordHash: '!', role: 'admin' })
    .onConflictDoUpdate({ target: users.email, set: { role: 'admin', passwordHash: '!' } })
    .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
  return row;
}

/**
 * Publishes every built-in node type (nodes/builtins.ts) to the component registry as the system user, skipping
 * versions that are already there. Idempotent and safe to run at every start, even by two servers at once.
 * @example const { published } = await seedBuiltins(database)
 */
export async function seedBuiltins(database: Database): Promise<SeedReport> {
  const system = await ensureSystemUser(database);
  const report: SeedReport = { published: [], skipped: [] };
  for (const manifest of builtinManifests) {
    const { id, version } = manifest as { id: string; version: string };
    const label = `${id}@${version}`;
    const entry = await findEntry(database.db, 'component', id);
    const versions = entry ? await selectVersions(database.db, entry.id) : [];
    if (versions.some((v) => v.version === version)) {
      report.skipped.push(label);
      continue;
    }
    try {
      await publishVersion(database.db, {
        kind: 'component',
        name: id,
        version,
        document: manifest,
        user: system,
      });
      report.published.push(label);
    } catch (error) {
      const raced =
        error instanceof ApiError && ['version_exists', 'version_not_greater'].includes(error.code);
      if (!raced) throw error;
      report.skipped.push(label);
    }
  }
  return report;
}
