/** The names of ingested tables and columns: plain PostgreSQL identifiers, always quoted in SQL anyway. */

/** What a name we create must look like: lower-case letters, digits and `_`, not starting with a digit. */
export const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
/** The schema of the platform's database that holds ingested tables. */
export const DATA_SCHEMA = 'data';
const MAX_LENGTH = 63;

/**
 * Turns any name (a CSV header, a title) into an identifier: accents dropped, lower case, other characters
 * runs replaced by `_`, a leading digit prefixed with `c_`, at most 63 characters. Empty → `fallback`.
 * @example toIdentifier('Température (°C)', 'column_1') // 'temperature_c'
 */
export function toIdentifier(name: string, fallback: string): string {
  const plain = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (plain === '') return fallback;
  const safe = /^\d/.test(plain) ? `c_${plain}` : plain;
  return safe.slice(0, MAX_LENGTH).replace(/_+$/, '');
}

/**
 * Makes names unique by adding `_2`, `_3`… to repeats (and to names in `taken`), keeping their order.
 * @example uniqueNames(['a', 'a', 'b']) // ['a', 'a_2', 'b']
 */
export function uniqueNames(names: readonly string[], taken: Iterable<string> = []): string[] {
  const used = new Set(taken);
  return names.map((name) => {
    let candidate = name;
    for (let n = 2; used.has(candidate); n++) {
      const suffix = `_${n}`;
      candidate = `${name.slice(0, MAX_LENGTH - suffix.length)}${suffix}`;
    }
    used.add(candidate);
    return candidate;
  });
}

/**
 * A quoted SQL identifier. Names are checked against IDENTIFIER before they get here; quoting is belt and
 * braces.
 * @example quoteIdent('temperature') // '"temperature"'
 */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The quoted, schema-qualified name of an ingested table.
 * @example dataTableSql('pumps') // '"data"."pumps"'
 */
export function dataTableSql(tableName: string): string {
  return `${quoteIdent(DATA_SCHEMA)}.${quoteIdent(tableName)}`;
}
