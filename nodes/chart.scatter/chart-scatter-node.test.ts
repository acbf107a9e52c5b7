import { describe, expect, it } from 'vitest';
import { chartContext, compileChart, telemetryRows } from '../chart-kit/chart-test-support';
import { create } from './chart-scatter-node';

describe('core/chart.scatter', () => {
  it('compiles with its defaults and refuses a text column on an axis', async () => {
    const result = await compileChart('core/chart.scatter@^1', {
      x: 'vibration_rms',
      y: 'bearing_temp',
      color: 'pump_id',
      size: 'vibration_rms',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.nodes.find((n) => n.id === 'chart')!.config).toMatchObject({ maxPoints: 20000 });
    const wrong = await compileChart('core/chart.scatter@^1', { x: 'vibration_rms', y: 'state' });
    expect(wrong.ok).toBe(false);
    expect(wrong.problems[0]).toMatchObject({ nodeId: 'chart', severity: 'error' });
  });

  it('keeps one point per row key', async () => {
    const result = await compileChart('core/chart.scatter@^1', { x: 'vibration_rms', y: 'bearing_temp' });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { ctx, problems } = chartContext(result.plan, 'chart');
    const chart = create(ctx);
    const rows = telemetryRows(2, 5);
    await chart.receive!('rows', { inserts: rows, updates: [], deletes: [] });
    await chart.receive!('rows', { inserts: [], updates: rows.slice(0, 4), deletes: [] });
    expect(chart.preview!().rowCount).toBe(10);
    expect(problems).toEqual([]);
  });
});
