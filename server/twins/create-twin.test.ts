import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Twin } from '../../schemas/twin/twin.types';
import { createTestApp, type TestApp, type TestUser } from '../test-support/test-app';
import {
  blueprintUseCount,
  countRows,
  pumpFleetBindings,
  pumpFleetTwin,
  seedTestRegistry,
} from './twin-test-fixtures';

let t: TestApp;
let ada: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  await seedTestRegistry(t.database);
  ada = await t.signup('ada');
});
afterAll(() => t?.close());

interface ErrorBody {
  error: { code: string; message: string; details?: { problems?: Record<string, unknown>[] } };
}

const telemetry = () => pumpFleetBindings().telemetry as Extract<Twin['bindings'][string], { kind: 'table' }>;

/** Posts a twin that must be refused, and checks that nothing changed in the database. */
async function refused(body: unknown, status: number, code: string) {
  const before = {
    twins: await countRows(t.database, 'twins'),
    uses: await blueprintUseCount(t.database, 'pump-fleet-monitor'),
  };
  const response = await t.as(ada).request('POST', '/api/twins', body);
  const error = ((await response.json()) as ErrorBody).error;
  expect({ status: response.status, code: error.code }).toEqual({ status, code });
  expect(error.message.length).toBeGreaterThan(20);
  expect(error.message).not.toMatch(/undefined|\[object Object\]/);
  expect(await countRows(t.database, 'twins')).toBe(before.twins);
  expect(await blueprintUseCount(t.database, 'pump-fleet-monitor')).toBe(before.uses);
  return error;
}

