import { describe, expect, it } from 'vitest';
import { ApiError } from '../twin/api-client';
import type { InputInfo, TableInputInfo } from './blueprint-inputs';
import { deployProblems, mappingProblems, stepProblems, twinDocument, type Choices } from './deploy-choices';

const readings: TableInputInfo = {
  kind: 'table',
  name: 'readings',
  title: 'Temperature readings',
  columns: [
    { name: 'ts', type: 'timestamptz', role: 'time' },
    { name: 'temp', type: 'float8' },
    { name: 'note', type: 'text', optional: true },
  ],
};
const inputs: InputInfo[] = [
  readings,
  { kind: 'value', name: 'offset', title: 'Sensor offset', type: 'float8' },
];
const table = {
  origin: 'upload' as const,
  connection: 'builtin',
  table: 'data.oven_log',
  label: 'Oven log',
  columns: [
    { name: 'recorded_at', type: 'timestamptz' as const },
    { name: 'temperature_c', type: 'float8' as const },
    { name: 'line_name', type: 'text' as const },
  ],
};

describe('mappingProblems', () => {
  it('asks for required columns only, and refuses incompatible or vanished columns with a reason', () => {
    expect(mappingProblems(readings, { table, mapping: {} })).toEqual({
      ts: 'Choose the column that holds “ts”.',
      temp: 'Choose the column that holds “temp”.',
    });
    expect(
      mappingProblems(readings, { table, mapping: { ts: 'recorded_at', temp: 'line_name', note: 'gone' } }),
    ).toEqual({
      temp: '“line_name” cannot be used. It holds text, but numbers are needed.',
      note: 'The table has no column “gone” any more; choose another.',
    });
    expect(
      mappingProblems(readings, { table, mapping: { ts: 'recorded_at', temp: 'temperature_c' } }),
    ).toEqual({});
  });
});

describe('stepProblems', () => {
  it('step 1 needs a table for each table input and a valid value for each value input', () => {
    expect(stepProblems(1, inputs, {})).toEqual([
      'Choose the data for “Temperature readings”.',
      '“Sensor offset”: Type a value: numbers go here.',
    ]);
    expect(
      stepProblems(1, inputs, { readings: { table, mapping: {} }, offset: { mapping: {}, typed: '2' } }),
    ).toEqual([]);
  });

  it('step 2 counts the columns left to match', () => {
    expect(stepProblems(2, inputs, { readings: { table, mapping: { ts: 'recorded_at' } } })).toEqual([
      '“Temperature readings”: one column still needs a fitting column of yours.',
    ]);
  });
});

describe('twinDocument', () => {
  it('binds tables with their mapped columns and values with their typed value', () => {
    const choices: Choices = {
      readings: { table, mapping: { ts: 'recorded_at', temp: 'temperature_c' } },
      offset: { mapping: {}, typed: '1.5' },
    };
    expect(
      twinDocument({ name: 'line-temps', version: '1.0.0' }, ' Plant 4 ', 'unlisted', inputs, choices),
    ).toEqual({
      schemaVersion: 1,
      title: 'Plant 4',
      blueprint: { name: 'line-temps', version: '1.0.0' },
      bindings: {
        readings: {
          kind: 'table',
          connection: 'builtin',
          table: 'data.oven_log',
          columns: { ts: 'recorded_at', temp: 'temperature_c' },
        },
        offset: { kind: 'value', value: 1.5 },
      },
      visibility: 'unlisted',
    });
  });
});

describe('deployProblems', () => {
  it('attaches coded problems to the field their pointer names', () => {
    const error = new ApiError(422, 'bindings_invalid', 'The bindings are not right.', {
      problems: [
        { code: 'column_unknown', message: 'No such column.', pointer: '/bindings/readings/columns/ts' },
        { code: 'x', message: 'Too long.', pointer: '/title' },
        { code: 'y', message: 'Something else.' },
      ],
    });
    expect(deployProblems(error)).toEqual([
      { field: 'input:readings', message: 'No such column.' },
      { field: 'title', message: 'Too long.' },
      { field: 'general', message: 'Something else.' },
    ]);
  });

  it('reads request-validation sentences by their leading path', () => {
    const error = new ApiError(400, 'invalid_request', 'x', {
      problems: ['"title" is too short (at least 1 characters).', 'The request is empty.'],
    });
    expect(deployProblems(error).map((p) => p.field)).toEqual(['title', 'general']);
  });

  it('falls back to the message for errors without details', () => {
    expect(deployProblems(new ApiError(0, 'network', 'The server could not be reached.'))).toEqual([
      { field: 'general', message: 'The server could not be reached.' },
    ]);
  });
});
