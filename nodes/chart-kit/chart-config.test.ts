import { describe, expect, it } from 'vitest';
import lineManifest from '../chart.line/manifest.json';
import { axisKind, axisTitle, checkRows, columnList, missingSetting, withDefaults } from './chart-config';

describe('chart config helpers', () => {
  it('fills the manifest defaults without overriding set values', () => {
    expect(withDefaults(lineManifest, { x: 'ts', y: ['v'] })).toEqual({
      x: 'ts',
      y: ['v'],
      maxPoints: 100000,
      downsample: 'lttb',
    });
    expect(withDefaults<{ downsample: string }>(lineManifest, { downsample: 'm4' }).downsample).toBe('m4');
  });

  it('reads one or more column names', () => {
    expect(columnList('a')).toEqual(['a']);
    expect(columnList(['a', '', 'b', 3])).toEqual(['a', 'b']);
    expect(columnList(undefined)).toEqual([]);
    expect(columnList('')).toEqual([]);
  });

  it('draws time columns on a time axis, numbers as numbers and the rest as categories', () => {
    expect(axisKind({ name: 'ts', type: 'timestamptz' })).toBe('time');
    expect(axisKind({ name: 'epoch', type: 'int8', role: 'time' })).toBe('time');
    expect(axisKind({ name: 'v', type: 'numeric' })).toBe('number');
    expect(axisKind({ name: 'pump', type: 'text' })).toBe('category');
    expect(axisKind(undefined)).toBe('number');
  });

  it('puts units in axis titles, grouping columns that share one', () => {
    const columns = [
      { name: 'a', type: 'float8' as const, unit: 'mm/s' },
      { name: 'b', type: 'float8' as const, unit: 'mm/s' },
      { name: 'c', type: 'float8' as const, unit: 'degC' },
      { name: 'd', type: 'float8' as const },
    ];
    expect(axisTitle(['a'], columns)).toBe('a (mm/s)');
    expect(axisTitle(['a', 'b', 'c', 'd'], columns)).toBe('a, b (mm/s); c (degC); d');
    expect(axisTitle(['x'], undefined)).toBe('x');
  });

  it('reports a configured column missing from the rows (PTR400) and values that are not numbers (PTR401)', () => {
    const uses = [
      { column: 'ts', purpose: 'the horizontal axis', numeric: true },
      { column: 'temp', purpose: 'a plotted column', numeric: true },
      { column: 'pump', purpose: 'one line per value', numeric: false },
    ];
    const problems = checkRows(
      [
        { key: '1', row: { ts: 1, temp: null, pump: 'A' } },
        { key: '2', row: { ts: 2, temp: 'hot' } },
      ],
      uses,
    );
    expect(problems.map((p) => [p.code, p.severity, p.details?.column])).toEqual([
      ['PTR401', 'warning', 'temp'],
      ['PTR400', 'error', 'pump'],
    ]);
    expect(problems[0].message).toContain('"hot"');
    expect(problems[1].message).toBe(
      'The column "pump" (one line per value) is not in the rows arriving at this chart. Choose a column that the connected node sends, or connect a node that sends "pump".',
    );
    expect(problems[1].details?.arriving).toEqual(['ts', 'temp']);
    expect(checkRows([{ key: '1', row: { ts: 1, temp: 2, pump: 'A' } }], uses)).toEqual([]);
  });

  it('says which setting is missing (PTR402)', () => {
    expect(missingSetting('x', 'the horizontal axis')).toMatchObject({
      code: 'PTR402',
      severity: 'error',
      message: 'This chart is not set up yet: choose the column for the horizontal axis (the "x" setting).',
    });
  });
});
