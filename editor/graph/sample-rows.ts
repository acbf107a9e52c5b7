/**
 * Sample data for the editor's live preview: a demo table's rows (values as PostgreSQL text) turned into the
 * rows a blueprint input declares, columns matched by name. Pure: no DOM, no network.
 */
import type { TableInput } from '../../schemas/blueprint/blueprint.types';
import type { KeyedRow, Row, Value } from '../../runtime/engine/node-api';
import { normaliseValue } from '../../runtime/engine/value-conventions';
import { suggestMapping, type SourceColumn } from '../deploy/column-matcher';
import type { DemoRows, DemoTable } from '../deploy/deploy-api';

/**
 * Which column of a sample table feeds each declared column: the same name first, then the column matcher's
 * suggestion by name and type; declared columns with no match are left out (they stay empty in the preview).
 * @example sampleMapping(input, table.columns) // { ts: 'recorded_at', vibration: 'vibration' }
 */
export function sampleMapping(input: TableInput, columns: readonly SourceColumn[]): Record<string, string> {
  const names = new Set(columns.map((c) => c.name));
  const exact: Record<string, string> = {};
  const rest = Object.entries(input.columns)
    .filter(([name]) => {
      if (!names.has(name)) return true;
      exact[name] = name;
      return false;
    })
    .map(([name, spec]) => ({ name, ...spec }));
  const free = columns.filter((c) => !Object.values(exact).includes(c.name));
  return { ...exact, ...suggestMapping(rest, free) };
}

/**
 * The sample's rows as the input declares them (values in the runtime's conventions), keyed by the table's
 * primary key when it has one, else by position.
 * @example sampleRows(input, { ts: 'recorded_at' }, rows, ['id']) // [{ key: '7', row: { ts: 1709… } }]
 */
export function sampleRows(
  input: TableInput,
  mapping: Readonly<Record<string, string>>,
  sample: Pick<DemoRows, 'columns' | 'rows'>,
  primaryKey: readonly string[] = [],
): KeyedRow[] {
  const at = new Map(sample.columns.map((c, i) => [c, i]));
  const keyAt = primaryKey.map((c) => at.get(c)).filter((i): i is number => i !== undefined);
  const declared = Object.entries(input.columns);
  return sample.rows.map((cells, index) => {
    const row: Record<string, Value> = {};
    for (const [name, spec] of declared) {
      const from = mapping[name];
      const i = from === undefined ? undefined : at.get(from);
      row[name] = i === undefined ? null : normaliseValue(cells[i], spec.type).value;
    }
    const key =
      keyAt.length === primaryKey.length && keyAt.length > 0
        ? JSON.stringify(keyAt.map((i) => cells[i]))
        : String(index);
    return { key, row: row as Row };
  });
}

/**
 * A demo table's columns as the column matcher reads them.
 * @example sourceColumnsOf(table) // [{ name: 'recorded_at', type: 'timestamptz', pgType: 'timestamptz' }]
 */
export function sourceColumnsOf(table: Pick<DemoTable, 'columns'>): SourceColumn[] {
  return table.columns.map((c) => ({ name: c.name, type: c.type, pgType: c.pgType }));
}
