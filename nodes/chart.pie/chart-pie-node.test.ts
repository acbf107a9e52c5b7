import { describe, expect, it } from 'vitest';
import { chartContext, compileChart, telemetryRows } from '../chart-kit/chart-test-support';
import { create } from './chart-pie-node';

describe('core/chart.pie', () => {
  it('compiles as a pie or a donut, counting rows when no value is set', async () => {
    const pie = await compileChart('core/chart.pie@^1', { category: 'state' });
    if (!pie.ok) throw new Error(JSON.stringify(pie.problems));
    expect(pie.plan.nodes.find((n) => n.id === 'chart')!.config).toMatchObject({
      aggregate: 'sum',
      donut: false,
    });
    expect((await compileChart('core/chart.pie@^1', { category: 'state', donut: true })).ok).toBe(true);
    const wrong = await compileChart('core/chart.pie@^1', { category: 'state', value: 'pump_id' });
    expect(wrong.ok).toBe(false);
    expect(wrong.problems[0]).toMatchObject({ nodeId: 'chart', severity: 'error' });
  });

  it('reports a category column that the rows do not carry', async () => {
    const result = await compileChart('core/chart.pie@^1', { category: 'state', value: 'bearing_temp' });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { ctx, problems } = chartContext(result.plan, 'chart');
    const chart = create(ctx);
    await chart.receive!('rows', { inserts: telemetryRows(2, 2), updates: [], deletes: [] });
    expect(problems).toEqual([]);
    await chart.receive!('rows', {
      inserts: [{ key: 'z', row: { bearing_temp: 3 } }],
      updates: [],
      deletes: [],
    });
    await chart.receive!('rows', {
      inserts: [{ key: 'y', row: { bearing_temp: 4 } }],
      updates: [],
      deletes: [],
    });
    // Reported once, not once per batch.
    expect(problems.map((p) => p.code)).toEqual(['PTR400']);
    expect(problems[0].message).toContain('"state"');
  });
});
