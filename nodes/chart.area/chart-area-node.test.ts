import { describe, expect, it } from 'vitest';
import { chartContext, compileChart, telemetryRows } from '../chart-kit/chart-test-support';
import { create } from './chart-area-node';

describe('core/chart.area', () => {
  it('compiles with its defaults and refuses a text column as a plotted value', async () => {
    const result = await compileChart('core/chart.area@^1', {
      x: 'ts',
      y: ['bearing_temp'],
      color: 'pump_id',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.nodes.find((n) => n.id === 'chart')!.config).toMatchObject({ downsample: 'lttb' });
    const wrong = await compileChart('core/chart.area@^1', { x: 'state', y: ['bearing_temp'] });
    expect(wrong.ok).toBe(false);
    expect(wrong.problems[0]).toMatchObject({ nodeId: 'chart', severity: 'error' });
  });

  it('keeps at most maxPoints rows, the oldest dropped', async () => {
    const result = await compileChart('core/chart.area@^1', { x: 'ts', y: ['bearing_temp'], maxPoints: 10 });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { ctx, problems } = chartContext(result.plan, 'chart');
    const chart = create(ctx);
    const rows = telemetryRows(1, 25);
    await chart.receive!('rows', { inserts: rows, updates: [], deletes: [] });
    expect(chart.preview!().rowCount).toBe(10);
    expect(chart.preview!().sample[0]).toEqual(rows[20].row);
    expect(problems).toEqual([]);
  });
});
