import { describe, expect, it } from 'vitest';
import { chartContext, compileChart, telemetryRows } from '../chart-kit/chart-test-support';
import { create } from './chart-line-node';

describe('core/chart.line', () => {
  it('compiles with its defaults filled in and the columns it draws checked', async () => {
    const result = await compileChart('core/chart.line@^1', {
      x: 'ts',
      y: ['vibration_rms'],
      color: 'pump_id',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const node = result.plan.nodes.find((n) => n.id === 'chart')!;
    expect(node.config).toMatchObject({ maxPoints: 100000, downsample: 'lttb' });
    expect(result.plan.panels).toEqual(['chart']);
    const wrong = await compileChart('core/chart.line@^1', { x: 'ts', y: ['pump_id'] });
    expect(wrong.ok).toBe(false);
    expect(wrong.problems.find((p) => p.severity === 'error')).toMatchObject({ nodeId: 'chart' });
    expect(wrong.problems[0].message).toContain('pump_id');
  });

  it('keeps rows by key from a compiled plan, and reports a column missing from the rows', async () => {
    const result = await compileChart('core/chart.line@^1', {
      x: 'ts',
      y: ['vibration_rms', 'bearing_temp'],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { ctx, problems } = chartContext(result.plan, 'chart');
    const chart = create(ctx);
    const rows = telemetryRows(3, 10);
    await chart.receive!('rows', { inserts: rows, updates: [], deletes: ['nothing'] });
    await chart.receive!('rows', { inserts: [], updates: [], deletes: ['0', '1'] });
    expect(chart.preview!().rowCount).toBe(28);
    expect(chart.preview!().sample.at(-1)).toEqual(rows.at(-1)!.row);
    expect(problems).toEqual([]);
    await chart.receive!('rows', {
      inserts: [{ key: 'x', row: { ts: 1, vibration_rms: 2 } }],
      updates: [],
      deletes: [],
    });
    expect(problems.map((p) => [p.code, p.details?.column])).toEqual([['PTR400', 'bearing_temp']]);
  });

  it('says which setting is missing when mounted without one', () => {
    const { ctx, problems } = chartContext(
      {
        blueprint: { name: 'b', version: '1.0.0', title: 'B' },
        nodes: [
          {
            id: 'c',
            title: 'c',
            typeId: 'core/chart.line',
            range: '^1',
            version: '1.0.0',
            category: 'component',
            config: { x: 'ts', y: [] },
            inputs: {},
            outputs: {},
          },
        ],
        edges: [],
        inputs: {},
        panels: ['c'],
        lock: {},
      },
      'c',
    );
    create(ctx);
    expect(problems.map((p) => p.code)).toEqual(['PTR402']);
    expect(problems[0].message).toContain('"y"');
  });
});
