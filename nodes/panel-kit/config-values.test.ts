import { describe, expect, it } from 'vitest';
import { boolOr, numberOr, oneOf, textList, textOr } from './config-values';

describe('config readers', () => {
  it('take well-typed values and fall back otherwise', () => {
    expect(textOr('Speed', 'x')).toBe('Speed');
    expect(textOr('  ', 'x')).toBe('x');
    expect(textOr(5, undefined)).toBeUndefined();
    expect(numberOr(2.5, 0)).toBe(2.5);
    expect(numberOr(Number.NaN, 0)).toBe(0);
    expect(numberOr('3', undefined)).toBeUndefined();
    expect(boolOr(false, true)).toBe(false);
    expect(boolOr('yes', true)).toBe(true);
    expect(oneOf('max', ['last', 'max'] as const, 'last')).toBe('max');
    expect(oneOf('median', ['last', 'max'] as const, 'last')).toBe('last');
    expect(textList(['a', '', 3, 'b'])).toEqual(['a', 'b']);
    expect(textList('a')).toEqual([]);
  });
});
