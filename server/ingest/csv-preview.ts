import { ApiError } from '../http/api-error';
import { ColumnTally } from './column-tally';
import type { ColumnType } from './column-types';
import { detectDialect, readCsvSample, type CsvDialect, type Delimiter } from './csv-dialect';
import { csvRecords, lineLabel } from './csv-records';
import { toIdentifier, uniqueNames } from './identifiers';

/** A column as the preview proposes it; the user may change `name` and `type` before importing. */
export interface PreviewColumn {
  /** The proposed column name (an identifier). */
  name: string;
  /** The header's text, or `column_N` without a header. */
  sourceName: string;
  type: ColumnType;
  /** Whether some value was blank or missing. */
  nullable: boolean;
  /** Up to three distinct values, as written. */
  examples: string[];
}

/** What an uploaded CSV holds, read once from start to end. */
export interface CsvPreview {
  delimiter: Delimiter;
  header: boolean;
  columns: PreviewColumn[];
  /** Data rows (the header not counted). */
  rowCount: number;
  /** The first rows, one value per column (null when blank or missing). */
  sampleRows: (string | null)[][];
  /** Plain sentences about what looks wrong (at most 20); `problemCount` counts them all. */
  problems: string[];
  problemCount: number;
}

const SAMPLE_ROWS = 10;
const MAX_PROBLEMS = 20;
const MAX_COLUMNS = 1000;

/**
 * Whether the fields past a record's last column are all blank (a trailing delimiter), so they can be
 * ignored.
 * @example extraFieldsBlank(['1', '2', ''], 2) // true
 */
export function extraFieldsBlank(fields: readonly string[], columnCount: number): boolean {
  return fields.slice(columnCount).every((field) => field.trim() === '');
}

function columnNames(first: string[], header: boolean, problems: string[]): [string[], string[]] {
  const sources = first.map((cell, j) => {
    const name = cell.trim();
    if (header && name === '') problems.push(`Column ${j + 1} has no name in the header.`);
    return header && name !== '' ? name : `column_${j + 1}`;
  });
  const names = uniqueNames(sources.map((source, j) => toIdentifier(source, `column_${j + 1}`)));
  return [sources, names];
}

/**
 * Reads an uploaded CSV from start to end as a stream: detects its dialect (unless given), infers each
 * column's type from all its rows, counts the rows, keeps the first ten and notes problems (rows with too
 * many or too few values, unnamed columns). Throws 422 `empty_csv` for a file with no records and
 * `invalid_csv` for one that breaks CSV's quoting rules.
 * @example const preview = await previewCsv('/tmp/upload.csv')
 */
export async function previewCsv(path: string, given: Partial<CsvDialect> = {}): Promise<CsvPreview> {
  const dialect = detectDialect(await readCsvSample(path), given);
  const problems: string[] = [];
  let problemCount = 0;
  const note = (problem: string) => {
    problemCount++;
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };
  let sources: string[] = [];
  let names: string[] = [];
  let tallies: ColumnTally[] = [];
  const sampleRows: (string | null)[][] = [];
  let rowCount = 0;
  let started = false;
  for await (const { fields, line } of csvRecords(path, dialect.delimiter)) {
    if (!started) {
      started = true;
      if (fields.length > MAX_COLUMNS) {
        throw new ApiError(
          422,
          'too_many_columns',
          `The file has ${fields.length} columns; at most ${MAX_COLUMNS} can be imported.`,
        );
      }
      const headerProblems: string[] = [];
      [sources, names] = columnNames(fields, dialect.header, headerProblems);
      headerProblems.forEach(note);
      tallies = names.map(() => new ColumnTally());
      if (dialect.header) continue;
    }
    rowCount++;
    if (fields.length > names.length && !extraFieldsBlank(fields, names.length)) {
      note(
        `${lineLabel(line)} has ${fields.length} values but there are ${names.length} columns; it will be refused at import.`,
      );
    } else if (fields.length < names.length) {
      note(
        `${lineLabel(line)} has ${fields.length} values but there are ${names.length} columns; the missing ones will be empty.`,
      );
    }
    tallies.forEach((tally, j) => tally.add(fields[j]));
    if (sampleRows.length < SAMPLE_ROWS) {
      sampleRows.push(
        names.map((_, j) => (fields[j] === undefined || fields[j].trim() === '' ? null : fields[j])),
      );
    }
  }
  if (!started) throw new ApiError(422, 'empty_csv', 'The file is empty: it has no rows to import.');
  const columns = names.map((name, j) => ({
    name,
    sourceName: sources[j],
    type: tallies[j].type,
    nullable: tallies[j].nullable,
    examples: tallies[j].examples,
  }));
  return { ...dialect, columns, rowCount, sampleRows, problems, problemCount };
}
