import { describe, expect, it } from 'vitest';
import type { Value } from '../../runtime/engine/node-api';
import { toCell, UNFIT } from './cell-types';
import { compileFormula } from './formula';

function run(text: string, row: Record<string, Value> = {}, params: Record<string, Value> = {}) {
  const result = compileFormula(text);
  if (!result.ok) throw new Error(result.message);
  return result.formula.evaluate({ row, params });
}

describe('compileFormula', () => {
  it('evaluates jexl syntax with columns before parameters', () => {
    expect(run('a * b / 36', { a: 6, b: 12 })).toBe(2);
    expect(run('7 // 2 + 7 % 2 + 2 ^ 3')).toBe(12);
    expect(run('a', { a: 1 }, { a: 2 })).toBe(1);
    expect(run('speed * 2', {}, { speed: 5 })).toBe(10);
    expect(run('a > 1 && b == "x" || false', { a: 2, b: 'x' })).toBe(true);
    expect(run('!a', { a: 0 })).toBe(true);
    expect(run('a ?: 3', { a: 0 })).toBe(3);
    expect(run('"ab" in "cabd"')).toBe(true);
    expect(run('2 in [1, 2]')).toBe(true);
    expect(run('obj.x + list[1]', { obj: { x: 1 }, list: [5, 6] })).toBe(7);
    expect(run('list[.v > 1]', { list: [{ v: 1 }, { v: 2 }] })).toEqual([{ v: 2 }]);
    expect(run('{k: a}.k', { a: 3 })).toBe(3);
  });

  it('propagates null through arithmetic and order comparisons', () => {
    expect(run('a * 2', { a: null })).toBeNull();
    expect(run('a < 5', { a: null })).toBeNull();
    expect(run('a == null', { a: null })).toBe(true);
    expect(run('missing + 1')).toBeNull();
    expect(run('missing')).toBeUndefined();
  });

  it('lists the names it reads at the top level', () => {
    const result = compileFormula('a + b.c + f(d)|abs');
    expect(result.ok).toBe(false);
    const ok = compileFormula('a + b.c + round(d)');
    expect(ok.ok && ok.formula.names.sort()).toEqual(['a', 'b', 'd']);
  });

  it('explains syntax errors with the character position', () => {
    const bad = compileFormula('  x  ) + 1');
    expect(bad.ok === false && bad.message).toBe('")" is not expected at character 6 of "  x  ) + 1"');
    const empty = compileFormula('   ');
    expect(empty.ok).toBe(false);
  });
});

describe('toCell', () => {
  it('types results by the declared column type', () => {
    expect(toCell(2.6, 'int8')).toBe(3);
    expect(toCell(true, 'float8')).toBe(1);
    expect(toCell(0, 'bool')).toBe(false);
    expect(toCell([1], 'text')).toBe('[1]');
    expect(toCell('2024-01-01T00:00:00Z', 'timestamptz')).toBe(Date.UTC(2024, 0, 1));
    expect(toCell(null, 'float8')).toBeNull();
    for (const [value, type] of [
      ['x', 'float8'],
      [Infinity, 'int8'],
      ['x', 'bool'],
      [NaN, 'timestamptz'],
      ['x', 'timestamptz'],
      [undefined, 'text'],
    ] as const)
      expect(toCell(value, type)).toBe(UNFIT);
  });
});
