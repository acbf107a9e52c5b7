/**
 * Seeds the registry benchmark's catalogue. A sample goes through the registry's publish service
 * (publishVersion: validation, compile against the component registry, lock, version row, search vector);
 * the rest is inserted in batches with the metadata the service extracts (validateDocument) and the tsvector
 * expression it writes (searchVector), both imported from the registry code. A parity check then proves that
 * the published rows hold exactly the vector the batch path computes.
 */
import { performance } from 'node:perf_hooks';
import { and, count, eq, sql } from 'drizzle-orm';
import type { AuthUser } from '../server/app-env';
import type { Database } from '../server/db/database';
import { registryEntries, users } from '../server/db/schema/index';
import { publishVersion } from '../server/registry/publish-version';
import { searchVector } from '../server/registry/search-text';
import { validateDocument } from '../server/registry/validate-document';
import type { Catalogue, CatalogueEntry } from './registry-catalogue';

const DAY_MS = 86_400_000;
const BATCH_SIZE = 500;
const PUBLISH_CONCURRENCY = 4;
const PARITY_SAMPLE = 25;

/** What seeding did and how long each part took. */
export interface CatalogueSeedReport {
  /** Entries published through publishVersion, and the wall time that took. */
  published: number;
  publishMs: number;
  /** How many publishes ran at once. */
  publishConcurrency: number;
  /** Entries inserted in batches, and the wall time that took. */
  inserted: number;
  insertMs: number;
  /** Published entries whose stored vector was compared with the batch path's (all equal, or seeding throws). */
  parityChecked: number;
  /** VACUUM ANALYZE of the entries table (what autovacuum does to a table after a bulk load). */
  vacuumMs: number;
}

/** What a registry has learnt of an entry since it was published: uses, downloads, age, deprecation. */
function history(entry: CatalogueEntry, now: number) {
  const createdAt = new Date(now - entry.ageDays * DAY_MS);
  return {
    useCount: entry.useCount,
    downloadCount: entry.downloadCount,
    createdAt,
    updatedAt: new Date(now - Math.floor(entry.ageDays / 3) * DAY_MS),
    deprecatedAt: entry.deprecated ? createdAt : null,
    deprecationMessage: entry.deprecated ? 'Superseded by a newer blueprint from the same publisher.' : null,
  };
}

async function createOwners(database: Database, catalogue: Catalogue): Promise<AuthUser[]> {
  // Like the system user, these accounts have a password hash that can never verify: nobody logs in as them.
  return database.db
    .insert(users)
    .values(
      catalogue.owners.map((o) => ({
        email: `${o.slug}@bench.projecttwin.local`,
        name: o.name,
        passwordHash: '!',
      })),
    )
    .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
}

async function publishAll(database: Database, entries: CatalogueEntry[], owners: AuthUser[], now: number) {
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      const entry = entries[next++];
      await publishVersion(database.db, {
        kind: 'blueprint',
        name: entry.name,
        document: entry.document,
        user: owners[entry.owner],
      });
      await database.db
        .update(registryEntries)
        .set(history(entry, now))
        .where(and(eq(registryEntries.kind, 'blueprint'), eq(registryEntries.name, entry.name)));
    }
  };
  await Promise.all(Array.from({ length: PUBLISH_CONCURRENCY }, worker));
}

function batchRow(entry: CatalogueEntry, owners: AuthUser[], now: number) {
  const { document, metadata } = validateDocument('blueprint', entry.document, { name: entry.name });
  return {
    kind: 'blueprint' as const,
    name: entry.name,
    ownerId: owners[entry.owner].id,
    ...metadata,
    latestVersion: String(document.version),
    search: searchVector({ name: entry.name, ...metadata }),
    ...history(entry, now),
  };
}

async function checkParity(database: Database, entries: CatalogueEntry[]): Promise<number> {
  const sample = entries.slice(0, PARITY_SAMPLE);
  for (const entry of sample) {
    const { metadata } = validateDocument('blueprint', entry.document, { name: entry.name });
    const [{ equal }] = await database.db
      .select({ equal: count() })
      .from(registryEntries)
      .where(
        and(
          eq(registryEntries.kind, 'blueprint'),
          eq(registryEntries.name, entry.name),
          sql`${registryEntries.search} = ${searchVector({ name: entry.name, ...metadata })}`,
        ),
      );
    if (equal !== 1) {
      throw new Error(
        `The search vector publishVersion stored for ${entry.name} differs from the batch path's; the batch-seeded rows would not be what production writes.`,
      );
    }
  }
  return sample.length;
}

/**
 * Seeds a catalogue into a migrated database that already holds the built-in node types: creates the owners,
 * publishes the first `publish` entries through publishVersion (as their owners, 4 at a time), inserts the rest
 * in batches of 500 with the service's own metadata extraction and search vector, gives every entry its
 * history (uses, downloads, age, deprecation), checks vector parity and runs VACUUM ANALYZE.
 * @example const report = await seedCatalogue(database, generateCatalogue(10_000), { publish: 200 })
 */
export async function seedCatalogue(
  database: Database,
  catalogue: Catalogue,
  options: { publish: number },
): Promise<CatalogueSeedReport> {
  const now = Date.now();
  const owners = await createOwners(database, catalogue);
  const published = catalogue.entries.slice(0, options.publish);
  const batched = catalogue.entries.slice(options.publish);

  let start = performance.now();
  await publishAll(database, published, owners, now);
  const publishMs = performance.now() - start;

  start = performance.now();
  for (let i = 0; i < batched.length; i += BATCH_SIZE) {
    const rows = batched.slice(i, i + BATCH_SIZE).map((entry) => batchRow(entry, owners, now));
    await database.db.insert(registryEntries).values(rows);
  }
  const insertMs = performance.now() - start;

  const parityChecked = await checkParity(database, published);
  const [{ total }] = await database.db
    .select({ total: count() })
    .from(registryEntries)
    .where(eq(registryEntries.kind, 'blueprint'));
  if (total !== catalogue.entries.length) {
    throw new Error(`Expected ${catalogue.entries.length} blueprints after seeding, found ${total}.`);
  }

  start = performance.now();
  await database.sql`vacuum analyze registry_entries`;
  const vacuumMs = performance.now() - start;
  return {
    published: published.length,
    publishMs,
    publishConcurrency: PUBLISH_CONCURRENCY,
    inserted: batched.length,
    insertMs,
    parityChecked,
    vacuumMs,
  };
}
