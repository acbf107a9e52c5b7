import { describe, expect, it } from 'vitest';
import { chartContext, compileChart, telemetryRows } from '../chart-kit/chart-test-support';
import { create } from './chart-bar-node';

describe('core/chart.bar', () => {
  it('compiles with its defaults and refuses a text column as the bar height', async () => {
    const result = await compileChart('core/chart.bar@^1', { category: 'pump_id', value: 'vibration_rms' });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.nodes.find((n) => n.id === 'chart')!.config).toMatchObject({
      aggregate: 'mean',
      sort: 'value-desc',
      horizontal: false,
    });
    const counting = await compileChart('core/chart.bar@^1', { category: 'state', aggregate: 'count' });
    expect(counting.ok).toBe(true);
    const wrong = await compileChart('core/chart.bar@^1', { category: 'pump_id', value: 'state' });
    expect(wrong.ok).toBe(false);
    expect(wrong.problems[0]).toMatchObject({ nodeId: 'chart', severity: 'error' });
    expect(wrong.problems[0].message).toContain('state');
  });

  it('keeps rows by key and warns about values that are not numbers', async () => {
    const result = await compileChart('core/chart.bar@^1', { category: 'pump_id', value: 'vibration_rms' });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { ctx, problems } = chartContext(result.plan, 'chart');
    const chart = create(ctx);
    await chart.receive!('rows', { inserts: telemetryRows(4, 2), updates: [], deletes: [] });
    await chart.receive!('rows', { inserts: [], updates: [], deletes: ['3'] });
    expect(chart.preview!().rowCount).toBe(7);
    await chart.receive!('rows', {
      inserts: [],
      updates: [{ key: '0', row: { pump_id: 'P1', vibration_rms: 'n/a' } }],
      deletes: [],
    });
    expect(problems.map((p) => [p.code, p.severity])).toEqual([['PTR401', 'warning']]);
  });
});
