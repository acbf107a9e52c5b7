import { describe, expect, it } from 'vitest';
import { fitsForInference, jsonToCell, parseCell } from './column-types';

describe('parseCell', () => {
  it.each([
    ['42', 'int8', '42'],
    [' +7 ', 'int8', '7'],
    ['007', 'int8', '7'],
    ['-9223372036854775808', 'int8', '-9223372036854775808'],
    ['21.5', 'float8', '21.5'],
    ['1e-3', 'float8', '1e-3'],
    ['.5', 'float8', '.5'],
    ['TRUE', 'bool', 'true'],
    ['no', 'bool', 'false'],
    ['2024-02-29', 'date', '2024-02-29'],
    ['2024-05-01T12:30:00Z', 'timestamptz', '2024-05-01T12:30:00Z'],
    ['2024-05-01 12:30', 'timestamptz', '2024-05-01T12:30:00Z'],
    ['2024-05-01T12:30:00.125+0200', 'timestamptz', '2024-05-01T12:30:00.125+02:00'],
    ['2024-05-01', 'timestamptz', '2024-05-01T00:00:00Z'],
    [' keep spaces ', 'text', ' keep spaces '],
    ['   ', 'text', null],
    ['', 'int8', null],
  ] as const)('%j as %s is %j', (raw, type, value) => {
    expect(parseCell(raw, type)).toEqual({ ok: true, value });
  });

  it.each([
    ['abc', 'int8', '"abc" is not a whole number'],
    ['1.5', 'int8', '"1.5" is not a whole number'],
    ['9223372036854775808', 'int8', '"9223372036854775808" is too large for a whole-number column'],
    ['abc', 'float8', '"abc" is not a number'],
    ['1e400', 'float8', '"1e400" is not a number'],
    ['maybe', 'bool', '"maybe" is not true or false'],
    ['2023-02-29', 'date', '"2023-02-29" is not a date (YYYY-MM-DD)'],
    ['01/05/2024', 'date', '"01/05/2024" is not a date (YYYY-MM-DD)'],
    [
      '2024-05-01T25:00',
      'timestamptz',
      expect.stringContaining('is not a date and time') as unknown as string,
    ],
    ['a\u0000b', 'text', 'the text contains a NUL character'],
  ] as const)('%j as %s is refused', (raw, type, reason) => {
    expect(parseCell(raw, type)).toEqual({ ok: false, reason });
  });
});

describe('jsonToCell', () => {
  it('takes JSON types and CSV-form strings', () => {
    expect(jsonToCell(3, 'int8')).toEqual({ ok: true, value: '3' });
    expect(jsonToCell('9007199254740993', 'int8')).toEqual({ ok: true, value: '9007199254740993' });
    expect(jsonToCell(2.5, 'float8')).toEqual({ ok: true, value: '2.5' });
    expect(jsonToCell(false, 'bool')).toEqual({ ok: true, value: 'false' });
    expect(jsonToCell(null, 'date')).toEqual({ ok: true, value: null });
    expect(jsonToCell(undefined, 'text')).toEqual({ ok: true, value: null });
    expect(jsonToCell('', 'text')).toEqual({ ok: true, value: null });
  });

  it('refuses the wrong type with a plain reason', () => {
    expect(jsonToCell(2.5, 'int8')).toEqual({ ok: false, reason: '2.5 is not a whole number' });
    expect(jsonToCell(2 ** 60, 'int8')).toMatchObject({ ok: false });
    expect(jsonToCell('abc', 'float8')).toEqual({ ok: false, reason: '"abc" is not a number' });
    expect(jsonToCell(1, 'text')).toEqual({ ok: false, reason: '1 is not text' });
    expect(jsonToCell({ a: 1 }, 'bool')).toEqual({ ok: false, reason: '{"a":1} is not true or false' });
    expect(jsonToCell('', 'int8')).toEqual({ ok: false, reason: '"" is empty' });
  });
});

describe('fitsForInference', () => {
  it('does not take numbers with leading zeros as numbers', () => {
    expect(fitsForInference('007', 'int8')).toBe(false);
    expect(fitsForInference('0.5', 'float8')).toBe(true);
    expect(fitsForInference('0', 'int8')).toBe(true);
  });
});
