import { describe, expect, it } from 'vitest';
import type { TableInput } from '../../schemas/blueprint/blueprint.types';
import { sampleMapping, sampleRows } from './sample-rows';

const input: TableInput = {
  kind: 'table',
  columns: {
    pump: { type: 'text', role: 'entity' },
    ts: { type: 'timestamptz', role: 'time' },
    temperature: { type: 'float8', unit: 'degC' },
    note: { type: 'text', optional: true },
  },
};

describe('sample rows for the preview', () => {
  it('matches columns by the same name first, then by the column matcher, leaving the rest out', () => {
    const mapping = sampleMapping(input, [
      { name: 'pump', type: 'text' },
      { name: 'recorded_at', type: 'timestamptz' },
      { name: 'temperature_c', type: 'float8' },
      { name: 'flags', type: 'jsonb' },
    ]);
    expect(mapping).toEqual({ pump: 'pump', ts: 'recorded_at', temperature: 'temperature_c' });
  });

  it('turns text cells into typed rows keyed by the primary key, unmatched columns empty', () => {
    const rows = sampleRows(
      input,
      { pump: 'pump', ts: 'recorded_at', temperature: 'temperature_c' },
      {
        columns: ['pump', 'recorded_at', 'temperature_c'],
        rows: [
          ['P-1', '2024-01-01 00:00:00+00', '21.5'],
          ['P-2', '2024-01-01 00:00:00+00', 'hot'],
        ],
      },
      ['pump', 'recorded_at'],
    );
    expect(rows).toEqual([
      {
        key: '["P-1","2024-01-01 00:00:00+00"]',
        row: { pump: 'P-1', ts: 1704067200000, temperature: 21.5, note: null },
      },
      {
        key: '["P-2","2024-01-01 00:00:00+00"]',
        row: { pump: 'P-2', ts: 1704067200000, temperature: null, note: null },
      },
    ]);
    const byPosition = sampleRows(input, {}, { columns: ['x'], rows: [['1'], ['2']] });
    expect(byPosition.map((r) => r.key)).toEqual(['0', '1']);
  });
});
