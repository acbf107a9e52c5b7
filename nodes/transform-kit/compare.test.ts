import { describe, expect, it } from 'vitest';
import { compareCells, equalCells, operandFor } from './compare';

describe('operandFor', () => {
  it('reads config values as the column type', () => {
    expect(operandFor('6', 'float8')).toBe(6);
    expect(operandFor('2024-01-01T00:00:00Z', 'timestamptz')).toBe(Date.UTC(2024, 0, 1));
    expect(operandFor(1704067200000, 'timestamptz')).toBe(1704067200000);
    expect(operandFor('true', 'bool')).toBe(true);
    expect(operandFor(7, 'text')).toBe('7');
    expect(operandFor(null, 'int4')).toBeNull();
    expect(operandFor({ a: 1 }, 'jsonb')).toEqual({ a: 1 });
  });

  it('returns undefined for values that are not of the column kind', () => {
    expect(operandFor('high', 'float8')).toBeUndefined();
    expect(operandFor('', 'int4')).toBeUndefined();
    expect(operandFor('not a date', 'date')).toBeUndefined();
    expect(operandFor('yes', 'bool')).toBeUndefined();
    expect(operandFor({}, 'text')).toBeUndefined();
  });
});

describe('compareCells and equalCells', () => {
  it('orders numbers, text and booleans, and refuses null and mixed kinds', () => {
    expect(compareCells(2, 10)).toBeLessThan(0);
    expect(compareCells('b', 'a')).toBeGreaterThan(0);
    expect(compareCells(false, true)).toBeLessThan(0);
    expect(compareCells(5, '5')).toBe(0);
    expect(compareCells(null, 1)).toBeNull();
    expect(compareCells('x', 1)).toBeNull();
    expect(compareCells(true, 1)).toBeNull();
  });

  it('compares lists and objects deeply and null never equals', () => {
    expect(equalCells([1, 'a'], [1, 'a'])).toBe(true);
    expect(equalCells({ a: 1 }, { a: 2 })).toBe(false);
    expect(equalCells(null, null)).toBe(false);
    expect(equalCells(6, '6')).toBe(true);
  });
});
