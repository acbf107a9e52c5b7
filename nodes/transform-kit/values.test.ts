import { describe, expect, it } from 'vitest';
import { columnType, compositeKey, groupText, isTimeColumn, numberOf, sameValue } from './values';

describe('value helpers', () => {
  it('reads numbers strictly', () => {
    expect(numberOf(3.5)).toBe(3.5);
    expect(numberOf(null)).toBeNaN();
    expect(numberOf('3')).toBeNaN();
    expect(numberOf(Infinity)).toBeNaN();
  });

  it('knows time columns and column types from the plan', () => {
    const columns = [
      { name: 'ts', type: 'timestamptz' as const },
      { name: 'n', type: 'int4' as const },
    ];
    expect(isTimeColumn(columns, 'ts')).toBe(true);
    expect(isTimeColumn(columns, 'n')).toBe(false);
    expect(isTimeColumn(undefined, 'ts')).toBe(false);
    expect(columnType(columns, 'n')).toBe('int4');
    expect(columnType(columns, 'x')).toBeUndefined();
  });

  it('builds distinct group texts and keys', () => {
    expect(groupText('a')).toBe('a');
    expect(groupText(7)).not.toBe(groupText('7'.concat('\u0000')));
    expect(groupText(null)).not.toBe(groupText('null'));
    expect(compositeKey(['a', 1])).not.toBe(compositeKey(['a', '1']));
    expect(compositeKey(['a|b', 'c'])).not.toBe(compositeKey(['a', 'b|c']));
    expect(sameValue([1, { a: 2 }], [1, { a: 2 }])).toBe(true);
    expect(sameValue(null, 0)).toBe(false);
  });
});
