import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinManifests } from '../../nodes/builtins';
import { builtinRegistry } from '../../runtime/compiler/builtin-registry';
import { compileBlueprint } from '../../runtime/compiler/compile';
import pumpFleet from '../../runtime/compiler/fixtures/valid/pump-fleet.json';
import { DbNodeTypeRegistry } from '../registry/db-node-type-registry';
import { registryCounts } from '../registry/test-fixtures';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { seedBuiltins, SYSTEM_EMAIL } from './seed-builtins';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('seeding the built-in node types', () => {
  it('publishes every built-in manifest once, owned by an administrator nobody can log in as', async () => {
    const first = await seedBuiltins(t.database);
    expect(first.published).toHaveLength(builtinManifests.length);
    expect(first.published).toContain('core/chart.line@1.0.0');
    expect(first.skipped).toEqual([]);
    const [system] = await t.database
      .sql`select id, role, password_hash from users where email = ${SYSTEM_EMAIL}`;
    expect(system).toMatchObject({ role: 'admin', password_hash: '!' });
    const owners = await t.database.sql`select distinct owner_id from registry_entries`;
    expect(owners.map((o) => o.owner_id)).toEqual([system.id]);
    const login = await t.as(null).request('POST', '/api/auth/login', { email: SYSTEM_EMAIL, password: '!' });
    expect(login.status).toBe(401);
  });

  it('is idempotent', async () => {
    const before = await registryCounts(t);
    const again = await seedBuiltins(t.database);
    expect(again.published).toEqual([]);
    expect(again.skipped).toHaveLength(builtinManifests.length);
    expect(await registryCounts(t)).toEqual(before);
  });

  it('serves the same manifests and digests as the in-memory built-in registry', async () => {
    const registry = new DbNodeTypeRegistry(t.database.db);
    const builtins = await builtinRegistry();
    for (const { manifest, sha256 } of builtins.all()) {
      expect(await registry.versions(manifest.id)).toEqual([manifest.version]);
      expect(await registry.manifest(manifest.id, manifest.version)).toEqual({ manifest, sha256 });
    }
    expect(await registry.versions('acme/nothing')).toEqual([]);
    expect(await registry.manifest('core/kpi', '9.9.9')).toBeUndefined();
    const fromDb = await compileBlueprint(pumpFleet, { registry });
    const inMemory = await compileBlueprint(pumpFleet, { registry: builtins });
    expect(fromDb.ok && inMemory.ok).toBe(true);
    if (fromDb.ok && inMemory.ok) expect(fromDb.plan).toEqual(inMemory.plan);
  });
});
