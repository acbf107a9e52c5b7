import { describe, expect, it } from 'vitest';
import type { ChangeBatch, Row } from '../../runtime/engine/node-api';
import { compileForTest, contextFromPlan, telemetryBlueprint } from '../transform-kit/plan-context';
import { createTestContext } from '../transform-kit/test-context';
import { ALERT_COLUMNS, create, fillMessage, type ThresholdConfig } from './threshold-node';

const config: ThresholdConfig = {
  rules: [
    {
      name: 'High vibration',
      column: 'vibration',
      op: '>',
      value: 7,
      severity: 'alarm',
      message: '{entity}: vibration {value} mm/s',
    },
    { column: 'temp', op: '>=', value: 80 },
  ],
  entity: 'pump_id',
  time: 'ts',
};
const b = (x: Partial<ChangeBatch>): ChangeBatch => ({ inserts: [], updates: [], deletes: [], ...x });
const r = (id: number, vibration: number | null, temp: number): { key: string; row: Row } => ({
  key: String(id),
  row: { id, pump_id: `p${id}`, ts: 1000 * id, vibration, temp },
});

describe('core/threshold', () => {
  it('compiles with exactly the alert columns', async () => {
    const plan = await compileForTest(
      telemetryBlueprint(
        [{ id: 'alerts', type: 'core/threshold@^1', config }],
        [{ from: 'source.rows', to: 'alerts.rows' }],
      ),
    );
    const columns = plan.nodes.find((n) => n.id === 'alerts')!.outputs.alerts.columns!;
    expect(columns.map((c) => [c.name, c.type])).toEqual([
      ['alert_id', 'text'],
      ['rule', 'text'],
      ['severity', 'text'],
      ['message', 'text'],
      ['entity', 'text'],
      ['ts', 'timestamptz'],
      ['value', 'float8'],
    ]);
    expect(columns.map((c) => c.name)).toEqual([...ALERT_COLUMNS]);
    const t = contextFromPlan<ThresholdConfig>(plan, 'alerts');
    create(t.ctx).receive?.('rows', b({ inserts: [r(1, 9, 20)] }));
    expect(Object.keys(t.table('alerts').get('High vibration|1')!)).toEqual([...ALERT_COLUMNS]);
  });

  it('keeps an alert while its row breaks the rule and deletes it when the row recovers or leaves', () => {
    const t = createTestContext({ config, outputs: { alerts: { kind: 'table' } } });
    const node = create(t.ctx);
    node.receive?.('rows', b({ inserts: [r(1, 9, 20), r(2, 1, 85), r(3, null, 20)] }));
    const alerts = t.table('alerts');
    expect(alerts.get('High vibration|1')).toEqual({
      alert_id: 'High vibration|1',
      rule: 'High vibration',
      severity: 'alarm',
      message: 'p1: vibration 9 mm/s',
      entity: 'p1',
      ts: 1000,
      value: 9,
    });
    expect(alerts.get('temp >= 80|2')).toMatchObject({
      severity: 'warning',
      message: 'temp is 85 (>= 80)',
      value: 85,
    });
    expect(alerts.size).toBe(2);
    node.receive?.('rows', b({ updates: [r(1, 8, 20), r(2, 1, 20)] }));
    expect(t.batches.at(-1)!.batch).toMatchObject({ inserts: [], deletes: ['temp >= 80|2'] });
    expect(alerts.get('High vibration|1')?.value).toBe(8);
    node.receive?.('rows', b({ updates: [r(1, 8, 20)] }));
    expect(t.batches).toHaveLength(2);
    node.receive?.('rows', b({ deletes: ['1'] }));
    expect(alerts.size).toBe(0);
  });

  it('stamps alerts without a time column with the time they were raised, kept on updates', () => {
    const t = createTestContext<ThresholdConfig>({
      config: { rules: [{ column: 'v', value: 1 }] },
      outputs: { alerts: { kind: 'table' } },
    });
    const node = create(t.ctx);
    const before = Date.now();
    node.receive?.('rows', b({ inserts: [{ key: 'a', row: { v: 2 } }] }));
    const raised = t.table('alerts').get('v > 1|a')!;
    expect(raised.ts as number).toBeGreaterThanOrEqual(before);
    expect(raised.entity).toBeNull();
    node.receive?.('rows', b({ updates: [{ key: 'a', row: { v: 3 } }] }));
    expect(t.table('alerts').get('v > 1|a')!.ts).toBe(raised.ts);
  });

  it('fills messages from the rule and the row', () => {
    expect(
      fillMessage('{site}: {column} {value} {nope}', { column: 'v', value: 1 / 3 }, { site: 'north' }),
    ).toBe('north: v 0.333333 {nope}');
  });
});
