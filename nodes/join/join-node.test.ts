import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChangeBatch, Row } from '../../runtime/engine/node-api';
import { compileForTest, contextFromPlan } from '../transform-kit/plan-context';
import { createTestContext } from '../transform-kit/test-context';
import { create, type JoinConfig } from './join-node';

const blueprint = {
  schemaVersion: 1,
  name: 'join-test',
  version: '1.0.0',
  title: 'Join test',
  inputs: {
    telemetry: {
      kind: 'table',
      columns: {
        id: { type: 'int8', role: 'key' },
        pump_id: { type: 'text', role: 'entity' },
        vibration: { type: 'float8', unit: 'mm/s' },
      },
      primaryKey: ['id'],
    },
    pumps: {
      kind: 'table',
      columns: { id: { type: 'text', role: 'key' }, site: { type: 'text' }, rated_kw: { type: 'float8' } },
      primaryKey: ['id'],
    },
  },
  nodes: [
    { id: 'telemetry', type: 'core/source.table@^1', config: { input: 'telemetry' } },
    { id: 'pumps', type: 'core/source.table@^1', config: { input: 'pumps' } },
    {
      id: 'j',
      type: 'core/join@^1',
      config: {
        on: [{ left: 'pump_id', right: 'id' }],
        columns: [
          { column: 'site', type: 'text' },
          { column: 'rated_kw', type: 'float8', unit: 'kW' },
        ],
        prefix: 'pump_',
      },
    },
  ],
  edges: [
    { from: 'telemetry.rows', to: 'j.left' },
    { from: 'pumps.rows', to: 'j.right' },
  ],
};

const b = (x: Partial<ChangeBatch>): ChangeBatch => ({ inserts: [], updates: [], deletes: [], ...x });

describe('core/join', () => {
  it('compiles and adds the right columns after the left ones, with prefix, type and unit', async () => {
    const plan = await compileForTest(blueprint);
    expect(plan.nodes.find((n) => n.id === 'j')!.outputs.rows.columns).toEqual([
      { name: 'id', type: 'int8', role: 'key' },
      { name: 'pump_id', type: 'text', role: 'entity' },
      { name: 'vibration', type: 'float8', unit: 'mm/s' },
      { name: 'pump_site', type: 'text' },
      { name: 'pump_rated_kw', type: 'float8', unit: 'kW' },
    ]);
  });

  it('enriches left rows and follows changes on both sides', async () => {
    const plan = await compileForTest(blueprint);
    const t = contextFromPlan<JoinConfig>(plan, 'j');
    const node = create(t.ctx);
    node.receive?.('left', b({ inserts: [{ key: '1', row: { id: 1, pump_id: 'p1', vibration: 2 } }] }));
    expect(t.table().get('1')).toEqual({
      id: 1,
      pump_id: 'p1',
      vibration: 2,
      pump_site: null,
      pump_rated_kw: null,
    });
    node.receive?.('right', b({ inserts: [{ key: 'p1', row: { id: 'p1', site: 'north', rated_kw: 7 } }] }));
    expect(t.table().get('1')).toMatchObject({ pump_site: 'north', pump_rated_kw: 7 });
    node.receive?.('right', b({ updates: [{ key: 'p1', row: { id: 'p1', site: 'south', rated_kw: 7 } }] }));
    expect(t.table().get('1')).toMatchObject({ pump_site: 'south' });
    node.receive?.('left', b({ updates: [{ key: '1', row: { id: 1, pump_id: 'p2', vibration: 3 } }] }));
    expect(t.table().get('1')).toMatchObject({ pump_site: null, vibration: 3 });
    node.receive?.('right', b({ deletes: ['p1'] }));
    expect(t.batches).toHaveLength(4);
    node.receive?.('left', b({ deletes: ['1'] }));
    expect(t.table().size).toBe(0);
    expect(t.problems).toEqual([]);
  });

  it('warns once about duplicate lookup rows and about a type that differs from the settings', () => {
    const t = createTestContext<JoinConfig>({
      config: { on: [{ left: 'k', right: 'k' }], columns: [{ column: 'v', type: 'float8' }] },
      inputs: {
        left: [{ name: 'k', type: 'text' }],
        right: [
          { name: 'k', type: 'text' },
          { name: 'v', type: 'text' },
        ],
      },
    });
    const node = create(t.ctx);
    expect(t.problems.map((p) => p.code)).toEqual(['PTR241']);
    node.receive?.(
      'right',
      b({
        inserts: [
          { key: 'a', row: { k: 'x', v: '1' } },
          { key: 'b', row: { k: 'x', v: '2' } },
        ],
      }),
    );
    node.receive?.('left', b({ inserts: [{ key: '1', row: { k: 'x' } }] }));
    expect(t.table().get('1')?.v).toBe('1');
    node.receive?.('right', b({ deletes: ['a'] }));
    expect(t.table().get('1')?.v).toBe('2');
    expect(t.problems.map((p) => p.code)).toEqual(['PTR241', 'PTR240']);
  });

  it('matches a reference left join over random changes on both sides', () => {
    const change = fc.record({
      side: fc.constantFrom('left', 'right'),
      id: fc.integer({ min: 0, max: 8 }),
      k: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 6 }),
      v: fc.integer({ min: 0, max: 99 }),
      kind: fc.constantFrom('upsert', 'upsert', 'delete'),
    });
    fc.assert(
      fc.property(fc.array(fc.array(change, { maxLength: 6 }), { maxLength: 12 }), (batches) => {
        const t = createTestContext<JoinConfig>({
          config: { on: [{ left: 'k', right: 'k' }], columns: [{ column: 'v', type: 'int8' }], prefix: 'r_' },
        });
        const node = create(t.ctx);
        const sides = { left: new Map<string, Row>(), right: new Map<string, Row>() };
        for (const ops of batches) {
          for (const side of ['left', 'right'] as const) {
            const batch = b({});
            const seen = new Set<string>();
            for (const o of ops.filter((x) => x.side === side)) {
              const key = String(o.id);
              if (seen.has(key)) continue;
              seen.add(key);
              if (o.kind === 'delete') {
                if (sides[side].delete(key)) batch.deletes.push(key);
                continue;
              }
              const row: Row = { k: o.k, v: o.v };
              (sides[side].has(key) ? batch.updates : batch.inserts).push({ key, row });
            }
            // The oldest right row wins: an update keeps a row's age unless its match moves. Within a batch,
            // updates count as older than inserts.
            for (const { key, row } of [...batch.updates, ...batch.inserts]) {
              const old = sides[side].get(key);
              if (old && old.k !== row.k) sides[side].delete(key);
              sides[side].set(key, row);
            }
            node.receive?.(side, batch);
          }
          const expected = new Map<string, Row>();
          for (const [key, row] of sides.left) {
            const match = row.k === null ? undefined : [...sides.right.values()].find((r) => r.k === row.k);
            expected.set(key, { ...row, r_v: match ? match.v : null });
          }
          expect(t.table()).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });
});
