/**
 * The first rows of a chosen table as the twin will see them: in the blueprint's column names, from rows the
 * server already read (a CSV upload's sample). Pure.
 */
import type { TableInputInfo } from './blueprint-inputs';
import type { InputChoice } from './deploy-choices';

/** A preview cell: a value (null when empty) or a column the platform fills itself (a generated key). */
export type PreviewCell = { value: string | null } | { generated: true };

/** Rows in the blueprint's column names. */
export interface PreviewTable {
  columns: string[];
  rows: PreviewCell[][];
}

/**
 * The preview of one table input's choice: the mapped columns, first `limit` rows of the sample; null when no
 * rows are at hand for this source (the wizard then says what will appear).
 * @example previewRows(input, choice, 5)?.columns // ['id', 'line', 'ts', 'temp']
 */
export function previewRows(
  input: TableInputInfo,
  choice: InputChoice | undefined,
  limit = 8,
): PreviewTable | null {
  const sample = choice?.table?.sample;
  if (!choice?.table || !sample) return null;
  const mapped = input.columns.filter((c) => choice.mapping[c.name]);
  const index = mapped.map((c) => sample.columns.indexOf(choice.mapping[c.name]));
  return {
    columns: mapped.map((c) => c.name),
    rows: sample.rows
      .slice(0, limit)
      .map((row) => index.map((i): PreviewCell => (i < 0 ? { generated: true } : { value: row[i] ?? null }))),
  };
}
