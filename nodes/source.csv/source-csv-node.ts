import { errorText } from '../../runtime/engine/engine-problems';
import { defineNode } from '../../runtime/engine/define-node';
import type { KeyedRow } from '../../runtime/engine/node-api';
import { readCsv, type BadLine, type CsvColumn } from './csv-rows';

/** The CSV source's config, defaults filled in by the compiler. */
export interface SourceCsvConfig {
  file: string;
  columns: CsvColumn[];
  key?: string;
  header: boolean;
  delimiter: string;
}

/** Problem codes of the CSV source, documented in docs/errors.md. */
export const SOURCE_CSV_CODES = {
  noFiles: 'PTR130',
  unreadable: 'PTR131',
  badLines: 'PTR132',
  badLayout: 'PTR133',
  missingColumns: 'PTR134',
} as const;

/** Rows per emitted batch, so that a big file yields to a congested consumer between batches. */
const CHUNK = 5000;
/** Bad lines named in a problem's message; all of them (up to 1000) are in its details. */
const NAMED_LINES = 5;

function describeBadLines(lines: BadLine[]): string {
  const named = lines.slice(0, NAMED_LINES).map((b) => `line ${b.line} (${b.reason})`);
  const more = lines.length - named.length;
  return `${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

/**
 * Reads a CSV file once (bytes from `services.fetchFile(config.file)`) and emits its rows as inserts, keyed by
 * the key column (or the line number), each value converted to its declared column type. Lines that cannot be
 * read are left out and reported by line number; a file that cannot be read at all is an error.
 * @example
 * ```ts
 * // in a blueprint:
 * // { "id": "readings", "type": "core/source.csv@^1", "config": { "file": "https://example.com/readings.csv",
 * //   "key": "id", "columns": [{ "name": "id", "type": "int4" }, { "name": "temp", "type": "float8", "unit": "degC" }] } }
 * ```
 */
export const create = defineNode<SourceCsvConfig>((ctx) => {
  const { config } = ctx;
  let rows: KeyedRow[] = [];
  const file = config.file;

  const drained = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        off();
        ctx.signal.removeEventListener('abort', done);
        resolve();
      };
      const off = ctx.onDrain(done);
      ctx.signal.addEventListener('abort', done);
    });

  return {
    async start() {
      if (!ctx.services.fetchFile) {
        ctx.report({
          code: SOURCE_CSV_CODES.noFiles,
          severity: 'error',
          message: `The CSV file "${file}" cannot be opened here: this place does not give nodes access to files.`,
          details: { nodeId: ctx.nodeId, file },
        });
        return;
      }
      let text: string;
      try {
        const bytes = await ctx.services.fetchFile(file, ctx.signal);
        text = new TextDecoder('utf-8').decode(bytes);
      } catch (error) {
        if (ctx.signal.aborted) return;
        ctx.report({
          code: SOURCE_CSV_CODES.unreadable,
          severity: 'error',
          message: `The CSV file "${file}" could not be read: ${errorText(error)}. Check that it still exists and that the twin may open it.`,
          details: { nodeId: ctx.nodeId, file },
        });
        return;
      }
      if (ctx.signal.aborted) return;
      const result = readCsv(text, {
        columns: config.columns,
        ...(config.key === undefined ? {} : { key: config.key }),
        header: config.header,
        delimiter: config.delimiter,
      });
      if (result.fatal !== undefined) {
        ctx.report({
          code: SOURCE_CSV_CODES.badLayout,
          severity: 'error',
          message: `The CSV file "${file}" cannot be used: ${result.fatal}.`,
          details: { nodeId: ctx.nodeId, file },
        });
        return;
      }
      if (result.missingColumns.length > 0)
        ctx.report({
          code: SOURCE_CSV_CODES.missingColumns,
          severity: 'warning',
          message: `The CSV file "${file}" has no column ${result.missingColumns.map((c) => `"${c}"`).join(', ')}; those values are empty. Check the column names against the file's header line.`,
          details: { nodeId: ctx.nodeId, file, missing: result.missingColumns },
        });
      if (result.badLines.length > 0)
        ctx.report({
          code: SOURCE_CSV_CODES.badLines,
          severity: 'warning',
          message: `${result.badLines.length === 1 ? '1 line' : `${result.badLines.length} lines`} of the CSV file "${file}" could not be read and ${result.badLines.length === 1 ? 'was' : 'were'} left out: ${describeBadLines(result.badLines)}.`,
          details: { nodeId: ctx.nodeId, file, lines: result.badLines.slice(0, 1000) },
        });
      rows = result.rows;
      for (let i = 0; i < rows.length; i += CHUNK) {
        if (ctx.signal.aborted) return;
        ctx.emit('rows', { inserts: rows.slice(i, i + CHUNK), updates: [], deletes: [] });
        if (i + CHUNK < rows.length && ctx.isCongested()) await drained();
      }
    },
    preview: () => ({ rowCount: rows.length, sample: rows.slice(0, 5).map((r) => r.row) }),
  };
});
