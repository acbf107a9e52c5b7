import type { KeyedRow, Value } from '../../runtime/engine/node-api';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compareValues(x: Value | undefined, y: Value | undefined): number {
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'boolean' && typeof y === 'boolean') return Number(x) - Number(y);
  const text = (v: Value | undefined) => (typeof v === 'string' ? v : JSON.stringify(v));
  return collator.compare(text(x), text(y));
}

/**
 * Sorts rows in place by one column (numbers by value, text in the viewer's collation with numbers inside text
 * compared as numbers, e.g. P-2 before P-10). Empty values (NULL) always come last; ties keep key order, so the
 * order is stable across updates. Without a column the arrival order is kept.
 *
 * @example
 * ```ts
 * sortRows(rows, 'rul_hours', false); // fewest hours left first
 * ```
 */
export function sortRows(rows: KeyedRow[], column: string | undefined, descending: boolean): KeyedRow[] {
  if (!column) return rows;
  const sign = descending ? -1 : 1;
  return rows.sort((a, b) => {
    const x = a.row[column];
    const y = b.row[column];
    const xEmpty = x === null || x === undefined;
    const yEmpty = y === null || y === undefined;
    if (xEmpty || yEmpty) {
      if (xEmpty && yEmpty) return collator.compare(a.key, b.key);
      return xEmpty ? 1 : -1;
    }
    return sign * compareValues(x, y) || collator.compare(a.key, b.key);
  });
}
