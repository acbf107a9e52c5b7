import { describe, expect, it } from 'vitest';
import { columnHeader, decimalsNeeded, displayUnit, formatCell, formatNumber, formatTime } from './format';

// The test process runs with the machine's locale; compare against Intl directly where the locale matters.
const grouped = (n: number, digits: number) =>
  new Intl.NumberFormat(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    n,
  );

describe('number and time formatting', () => {
  it('formats numbers with the configured decimals and the unit', () => {
    expect(formatNumber(1234.56, 1, 'h')).toBe(`${grouped(1234.56, 1)} h`);
    expect(formatNumber(2, 2)).toBe(grouped(2, 2));
    expect(formatNumber(42, 0, 'pct')).toBe('42%');
    expect(formatNumber(21.25, 1, 'degC')).toBe(`${grouped(21.25, 1)} °C`);
    expect(formatNumber(Number.NaN, 1)).toBe('—');
    expect(formatNumber(Number.POSITIVE_INFINITY, 1)).toBe('∞');
  });

  it('formats epoch milliseconds in the local time zone and dates as days', () => {
    const ms = Date.UTC(2026, 0, 2, 3, 4, 5);
    expect(formatTime(ms)).toBe(
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' }).format(ms),
    );
    expect(formatTime(Date.UTC(2026, 0, 2), 'date')).toContain('2026');
    expect(formatTime(Number.NaN)).toBe('—');
  });

  it('formats cells by column type', () => {
    expect(formatCell(null)).toBe('—');
    expect(formatCell(true)).toBe('Yes');
    expect(formatCell('P-7', { type: 'text' })).toBe('P-7');
    expect(formatCell(12345, { type: 'int8' })).toBe(grouped(12345, 0));
    expect(formatCell(0.125, { type: 'float8', unit: 'mm/s' })).toBe(`${(0.125).toLocaleString()} mm/s`);
    expect(formatCell({ a: 1 }, { type: 'jsonb' })).toBe('{"a":1}');
    expect(formatCell(0, { type: 'timestamptz' })).toBe(formatTime(0));
    expect(formatCell(12, { type: 'float8' }, 2, true)).toBe(grouped(12, 2));
  });

  it('finds the decimals a column of numbers needs, up to a limit', () => {
    expect(decimalsNeeded([12.5, 3, 0.25, null, 'x'])).toBe(2);
    expect(decimalsNeeded([1, 2])).toBe(0);
    expect(decimalsNeeded([Math.PI])).toBe(3);
    expect(decimalsNeeded([0.1 + 0.2])).toBe(1);
  });

  it('names columns with their units', () => {
    expect(columnHeader({ name: 'rul_hours', unit: 'h' })).toBe('rul_hours (h)');
    expect(columnHeader({ name: 'pump_id' })).toBe('pump_id');
    expect(displayUnit('degF')).toBe('°F');
  });
});
