import { describe, expect, it } from 'vitest';
import { compilePanel } from '../panel-kit/compile-fixture';

describe('core/video in a blueprint', () => {
  it('compiles alone with its defaults', async () => {
    const result = await compilePanel('core/video@^1', { url: '/clip.webm' }, { wired: false });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.nodes[0]!.config).toEqual({
      url: '/clip.webm',
      title: '',
      autoplay: false,
      loop: false,
    });
    expect(result.plan.panels).toEqual(['panel']);
  });

  it('refuses settings it does not know', async () => {
    const result = await compilePanel('core/video@^1', { url: '/clip.webm', speed: 2 }, { wired: false });
    expect(result.problems.map((p) => p.code)).toContain('PT140');
  });
});
