import { createReadStream } from 'node:fs';
import { CsvError, parse } from 'csv-parse';
import { ApiError } from '../http/api-error';
import type { Delimiter } from './csv-dialect';

/** One record of a CSV file and the line it starts on (1-based, as a text editor counts). */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/**
 * Formats a line number for messages, with thousands separators.
 * @example lineLabel(1204) // 'line 1,204'
 */
export function lineLabel(line: number): string {
  return `line ${line.toLocaleString('en-US')}`;
}

function unreadable(error: CsvError): ApiError {
  const line = typeof error.lines === 'number' ? error.lines : undefined;
  const where = line ? `${lineLabel(line)}: ` : '';
  const what =
    error.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quoted value is never closed'
      : error.code === 'CSV_INVALID_CLOSING_QUOTE'
        ? 'a quote closes a value but more text follows it; put the whole value in quotes and double the quotes inside'
        : error.message.replace(/\.$/, '');
  return new ApiError(422, 'invalid_csv', `The file cannot be read as CSV: ${where}${what}.`, { line });
}

/**
 * Streams the records of a CSV file through csv-parse, never holding the file whole: byte order mark skipped,
 * CRLF/LF/CR line ends, quoted fields (with delimiters, quotes and line breaks inside), blank lines skipped.
 * Records may have any number of fields; the caller decides. A file that breaks CSV's rules throws a 422
 * `invalid_csv` naming the line.
 * @example for await (const { fields, line } of csvRecords(path, ',')) ...
 */
export async function* csvRecords(path: string, delimiter: Delimiter): AsyncGenerator<CsvRecord> {
  const source = createReadStream(path);
  const parser = parse({
    bom: true,
    delimiter,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  // csv-parse reports the line a record ends on; a record starts after the previous one and any blank lines.
  let lastLine = 0;
  let lastEmpty = 0;
  try {
    for await (const item of parser as AsyncIterable<{
      record: string[];
      info: { lines: number; empty_lines: number };
    }>) {
      const line = lastLine + 1 + (item.info.empty_lines - lastEmpty);
      lastLine = item.info.lines;
      lastEmpty = item.info.empty_lines;
      yield { fields: item.record, line };
    }
  } catch (error) {
    if (error instanceof CsvError) throw unreadable(error);
    throw error;
  } finally {
    source.destroy();
    parser.destroy();
  }
}
