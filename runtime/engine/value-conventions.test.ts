import { describe, expect, it } from 'vitest';
import { normaliseValue, parseTimestamp, shapeValueParser } from './value-conventions';

describe('parseTimestamp', () => {
  it.each([
    ['2024-03-04 05:06:07.123+02', Date.UTC(2024, 2, 4, 3, 6, 7, 123)],
    ['2024-03-04 05:06:07.123456+00', Date.UTC(2024, 2, 4, 5, 6, 7, 123)],
    ['2024-03-04T05:06:07-08', Date.UTC(2024, 2, 4, 13, 6, 7)],
    ['2024-03-04 05:06:07+05:30', Date.UTC(2024, 2, 3, 23, 36, 7)],
    ['2024-03-04T05:06:07Z', Date.UTC(2024, 2, 4, 5, 6, 7)],
    ['2024-03-04 05:06:07', Date.UTC(2024, 2, 4, 5, 6, 7)],
    ['2024-03-04 05:06', Date.UTC(2024, 2, 4, 5, 6)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['0044-03-15', new Date(0).setUTCFullYear(44, 2, 15)],
  ])('%s', (text, expected) => {
    expect(parseTimestamp(text)).toBe(expected);
  });

  it.each(['yesterday', '2023-02-29', '2024-13-01', '', 'infinity'])('%j is no time', (text) => {
    expect(parseTimestamp(text)).toBeNull();
  });
});

describe('normaliseValue', () => {
  it.each([
    ['12.5', 'numeric', 12.5],
    [9007199254740993n, 'int8', 9007199254740992],
    ['7', 'int4', 7],
    ['2024-01-01 00:00:00+00', 'timestamptz', 1704067200000],
    ['2024-01-01', 'date', 1704067200000],
    [1704067200000, 'timestamp', 1704067200000],
    [new Date(5), 'timestamptz', 5],
    ['t', 'bool', true],
    ['no', 'bool', false],
    [0, 'bool', false],
    [12, 'text', '12'],
    ['{"a":[1]}', 'jsonb', { a: [1] }],
    [{ a: 1n }, 'json', { a: 1 }],
    [['1', '2'], 'int4', [1, 2]],
    [null, 'float8', null],
    [undefined, 'text', null],
    ['infinity', 'timestamptz', null],
  ] as const)('%s as %s', (value, type, expected) => {
    expect(normaliseValue(value, type)).toEqual({ value: expected });
  });

  it.each([
    ['abc', 'float8'],
    ['not a time', 'timestamptz'],
    ['maybe', 'bool'],
    ['{oops', 'json'],
    [true, 'timestamptz'],
  ] as const)('%j is no %s: null, marked failed', (value, type) => {
    expect(normaliseValue(value, type)).toEqual({ value: null, failed: true });
  });

  it('gives the shape client parsers for int8, numeric and times', () => {
    expect(shapeValueParser.int8('42')).toBe(42);
    expect(shapeValueParser.numeric('12.345')).toBe(12.345);
    expect(shapeValueParser.timestamptz('2024-03-04 03:06:07.123+00')).toBe(
      Date.UTC(2024, 2, 4, 3, 6, 7, 123),
    );
  });
});
