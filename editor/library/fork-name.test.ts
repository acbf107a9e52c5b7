import { describe, expect, it } from 'vitest';
import { suggestForkName } from './fork-name';

describe('suggestForkName', () => {
  it('adds -copy to slug names, within the 64-character limit', () => {
    expect(suggestForkName('model', 'pump-rul', 'Ada')).toBe('pump-rul-copy');
    const long = 'a'.repeat(64);
    expect(suggestForkName('blueprint', long, 'Ada')).toHaveLength(64);
    expect(suggestForkName('blueprint', long, 'Ada')).toMatch(/^[a-z][a-z0-9-]{0,63}$/);
  });

  it("puts a component in a scope made from the user's name", () => {
    expect(suggestForkName('component', 'core/chart.line', 'Zoë O’Brien')).toBe('zoe-o-brien/chart.line');
    expect(suggestForkName('component', 'core/kpi', '42')).toBe('my/kpi');
  });
});
