import { eq, sql } from 'drizzle-orm';
import semver from 'semver';
import pumpFleetJson from '../../docs/examples/pump-fleet.blueprint.json';
import { builtinManifests } from '../../nodes/builtins';
import { compileBlueprint } from '../../runtime/compiler/compile';
import { canonicalJson, sha256Hex } from '../../runtime/compiler/digest';
import type { Blueprint, TableInput } from '../../schemas/blueprint/blueprint.types';
import type { NodeManifest } from '../../schemas/node-manifest/node-manifest.types';
import type { Twin } from '../../schemas/twin/twin.types';
import type { Database } from '../db/database';
import { registryEntries, registryVersions, users } from '../db/schema/index';
import { DbNodeTypeRegistry } from '../registry/db-node-type-registry';

// Test support for the twins feature: puts node types and blueprints into the registry tables directly, as the
// registry feature will publish them, so that twins can be tested before (and independently of) its routes.

/** The example blueprint (docs/examples), as published: pump-fleet-monitor@1.0.0 with one table input. */
export const pumpFleet = pumpFleetJson as unknown as Blueprint;

const telemetryInput = pumpFleet.inputs!.telemetry as TableInput;

/**
 * pump-fleet-monitor@1.1.0: the example plus an optional `site` column and a value input `alert_level` read by a
 * parameter node, to exercise optional columns and value bindings.
 */
export const pumpFleetWithAlert: Blueprint = {
  ...pumpFleet,
  version: '1.1.0',
  inputs: {
    telemetry: {
      ...telemetryInput,
      columns: { ...telemetryInput.columns, site: { type: 'text', role: 'label', optional: true } },
    },
    alert_level: { kind: 'value', title: 'Alert level', type: 'float8', unit: 'mm/s' },
  },
  nodes: [
    ...pumpFleet.nodes,
    { id: 'alert', type: 'core/param@^1', config: { name: 'alert_level', input: 'alert_level' } },
  ],
};

/** Bindings that satisfy pump-fleet-monitor@1.0.0. */
export function pumpFleetBindings(): Twin['bindings'] {
  return {
    telemetry: {
      kind: 'table',
      connection: 'builtin',
      table: 'demo.pump_telemetry',
      columns: {
        id: 'id',
        pump_id: 'pump',
        ts: 'recorded_at',
        vibration_rms: 'vib_rms',
        bearing_temp: 'temp_c',
      },
    },
  };
}

/** A valid twin document for pump-fleet-monitor@1.0.0, with `changes` applied on top. */
export function pumpFleetTwin(changes: Partial<Twin> = {}): Twin {
  return {
    schemaVersion: 1,
    title: 'North plant pumps',
    blueprint: { name: 'pump-fleet-monitor', version: '1.0.0' },
    bindings: pumpFleetBindings(),
    ...changes,
  };
}

async function publish(
  database: Database,
  ownerId: string,
  kind: 'component' | 'blueprint',
  name: string,
  title: string,
  version: string,
  document: unknown,
): Promise<void> {
  const { db } = database;
  const [existing] = await db
    .select({ id: registryEntries.id })
    .from(registryEntries)
    .where(sql`${registryEntries.kind} = ${kind} and ${registryEntries.name} = ${name}`);
  let entryId = existing?.id;
  if (entryId) {
    await db.update(registryEntries).set({ latestVersion: version }).where(eq(registryEntries.id, entryId));
  } else {
    const [entry] = await db
      .insert(registryEntries)
      .values({
        kind,
        name,
        ownerId,
        title,
        latestVersion: version,
        search: sql`to_tsvector('simple', ${`${name} ${title}`})`,
      })
      .returning({ id: registryEntries.id });
    entryId = entry.id;
  }
  const parsed = semver.parse(version)!;
  await db.insert(registryVersions).values({
    entryId,
    version,
    major: parsed.major,
    minor: parsed.minor,
    patch: parsed.patch,
    prerelease: parsed.prerelease.join('.'),
    document,
    sha256: sha256Hex(canonicalJson(document)),
    publishedBy: ownerId,
  });
}

/**
 * Publishes a blueprint the way the registry does: compiled against the database's node types, with the lock
 * filled in. Throws with the compiler's problems when it does not compile.
 * @example await publishTestBlueprint(t.database, systemUserId, pumpFleet)
 */
export async function publishTestBlueprint(
  database: Database,
  ownerId: string,
  blueprint: Blueprint,
): Promise<Blueprint> {
  const compiled = await compileBlueprint(blueprint, { registry: new DbNodeTypeRegistry(database.db) });
  if (!compiled.ok) throw new Error(`test blueprint does not compile: ${JSON.stringify(compiled.problems)}`);
  const published = { ...blueprint, lock: compiled.plan.lock };
  await publish(
    database,
    ownerId,
    'blueprint',
    blueprint.name,
    blueprint.title,
    blueprint.version,
    published,
  );
  return published;
}

/**
 * A system user owning the built-in node types (component entries + versions) and the two test blueprints
 * (pump-fleet-monitor 1.0.0 and 1.1.0), inserted directly with drizzle.
 * @example const { systemUserId } = await seedTestRegistry(t.database)
 */
export async function seedTestRegistry(database: Database): Promise<{ systemUserId: string }> {
  const [system] = await database.db
    .insert(users)
    .values({ email: 'system@projecttwin.invalid', name: 'ProjectTwin', passwordHash: '!' })
    .returning({ id: users.id });
  for (const data of builtinManifests) {
    const manifest = data as NodeManifest;
    await publish(database, system.id, 'component', manifest.id, manifest.title, manifest.version, manifest);
  }
  await publishTestBlueprint(database, system.id, pumpFleet);
  await publishTestBlueprint(database, system.id, pumpFleetWithAlert);
  return { systemUserId: system.id };
}

/** How many rows a table has, to show that a refused request changed nothing. */
export async function countRows(database: Database, table: 'twins' | 'share_links'): Promise<number> {
  const rows = await database.sql`select count(*)::int as n from ${database.sql(table)}`;
  return rows[0].n as number;
}

/** The use count of a blueprint entry. */
export async function blueprintUseCount(database: Database, name: string): Promise<number> {
  const rows = await database.sql`
    select use_count from registry_entries where kind = 'blueprint' and name = ${name}`;
  return rows[0].use_count as number;
}
