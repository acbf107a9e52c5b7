import { describe, expect, it } from 'vitest';
import { compilePanel } from '../panel-kit/compile-fixture';

describe('core/markdown in a blueprint', () => {
  it('compiles alone, without rows', async () => {
    const result = await compilePanel('core/markdown@^1', { text: '# Hello' }, { wired: false });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.nodes[0]!.config).toEqual({ text: '# Hello', decimals: 1 });
  });

  it('compiles with rows for its placeholders, and checks the time column', async () => {
    const result = await compilePanel('core/markdown@^1', { text: 'Pump {{pump_id}}', time: 'ts' });
    expect(result.ok).toBe(true);
    const bad = await compilePanel('core/markdown@^1', { text: 'x', time: 'pump_id' });
    expect(bad.problems.map((p) => p.code)).toContain('PT131');
  });
});
