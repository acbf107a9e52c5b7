import { describe, expect, it } from 'vitest';
import { benchPlan, runPipeline } from './runtime-engine';

describe('the runtime benchmark pipeline', () => {
  it('compiles source → window → model → chart and runs every row through the real engine', async () => {
    const plan = await benchPlan('window+model');
    expect(plan.nodes.map((n) => n.typeId)).toEqual([
      'core/source.table',
      'core/window',
      'core/model.onnx',
      'core/chart.line',
    ]);
    const run = await runPipeline(plan, 3000);
    expect(run.problems).toEqual([]);
    expect(run.chartRows).toBe(3000);
    expect(run.rowsPerSecond).toBeGreaterThan(0);
  });

  it('runs the baseline without window and model', async () => {
    const plan = await benchPlan('none');
    expect(plan.nodes.map((n) => n.id)).toEqual(['telemetry', 'trend']);
    const run = await runPipeline(plan, 3000);
    expect(run.problems).toEqual([]);
    expect(run.chartRows).toBe(3000);
  });
});
