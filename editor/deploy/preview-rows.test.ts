import { describe, expect, it } from 'vitest';
import type { TableInputInfo } from './blueprint-inputs';
import { previewRows } from './preview-rows';

const input: TableInputInfo = {
  kind: 'table',
  name: 'readings',
  title: 'Readings',
  columns: [
    { name: 'id', type: 'int8', role: 'key' },
    { name: 'temp', type: 'float8' },
    { name: 'note', type: 'text', optional: true },
  ],
};
const table = {
  origin: 'upload' as const,
  connection: 'builtin',
  table: 'data.log',
  label: 'Log',
  columns: [
    { name: 'id', type: 'int8' as const },
    { name: 'temperature_c', type: 'float8' as const },
  ],
};

describe('previewRows', () => {
  it('maps sample rows to the blueprint’s column names; generated columns are marked', () => {
    const preview = previewRows(
      input,
      {
        table: { ...table, sample: { columns: ['temperature_c'], rows: [['61.5'], [null], ['59']] } },
        mapping: { id: 'id', temp: 'temperature_c' },
      },
      2,
    );
    expect(preview).toEqual({
      columns: ['id', 'temp'],
      rows: [
        [{ generated: true }, { value: '61.5' }],
        [{ generated: true }, { value: null }],
      ],
    });
  });

  it('is null when the source offers no rows before the twin runs', () => {
    expect(previewRows(input, { table, mapping: { temp: 'temperature_c' } })).toBeNull();
    expect(previewRows(input, undefined)).toBeNull();
  });
});
