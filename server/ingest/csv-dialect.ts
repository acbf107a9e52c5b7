import { open } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { ColumnTally } from './column-tally';
import { fitsForInference } from './column-types';

/** The delimiters a CSV may use; detection picks one of these. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** How a CSV file is written: its field delimiter and whether its first record names the columns. */
export interface CsvDialect {
  delimiter: Delimiter;
  header: boolean;
}

const SAMPLE_BYTES = 64 * 1024;
const SAMPLE_RECORDS = 200;

/**
 * The first 64 KB of a file as text (UTF-8, byte order mark removed), cut after its last complete line unless
 * that is the whole file.
 * @example const sample = await readCsvSample('/tmp/upload.csv')
 */
export async function readCsvSample(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES + 1);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    const whole = bytesRead <= SAMPLE_BYTES;
    let text = buffer.subarray(0, Math.min(bytesRead, SAMPLE_BYTES)).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (!whole) text = text.slice(0, text.lastIndexOf('\n') + 1);
    return text;
  } finally {
    await file.close();
  }
}

/** The sample's records with a delimiter, or [] when it does not parse (a quote left open at the cut...). */
function sampleRecords(sample: string, delimiter: string): string[][] {
  let text = sample;
  for (let attempt = 0; attempt < 4 && text.length > 0; attempt++) {
    try {
      const records = parse(text, {
        delimiter,
        relax_column_count: true,
        skip_empty_lines: true,
        to: SAMPLE_RECORDS,
      }) as string[][];
      return records;
    } catch {
      text = text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1);
    }
  }
  return [];
}

/** How well a delimiter splits the sample: many records with the same number (> 1) of fields. */
function delimiterScore(records: string[][]): number {
  if (records.length === 0) return 0;
  const counts = new Map<number, number>();
  for (const record of records) counts.set(record.length, (counts.get(record.length) ?? 0) + 1);
  const [fields, agreeing] = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
  if (fields < 2) return 0;
  return (agreeing / records.length) * 1000 + Math.min(fields, 100);
}

/**
 * Whether the first record names the columns. Votes per column: a column whose other values are all numbers,
 * booleans or dates votes "header" when its first value is not one, "data" when it is. With no votes (every
 * column is text) the first record is a header when none of its values is blank. A lone record is a header.
 */
function looksLikeHeader(records: string[][]): boolean {
  if (records.length <= 1) return true;
  const [first, ...rest] = records;
  let header = 0;
  let data = 0;
  first.forEach((cell, j) => {
    const tally = new ColumnTally();
    for (const record of rest) tally.add(record[j]);
    const type = tally.type;
    if (type === 'text' || cell.trim() === '') return;
    if (fitsForInference(cell, type)) data++;
    else header++;
  });
  if (header + data > 0) return header > data;
  return first.every((cell) => cell.trim() !== '');
}

/**
 * Detects the delimiter (`,` `;` tab `|`: the one that splits the sample's records most consistently into
 * more than one field, quotes respected) and whether there is a header row. Either can be given instead.
 * @example detectDialect('a;b\n1;2\n') // { delimiter: ';', header: true }
 */
export function detectDialect(sample: string, given: Partial<CsvDialect> = {}): CsvDialect {
  let delimiter: Delimiter = given.delimiter ?? ',';
  let records: string[][] = [];
  if (given.delimiter) {
    records = sampleRecords(sample, given.delimiter);
  } else {
    let best = -1;
    for (const candidate of DELIMITERS) {
      const parsed = sampleRecords(sample, candidate);
      const score = delimiterScore(parsed);
      if (score > best) [best, delimiter, records] = [score, candidate, parsed];
    }
  }
  return { delimiter, header: given.header ?? looksLikeHeader(records) };
}
