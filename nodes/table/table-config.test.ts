import { describe, expect, it } from 'vitest';
import { readTableConfig, shownColumns } from './table-config';

describe('table config', () => {
  it('fills defaults and ignores values of the wrong type', () => {
    expect(readTableConfig({})).toEqual({
      title: undefined,
      columns: [],
      sortBy: undefined,
      descending: false,
      maxRows: 10_000,
      decimals: undefined,
    });
    expect(
      readTableConfig({ columns: ['a'], sortBy: 'a', descending: true, maxRows: 5, title: 'T' }),
    ).toEqual({
      title: 'T',
      columns: ['a'],
      sortBy: 'a',
      descending: true,
      maxRows: 5,
      decimals: undefined,
    });
    expect(readTableConfig({ maxRows: 'many' }).maxRows).toBe(10_000);
  });

  it('reads decimals as a whole number from 0 to 10, or leaves them to each column when not set', () => {
    expect(readTableConfig({ decimals: 1 }).decimals).toBe(1);
    expect(readTableConfig({ decimals: 0 }).decimals).toBe(0);
    expect(readTableConfig({ decimals: 2.7 }).decimals).toBe(2);
    expect(readTableConfig({ decimals: 40 }).decimals).toBe(10);
    expect(readTableConfig({ decimals: -1 }).decimals).toBe(0);
    expect(readTableConfig({ decimals: 'two' }).decimals).toBeUndefined();
  });

  it('shows configured columns, else all arriving ones, else those of a sample row', () => {
    const arriving = [
      { name: 'a', type: 'int4' as const },
      { name: 'b', type: 'text' as const, unit: 'h' },
    ];
    expect(shownColumns(['b'], arriving)).toEqual([arriving[1]]);
    expect(shownColumns([], arriving)).toEqual(arriving);
    expect(shownColumns([], [], { x: 1, y: 'k', z: true })).toEqual([
      { name: 'x', type: 'float8' },
      { name: 'y', type: 'text' },
      { name: 'z', type: 'bool' },
    ]);
  });
});
