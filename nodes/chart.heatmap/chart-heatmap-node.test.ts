import { describe, expect, it } from 'vitest';
import { chartContext, compileChart, telemetryRows } from '../chart-kit/chart-test-support';
import { create } from './chart-heatmap-node';

describe('core/chart.heatmap', () => {
  it('compiles with its defaults over time, numbers or categories, and refuses a text value', async () => {
    const result = await compileChart('core/chart.heatmap@^1', {
      x: 'ts',
      y: 'pump_id',
      value: 'bearing_temp',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.nodes.find((n) => n.id === 'chart')!.config).toMatchObject({
      aggregate: 'mean',
      binsX: 30,
      binsY: 20,
    });
    const wrong = await compileChart('core/chart.heatmap@^1', { x: 'ts', y: 'pump_id', value: 'state' });
    expect(wrong.ok).toBe(false);
    expect(wrong.problems[0]).toMatchObject({ nodeId: 'chart', severity: 'error' });
  });

  it('keeps rows by key and warns when a number axis gets text', async () => {
    const result = await compileChart('core/chart.heatmap@^1', { x: 'ts', y: 'vibration_rms' });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { ctx, problems } = chartContext(result.plan, 'chart');
    const chart = create(ctx);
    await chart.receive!('rows', { inserts: telemetryRows(3, 3), updates: [], deletes: [] });
    await chart.receive!('rows', { inserts: [], updates: [], deletes: ['0'] });
    expect(chart.preview!().rowCount).toBe(8);
    await chart.receive!('rows', {
      inserts: [{ key: 'q', row: { ts: 5, vibration_rms: 'high' } }],
      updates: [],
      deletes: [],
    });
    expect(problems.map((p) => [p.code, p.details?.column])).toEqual([['PTR401', 'vibration_rms']]);
  });
});
