import { describe, expect, it } from 'vitest';
import { compilePanel } from '../panel-kit/compile-fixture';

describe('core/image in a blueprint', () => {
  it('compiles alone with a fixed address', async () => {
    const result = await compilePanel(
      'core/image@^1',
      { url: '/plan.png', alt: 'Floor plan' },
      { wired: false },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.nodes[0]!.config).toEqual({ url: '/plan.png', alt: 'Floor plan', fit: 'contain' });
  });

  it('compiles with an address column and refuses a column that does not arrive', async () => {
    expect((await compilePanel('core/image@^1', { urlColumn: 'snapshot_url', time: 'ts' })).ok).toBe(true);
    const missing = await compilePanel('core/image@^1', { urlColumn: 'photo' });
    expect(missing.ok).toBe(false);
    expect(missing.problems.map((p) => p.code)).toContain('PT130');
  });
});
