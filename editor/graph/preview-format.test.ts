import { describe, expect, it } from 'vitest';
import { EMPTY_VALUE, formatNumber, formatPreviewValue, timesAsIsoText } from './preview-format';

const utc = { locale: 'en-GB', timeZone: 'UTC' };
// 2024-03-04 05:06:07 UTC
const MS = Date.UTC(2024, 2, 4, 5, 6, 7);

describe('formatPreviewValue', () => {
  it('shows ISO times as a date and clock time, in the given time zone when they carry one', () => {
    expect(formatPreviewValue('2024-03-04T05:06:07Z', utc)).toBe('4 Mar 2024, 05:06:07');
    expect(formatPreviewValue('2024-03-04T05:06:07.123+00:00', utc)).toBe('4 Mar 2024, 05:06:07');
    expect(formatPreviewValue('2024-03-04 05:06:07+02', utc)).toBe('4 Mar 2024, 03:06:07');
    expect(formatPreviewValue('2024-03-04T05:06:00Z', { ...utc, timeZone: 'Europe/Paris' })).toBe(
      '4 Mar 2024, 06:06',
    );
    // No zone: shown as written, whatever the viewer's zone.
    expect(formatPreviewValue('2024-03-04 05:06:07', { ...utc, timeZone: 'Asia/Tokyo' })).toBe(
      '4 Mar 2024, 05:06:07',
    );
    expect(formatPreviewValue('2024-02-29', { ...utc, timeZone: 'America/New_York' })).toBe('29 Feb 2024');
    expect(formatPreviewValue('2024-02-30', utc)).toBe('2024-02-30');
    expect(formatPreviewValue(new Date(MS), utc)).toBe('4 Mar 2024, 05:06:07');
  });

  it('shows a time as its clock time alone in compact form, a date as day and month', () => {
    expect(formatPreviewValue('2024-03-04T05:06:07Z', { ...utc, compact: true })).toBe('05:06:07');
    expect(formatPreviewValue(MS, { ...utc, column: 'ts', compact: true })).toBe('05:06:07');
    expect(formatPreviewValue('2024-02-29', { ...utc, compact: true })).toBe('29 Feb');
    expect(formatPreviewValue(2.718281828, { ...utc, compact: true })).toBe('2.718');
  });

  it('shows epoch milliseconds as times in time columns, and only there', () => {
    expect(formatPreviewValue(MS, { ...utc, type: 'timestamptz' })).toBe('4 Mar 2024, 05:06:07');
    expect(formatPreviewValue(MS, { ...utc, type: 'timestamp', timeZone: 'Asia/Tokyo' })).toBe(
      '4 Mar 2024, 05:06:07',
    );
    expect(formatPreviewValue(Date.UTC(2024, 1, 29), { ...utc, type: 'date' })).toBe('29 Feb 2024');
    expect(formatPreviewValue(MS, { ...utc, column: 'recorded_at' })).toBe('4 Mar 2024, 05:06:07');
    expect(formatPreviewValue(MS, { ...utc, column: 'ts' })).toBe('4 Mar 2024, 05:06:07');
    expect(formatPreviewValue(MS, { ...utc, column: 'serial_number' })).toBe('1,709,528,767,000');
    expect(formatPreviewValue(MS, { ...utc, type: 'int8', column: 'ts' })).toBe('1,709,528,767,000');
    expect(formatPreviewValue(42, { ...utc, column: 'ts' })).toBe('42');
  });

  it('shows empty values, yes/no, long text and objects readably', () => {
    expect(formatPreviewValue(null)).toBe(EMPTY_VALUE);
    expect(formatPreviewValue(undefined)).toBe(EMPTY_VALUE);
    expect(formatPreviewValue('')).toBe(EMPTY_VALUE);
    expect(formatPreviewValue(true)).toBe('yes');
    expect(formatPreviewValue(false)).toBe('no');
    expect(formatPreviewValue('pump-7')).toBe('pump-7');
    expect(formatPreviewValue('x'.repeat(60))).toBe(`${'x'.repeat(39)}…`);
    expect(formatPreviewValue({ a: 1 })).toBe('{"a":1}');
    expect(formatPreviewValue(12n, utc)).toBe('12');
  });
});

describe('formatNumber', () => {
  it('groups digits, keeps about four significant digits without rounding whole numbers', () => {
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(3.14159265, 'en')).toBe('3.142');
    expect(formatNumber(42.195, 'en')).toBe('42.2');
    expect(formatNumber(1234.5678, 'en')).toBe('1,234.6');
    expect(formatNumber(0.123456, 'en')).toBe('0.123');
    expect(formatNumber(-0.5, 'en')).toBe('-0.5');
    expect(formatNumber(0, 'en')).toBe('0');
    expect(formatNumber(1234.5, 'de-DE')).toBe('1.234,5');
  });

  it('writes very large and very small numbers in scientific notation, and infinities and NaN plainly', () => {
    expect(formatNumber(6.02214076e23, 'en')).toBe('6.02e23');
    expect(formatNumber(0.0000123, 'en')).toBe('1.23e-5');
    expect(formatNumber(1e20, 'en')).toBe('1e20');
    expect(formatNumber(Infinity, 'en')).toBe('∞');
    expect(formatNumber(-Infinity, 'en')).toBe('−∞');
    expect(formatNumber(NaN, 'en')).toBe(EMPTY_VALUE);
  });
});

describe('timesAsIsoText', () => {
  it('writes epoch milliseconds of time columns as ISO text that formats as a time, leaving the rest', () => {
    const sample = [{ ts: MS, local: MS, day: Date.UTC(2024, 1, 29), v: 1.5, none: null }];
    const out = timesAsIsoText(sample, { ts: 'timestamptz', local: 'timestamp', day: 'date', v: 'float8' });
    expect(out).toEqual([
      {
        ts: '2024-03-04T05:06:07.000Z',
        local: '2024-03-04T05:06:07.000',
        day: '2024-02-29',
        v: 1.5,
        none: null,
      },
    ]);
    expect(out.map((row) => Object.values(row).map((v) => formatPreviewValue(v, utc)))).toEqual([
      ['4 Mar 2024, 05:06:07', '4 Mar 2024, 05:06:07', '29 Feb 2024', '1.5', EMPTY_VALUE],
    ]);
    expect(sample[0].ts).toBe(MS);
    expect(timesAsIsoText([{ ts: 'already text' }], { ts: 'timestamptz' })).toEqual([{ ts: 'already text' }]);
  });
});
