import { describe, expect, it } from 'vitest';
import type { KeyedRow } from '../../runtime/engine/node-api';
import { sortRows } from './table-sort';

const rows = (): KeyedRow[] => [
  { key: '1', row: { id: 'P-10', rul: 5 } },
  { key: '2', row: { id: 'P-2', rul: null } },
  { key: '3', row: { id: 'P-1', rul: 12.5 } },
  { key: '4', row: { id: 'p-3', rul: 5 } },
];

describe('sortRows', () => {
  it('sorts numbers ascending with empty values last and ties by key', () => {
    expect(sortRows(rows(), 'rul', false).map((r) => r.key)).toEqual(['1', '4', '3', '2']);
  });

  it('sorts descending, still with empty values last', () => {
    expect(sortRows(rows(), 'rul', true).map((r) => r.key)).toEqual(['3', '1', '4', '2']);
  });

  it('compares text naturally, numbers inside text as numbers', () => {
    expect(sortRows(rows(), 'id', false).map((r) => r.row.id)).toEqual(['P-1', 'P-2', 'p-3', 'P-10']);
  });

  it('keeps arrival order without a sort column', () => {
    expect(sortRows(rows(), undefined, false).map((r) => r.key)).toEqual(['1', '2', '3', '4']);
  });
});
