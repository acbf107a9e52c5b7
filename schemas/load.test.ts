import { describe, expect, it } from 'vitest';
import { blueprintRecord } from './blueprint/blueprint.record';
import { layoutRecord } from './layout/layout.record';
import { loadDocument } from './load';
import { defineRecord } from './migrations';
import { twinRecord } from './twin/twin.record';

const draft = {
  schemaVersion: 0,
  name: 'draft',
  version: '0.1.0',
  title: 'Draft',
  nodes: [{ id: 'a', type: 'core/param@^1', params: { name: 'speed' } }],
  wires: [],
};

describe('loadDocument', () => {
  it('migrates an older version and says so', () => {
    const loaded = loadDocument(blueprintRecord, draft);
    expect(loaded).toMatchObject({ ok: true, migratedFrom: 0, value: { schemaVersion: 1, edges: [] } });
  });

  it('validates the old version before migrating it', () => {
    const loaded = loadDocument(blueprintRecord, { ...draft, nodes: [{ id: 'a' }] });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems[0]).toMatchObject({ code: 'PT010', pointer: '/nodes/0' });
  });

  it.each([
    [null, 'PT003'],
    [[], 'PT003'],
    ['text', 'PT003'],
    [{ ...draft, schemaVersion: 7 }, 'PT004'],
    [{ ...draft, schemaVersion: -1 }, 'PT004'],
    [{ ...draft, schemaVersion: '1' }, 'PT011'],
    [{ name: 'x' }, 'PT005'],
  ])('refuses %j with %s', (data, code) => {
    const loaded = loadDocument(blueprintRecord, data);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems.map((p) => p.code)).toEqual([code]);
  });

  it('reads an embedded layout without schemaVersion as the current version', () => {
    expect(loadDocument(layoutRecord, { kind: 'mosaic', root: 'a' })).toMatchObject({ ok: true });
  });

  it('answers a migration that throws with PT006 instead of crashing', () => {
    const record = defineRecord({
      kind: 'blueprint',
      currentVersion: 1,
      schemaIds: blueprintRecord.schemaIds,
      versionOptional: false,
      migrations: [
        {
          id: 'blueprint/0-to-1-broken',
          fromVersion: 0,
          up: () => {
            throw new Error('unexpected shape');
          },
        },
      ],
    });
    const loaded = loadDocument(record, draft);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems[0]).toMatchObject({ code: 'PT006', severity: 'error' });
  });

  it('validates twins with a binding per input', () => {
    const twin = {
      schemaVersion: 1,
      title: 'North plant pumps',
      blueprint: { name: 'pump-fleet-monitor', version: '1.0.0' },
      bindings: {
        telemetry: {
          kind: 'table',
          connection: 'builtin',
          table: 'public.pump_telemetry',
          columns: { ts: 'time' },
        },
        speed: { kind: 'value', value: 1500 },
      },
      visibility: 'unlisted',
    };
    expect(loadDocument(twinRecord, twin).ok).toBe(true);
    const bad = {
      ...twin,
      bindings: {
        telemetry: { kind: 'table', connection: 'builtin', table: 'x; drop table y', columns: {} },
      },
    };
    const loaded = loadDocument(twinRecord, bad);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok)
      expect(loaded.problems[0]).toMatchObject({ code: 'PT013', pointer: '/bindings/telemetry/table' });
  });
});