describe('POST /api/twins', () => {
  it('creates a twin with full bindings, stores its document and counts a use of the blueprint', async () => {
    const uses = await blueprintUseCount(t.database, 'pump-fleet-monitor');
    const response = await t.as(ada).request('POST', '/api/twins', pumpFleetTwin());
    expect(response.status).toBe(201);
    const twin = (await response.json()) as Record<string, unknown>;
    expect(twin).toMatchObject({
      title: 'North plant pumps',
      owner: { id: ada.id, name: 'ada' },
      blueprint: { name: 'pump-fleet-monitor', version: '1.0.0' },
      visibility: 'private',
      canEdit: true,
      document: { ...pumpFleetTwin(), visibility: 'private' },
    });
    expect(twin.createdAt).toEqual(expect.any(String));
    const [row] = await t.database.sql`select * from twins where id = ${twin.id as string}`;
    expect(row.owner_id).toBe(ada.id);
    expect(row.blueprint_name).toBe('pump-fleet-monitor');
    expect(row.blueprint_version).toBe('1.0.0');
    expect(row.document).toEqual({ ...pumpFleetTwin(), visibility: 'private' });
    expect(await blueprintUseCount(t.database, 'pump-fleet-monitor')).toBe(uses + 1);
  });

  it('accepts value bindings, omitted optional columns, valid overrides and a layout of components', async () => {
    const response = await t.as(ada).request(
      'POST',
      '/api/twins',
      pumpFleetTwin({
        blueprint: { name: 'pump-fleet-monitor', version: '1.1.0' },
        bindings: { ...pumpFleetBindings(), alert_level: { kind: 'value', value: 4.5 } },
        overrides: { trend: { maxPoints: 5000 }, features: { size: 300 } },
        layout: {
          kind: 'mosaic',
          root: { direction: 'row', first: 'trend', second: 'health' },
          hidden: ['fleet_rul'],
        },
        visibility: 'public',
      }),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ visibility: 'public', document: { visibility: 'public' } });
  });

  it('needs a login', async () => {
    const response = await t.as(null).request('POST', '/api/twins', pumpFleetTwin());
    expect(response.status).toBe(401);
    expect(await countRows(t.database, 'twins')).toBe(2);
  });

  it('refuses a body of the wrong shape with the fields to fix', async () => {
    const error = await refused(
      { ...pumpFleetTwin(), bindings: undefined, owner: 'x' },
      400,
      'invalid_request',
    );
    expect(error.message).toMatch(/"bindings" is missing/);
    expect(error.message).toMatch(/not expected: "owner"/);
  });

  it('refuses a document the twin schema rejects, with coded problems', async () => {
    const error = await refused(
      pumpFleetTwin({ blueprint: { name: 'Pump Fleet', version: 'latest' } }),
      400,
      'invalid_document',
    );
    const problems = error.details!.problems!;
    expect(problems.map((p) => p.pointer).sort()).toEqual(['/blueprint/name', '/blueprint/version']);
    for (const p of problems) expect(p.code).toMatch(/^PT\d{3}$/);
  });

  it('refuses a blueprint version the registry does not have', async () => {
    const error = await refused(
      pumpFleetTwin({ blueprint: { name: 'pump-fleet-monitor', version: '9.9.9' } }),
      404,
      'blueprint_not_found',
    );
    expect(error.message).toMatch(/"pump-fleet-monitor" at version 9\.9\.9/);
    await refused(
      pumpFleetTwin({ blueprint: { name: 'no-such-thing', version: '1.0.0' } }),
      404,
      'blueprint_not_found',
    );
  });

  it('refuses an input left unbound, naming it', async () => {
    const error = await refused(pumpFleetTwin({ bindings: {} }), 400, 'binding_missing');
    expect(error.message).toMatch(/"telemetry" \(Pump telemetry\)/);
  });

  it('refuses a binding for an input the blueprint does not declare', async () => {
    const bindings = { ...pumpFleetBindings(), weather: { kind: 'value' as const, value: 1 } };
    const error = await refused(pumpFleetTwin({ bindings }), 400, 'binding_unknown');
    expect(error.message).toMatch(/"weather", which is not an input.*inputs are telemetry/);
  });

  it('refuses a table binding that leaves a required column unmapped, naming input and column', async () => {
    const columns = { ...telemetry().columns };
    delete columns.ts;
    const error = await refused(
      pumpFleetTwin({ bindings: { telemetry: { ...telemetry(), columns } } }),
      400,
      'column_unmapped',
    );
    expect(error.message).toMatch(/input "telemetry" needs the column "ts"/);
    expect(error.details!.problems![0]).toMatchObject({ input: 'telemetry', column: 'ts' });
  });

  it('refuses a mapping for a column the input does not declare', async () => {
    const columns = { ...telemetry().columns, humidity: 'hum' };
    const error = await refused(
      pumpFleetTwin({ bindings: { telemetry: { ...telemetry(), columns } } }),
      400,
      'column_unknown',
    );
    expect(error.message).toMatch(/"humidity"/);
  });

  it('refuses a binding of the wrong kind, and a value of the wrong type', async () => {
    const wrongKind = await refused(
      pumpFleetTwin({ bindings: { telemetry: { kind: 'value', value: 3 } } }),
      400,
      'binding_kind_mismatch',
    );
    expect(wrongKind.message).toMatch(/is a table, but the twin binds it to a value/);
    const wrongValue = await refused(
      pumpFleetTwin({
        blueprint: { name: 'pump-fleet-monitor', version: '1.1.0' },
        bindings: { ...pumpFleetBindings(), alert_level: { kind: 'value', value: 'high' } },
      }),
      400,
      'binding_value_invalid',
    );
    expect(wrongValue.message).toMatch(/"alert_level" \(Alert level\) takes a number \(float8\)/);
  });

  it('reports every binding problem at once in the details', async () => {
    const error = await refused(
      pumpFleetTwin({
        blueprint: { name: 'pump-fleet-monitor', version: '1.1.0' },
        bindings: { telemetry: { ...telemetry(), columns: {} }, extra: { kind: 'value', value: 1 } },
      }),
      400,
      'column_unmapped',
    );
    const codes = error.details!.problems!.map((p) => `${p.code}:${p.input}:${p.column ?? ''}`);
    // Sorted: the registry's jsonb does not keep the order in which the blueprint declared its columns.
    expect(codes.sort()).toEqual([
      'binding_missing:alert_level:',
      'binding_unknown:extra:',
      'column_unmapped:telemetry:bearing_temp',
      'column_unmapped:telemetry:id',
      'column_unmapped:telemetry:pump_id',
      'column_unmapped:telemetry:ts',
      'column_unmapped:telemetry:vibration_rms',
    ]);
    expect(error.message).toMatch(/6 more problems are listed in the details/);
  });

  it('refuses overrides of nodes the blueprint does not have', async () => {
    const error = await refused(
      pumpFleetTwin({ overrides: { chart: { maxPoints: 10 } } }),
      400,
      'override_unknown_node',
    );
    expect(error.message).toMatch(/node "chart".*its nodes are telemetry, features/);
  });

  it('refuses overrides that break the blueprint, with the compiler problems pointing into the overrides', async () => {
    const missingColumn = await refused(
      pumpFleetTwin({ overrides: { trend: { y: ['pressure'] } } }),
      422,
      'twin_invalid',
    );
    expect(missingColumn.message).toMatch(/pressure/);
    expect(missingColumn.details!.problems).toContainEqual(
      expect.objectContaining({ code: 'PT130', nodeId: 'trend', pointer: '/overrides/trend/y/0' }),
    );
    const badConfig = await refused(
      pumpFleetTwin({ overrides: { trend: { maxPoints: 'lots' } } }),
      422,
      'twin_invalid',
    );
    expect(badConfig.details!.problems).toContainEqual(
      expect.objectContaining({ code: 'PT140', pointer: '/overrides/trend/maxPoints' }),
    );
  });

  it("refuses a layout that places anything but the blueprint's components", async () => {
    const error = await refused(
      pumpFleetTwin({
        layout: { kind: 'mosaic', root: { direction: 'row', first: 'telemetry', second: 'ghost' } },
      }),
      400,
      'layout_unknown_panel',
    );
    expect(error.message).toMatch(/"telemetry", which is a source node.*not a component/);
    expect(error.details!.problems!.map((p) => p.pointer)).toEqual([
      '/layout/root/first',
      '/layout/root/second',
    ]);
    await refused(
      pumpFleetTwin({ layout: { kind: 'mosaic', root: 'trend', hidden: ['trend'] } }),
      400,
      'layout_duplicate_panel',
    );
  });
});

describe('which tables a twin may read', () => {
  it("refuses a binding to the platform's own tables, and changes nothing", async () => {
    const eve = await t.signup('eve-tables');
    const before = await countRows(t.database, 'twins');
    const bindings = pumpFleetBindings();
    (bindings.telemetry as { table: string }).table = 'public.users';
    const response = await t.as(eve).request('POST', '/api/twins', pumpFleetTwin({ bindings }));
    expect(response.status).toBe(403);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('table_not_allowed');
    expect(error.message).toContain('public.users');
    expect(await countRows(t.database, 'twins')).toBe(before);
  });
});
