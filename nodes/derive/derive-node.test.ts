import { describe, expect, it } from 'vitest';
import { ColumnarBatch, partColumn, partsOf } from '../../runtime/engine/columnar-batch';
import type { ChangeBatch, Row } from '../../runtime/engine/node-api';
import { compileForTest, contextFromPlan, telemetryBlueprint } from '../transform-kit/plan-context';
import { createTestContext } from '../transform-kit/test-context';
import { create, type DeriveConfig } from './derive-node';

const batch = (b: Partial<ChangeBatch>): ChangeBatch => ({ inserts: [], updates: [], deletes: [], ...b });
const r = (id: number, vibration: number | null, temp = 20): { key: string; row: Row } => ({
  key: String(id),
  row: { id, pump_id: 'p1', ts: id * 1000, vibration, temp },
});

function direct(config: DeriveConfig) {
  const t = createTestContext({
    config,
    inputs: {
      rows: [
        { name: 'id', type: 'int8' },
        { name: 'vibration', type: 'float8' },
        { name: 'temp', type: 'float8' },
      ],
    },
  });
  return { t, node: create(t.ctx) };
}

describe('core/derive', () => {
  it('sends the rows it received plus one column per formula, carrying columns added upstream', () => {
    const { t, node } = direct({ columns: [{ name: 'heat', expression: 'temp * 2 + vib_mean' }] });
    const base = [r(1, 3, 20).row, r(2, 1, 40).row];
    // As a window node sends them: its rows plus a summary column.
    const input = new ColumnarBatch({ keys: ['1', '2'], base, added: { vib_mean: [3, 2] } });
    node.receive?.('rows', input);
    const sent = t.batches.at(-1)!.batch;
    expect(sent).toBeInstanceOf(ColumnarBatch);
    const { inserts } = partsOf(sent);
    expect(inserts.base[0]).toBe(base[0]);
    expect(inserts.added.vib_mean).toEqual([3, 2]);
    expect(Array.from(partColumn(inserts, 'heat'))).toEqual([43, 82]);
    expect(sent.inserts[1].row).toEqual({ ...base[1], vib_mean: 2, heat: 82 });
    expect(node.preview?.().sample).toEqual([
      { ...base[0], vib_mean: 3, heat: 43 },
      { ...base[1], vib_mean: 2, heat: 82 },
    ]);
  });

  it('adds typed columns and keeps keys; updates and deletes pass through', () => {
    const { t, node } = direct({
      columns: [
        { name: 'double', expression: 'vibration * 2' },
        { name: 'rounded', expression: 'vibration * 1.5', type: 'int8' },
        { name: 'hot', expression: 'temp > 30', type: 'bool' },
        { name: 'label', expression: '"pump " + id', type: 'text' },
        { name: 'quad', expression: 'double * 2' },
      ],
    });
    node.receive?.('rows', batch({ inserts: [r(1, 3), r(2, 1, 40)] }));
    expect(t.table().get('1')).toMatchObject({
      double: 6,
      rounded: 5,
      hot: false,
      label: 'pump 1',
      quad: 12,
    });
    expect(t.table().get('2')).toMatchObject({ double: 2, rounded: 2, hot: true });
    node.receive?.('rows', batch({ updates: [r(1, 10)], deletes: ['2'] }));
    expect([...t.table().keys()]).toEqual(['1']);
    expect(t.table().get('1')).toMatchObject({ double: 20, rounded: 15 });
    expect(t.problems).toEqual([]);
  });

  it('gives null for null inputs and one warning for rows where the formula gives nothing usable', () => {
    const { t, node } = direct({ columns: [{ name: 'ratio', expression: 'temp / vibration' }] });
    node.receive?.('rows', batch({ inserts: [r(1, null), r(2, 0), r(3, 0), r(4, 2)] }));
    expect(t.table().get('1')?.ratio).toBeNull();
    expect(t.table().get('2')?.ratio).toBeNull();
    expect(t.table().get('4')?.ratio).toBe(10);
    expect(t.problems).toHaveLength(1);
    expect(t.problems[0]).toMatchObject({ code: 'PTR211', severity: 'warning' });
    expect(t.problems[0].message).toContain('Infinity');
    node.receive?.('rows', batch({ inserts: [r(5, 0)] }));
    expect(t.problems).toHaveLength(1);
  });

  it.each([
    ['a + * b', '"*" is not expected at character 5'],
    ['vibration * (2', 'ends too early'],
    ['vibration # 2', '"#" at character 11'],
    ['nosuch(vibration)', '"nosuch", which is not a known function'],
  ])('reports PTR210 with the formula and position for %s', (expression, words) => {
    const { t, node } = direct({ columns: [{ name: 'x', expression }] });
    expect(t.problems).toHaveLength(1);
    expect(t.problems[0]).toMatchObject({ code: 'PTR210', severity: 'error' });
    expect(t.problems[0].message).toContain(words);
    expect(t.problems[0].message).toContain('"x"');
    expect(node.receive).toBeUndefined();
  });

  it('supports functions, transforms and conditionals', () => {
    const { t, node } = direct({
      columns: [
        { name: 'a', expression: 'round(sqrt(vibration), 2)' },
        { name: 'b', expression: 'vibration|abs' },
        { name: 'c', expression: 'vibration > 5 ? "high" : "low"', type: 'text' },
        { name: 'd', expression: 'coalesce(vibration, 0)' },
      ],
    });
    node.receive?.('rows', batch({ inserts: [r(1, 2), r(2, null)] }));
    expect(t.table().get('1')).toMatchObject({ a: 1.41, b: 2, c: 'low', d: 2 });
    expect(t.table().get('2')).toMatchObject({ a: null, b: null, c: 'low', d: 0 });
  });

  it('warns about names that are neither columns nor parameters', () => {
    const { t } = direct({ columns: [{ name: 'x', expression: 'vibraton * 2' }] });
    expect(t.problems[0]).toMatchObject({ code: 'PTR212', severity: 'warning' });
    expect(t.problems[0].message).toContain('"vibraton"');
  });

  it('uses parameters by name and re-emits every row when one changes (plan from the real compiler)', async () => {
    const plan = await compileForTest(
      telemetryBlueprint(
        [
          { id: 'speed', type: 'core/param@^1', config: { name: 'speed', default: 2 } },
          { id: 'gain', type: 'core/param@^1', config: { name: 'gain', default: 10 } },
          {
            id: 'd',
            type: 'core/derive@^1',
            config: { columns: [{ name: 'scaled', expression: 'vibration * speed + gain', unit: 'x' }] },
          },
        ],
        [
          { from: 'source.rows', to: 'd.rows' },
          { from: 'speed.value', to: 'd.params' },
          { from: 'gain.value', to: 'd.params' },
        ],
      ),
    );
    const t = contextFromPlan<DeriveConfig>(plan, 'd');
    const node = create(t.ctx);
    node.receive?.('rows', batch({ inserts: [r(1, 3), r(2, 4)] }));
    expect(t.table().get('1')?.scaled).toBe(16);
    const speedEdge = plan.edges.find((e) => e.from.node === 'speed')!;
    node.receiveValue?.('params', 5, { edge: speedEdge.id, node: 'speed', port: 'value' });
    const last = t.batches.at(-1)!.batch;
    expect(last.inserts).toEqual([]);
    expect(last.updates.map((u) => u.key).sort()).toEqual(['1', '2']);
    expect(t.table().get('1')?.scaled).toBe(25);
    expect(t.table().get('2')?.scaled).toBe(30);
    node.receiveValue?.('params', 5, { edge: speedEdge.id, node: 'speed', port: 'value' });
    expect(t.batches.at(-1)!.batch).toBe(last);
    node.receiveValue?.('params', 1);
    expect(t.problems.map((p) => p.code)).toEqual(['PTR213']);
    expect(plan.nodes.find((n) => n.id === 'd')!.outputs.rows.columns!.at(-1)).toEqual({
      name: 'scaled',
      type: 'float8',
      unit: 'x',
    });
  });
});
