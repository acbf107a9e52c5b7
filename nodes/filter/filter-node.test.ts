import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChangeBatch, Row } from '../../runtime/engine/node-api';
import { createTestContext } from '../transform-kit/test-context';
import type { FilterConfig } from './conditions';
import { create } from './filter-node';

const columns = [
  { name: 'id', type: 'int8' as const },
  { name: 'site', type: 'text' as const },
  { name: 'p', type: 'float8' as const },
  { name: 'ts', type: 'timestamptz' as const },
];

function run(config: FilterConfig) {
  const t = createTestContext({ config, inputs: { rows: columns } });
  const node = create(t.ctx);
  const send = (batch: Partial<ChangeBatch>) =>
    node.receive?.('rows', { inserts: [], updates: [], deletes: [], ...batch });
  return { t, node, send };
}

const row = (id: number, site: string | null, p: number | null, ts = 0): { key: string; row: Row } => ({
  key: String(id),
  row: { id, site, p, ts },
});

describe('core/filter', () => {
  it('turns rows that start or stop passing into inserts and deletes', () => {
    const { t, send } = run({ conditions: [{ column: 'p', op: '>', value: 6 }], combine: 'all' });
    send({ inserts: [row(1, 'n', 7), row(2, 'n', 5)] });
    expect([...t.table().keys()]).toEqual(['1']);
    send({ updates: [row(1, 'n', 4), row(2, 'n', 9)] });
    expect(t.batches[1].batch).toEqual({ inserts: [row(2, 'n', 9)], updates: [], deletes: ['1'] });
    send({ updates: [row(2, 'n', 10)] });
    expect(t.batches[2].batch.updates).toEqual([row(2, 'n', 10)]);
    send({ deletes: ['2', '1'] });
    expect(t.batches[3].batch).toEqual({ inserts: [], updates: [], deletes: ['2'] });
    expect(t.table().size).toBe(0);
  });

  it.each([
    [{ column: 'p', op: '=', value: '7' }, ['1']],
    [{ column: 'p', op: '!=', value: 7 }, ['2']],
    [{ column: 'p', op: '<=', value: 5 }, ['2']],
    [{ column: 'p', op: '>=', value: 5 }, ['1', '2']],
    [{ column: 'p', op: '<', value: 7 }, ['2']],
    [{ column: 'site', op: 'in', value: ['north', 'east'] }, ['1', '3']],
    [{ column: 'site', op: 'in', value: 'north, east' }, ['1', '3']],
    [{ column: 'site', op: 'not in', value: ['north'] }, ['2', '3']],
    [{ column: 'site', op: 'contains', value: 'OR' }, ['1']],
    [{ column: 'p', op: 'is null' }, ['3']],
    [{ column: 'p', op: 'is not null' }, ['1', '2']],
    [{ column: 'p', op: '=', value: null }, ['3']],
    [{ column: 'ts', op: '>=', value: '2024-01-01T00:00:00Z' }, ['2']],
  ] as const)('%j keeps %j', (condition, expected) => {
    const { t, send } = run({ conditions: [condition as FilterConfig['conditions'][0]] });
    send({
      inserts: [
        row(1, 'north', 7, Date.parse('2023-06-01')),
        row(2, 'south', 5, Date.parse('2024-06-01')),
        row(3, 'east', null),
      ],
    });
    expect([...t.table().keys()].sort()).toEqual(expected);
  });

  it('combines with any', () => {
    const { t, send } = run({
      conditions: [
        { column: 'p', op: '>', value: 6 },
        { column: 'site', op: '=', value: 'south' },
      ],
      combine: 'any',
    });
    send({ inserts: [row(1, 'north', 7), row(2, 'south', 5), row(3, 'east', 1)] });
    expect([...t.table().keys()].sort()).toEqual(['1', '2']);
  });

  it('reports PTR200 in plain words for a condition it cannot use', () => {
    const { t, send } = run({ conditions: [{ column: 'p', op: '>', value: 'high' }] });
    expect(t.problems).toHaveLength(1);
    expect(t.problems[0]).toMatchObject({ code: 'PTR200', severity: 'error' });
    expect(t.problems[0].message).toContain('"p > "high""');
    send({ inserts: [row(1, 'n', 7)] });
    expect(t.batches).toHaveLength(0);
    const missing = run({ conditions: [{ column: 'p', op: '=' }] });
    expect(missing.t.problems[0].message).toContain('has no value to compare with');
  });

  it('matches a reference filter over random inserts, updates and deletes', () => {
    const op = fc.record({
      id: fc.integer({ min: 0, max: 15 }),
      p: fc.option(fc.integer({ min: 0, max: 10 })),
      kind: fc.constantFrom('upsert', 'delete'),
    });
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 8 }), { maxLength: 10 }), (batches) => {
        const { t, send } = run({ conditions: [{ column: 'p', op: '>=', value: 5 }] });
        const source = new Map<string, Row>();
        for (const ops of batches) {
          const batch: ChangeBatch = { inserts: [], updates: [], deletes: [] };
          const seen = new Set<string>();
          for (const o of ops) {
            const key = String(o.id);
            if (seen.has(key)) continue;
            seen.add(key);
            if (o.kind === 'delete') {
              if (source.delete(key)) batch.deletes.push(key);
            } else {
              const r = row(o.id, 's', o.p);
              (source.has(key) ? batch.updates : batch.inserts).push(r);
              source.set(key, r.row);
            }
          }
          send(batch);
          const expected = [...source].filter(([, r]) => typeof r.p === 'number' && r.p >= 5);
          expect(new Map(expected)).toEqual(t.table());
        }
      }),
    );
  });
});
