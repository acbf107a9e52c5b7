import { describe, expect, it } from 'vitest';
import { compilePanel } from '../panel-kit/compile-fixture';

describe('core/gauge in a blueprint', () => {
  it('compiles with its defaults filled in', async () => {
    const result = await compilePanel('core/gauge@^1', { value: 'bearing_temp', time: 'ts', warnAt: 80 });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const node = result.plan.nodes.find((n) => n.id === 'panel')!;
    expect(node.category).toBe('component');
    expect(node.config).toMatchObject({ aggregate: 'last', min: 0, max: 100, decimals: 1, style: 'dial' });
    expect(result.plan.panels).toEqual(['panel']);
    expect(node.inputs.rows!.columns!.find((c) => c.name === 'bearing_temp')?.unit).toBe('degC');
  });

  it('refuses a text column and an unknown style', async () => {
    const text = await compilePanel('core/gauge@^1', { value: 'pump_id' });
    expect(text.ok).toBe(false);
    expect(text.problems.map((p) => p.code)).toContain('PT131');
    const style = await compilePanel('core/gauge@^1', { value: 'bearing_temp', style: 'round' });
    expect(style.problems.map((p) => p.code)).toContain('PT140');
  });
});
