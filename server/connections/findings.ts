/** The checks run against a user's PostgreSQL, in the order they are reported. */
export const CHECKS = [
  'connect',
  'server_version',
  'wal_level',
  'replication',
  'tables_exist',
  'primary_key',
  'select_permission',
  'publication_rights',
] as const;

export type CheckName = (typeof CHECKS)[number];

/**
 * One check's result, in plain words: what was found and, when something is wrong, how to fix it (often the SQL
 * to run). `tables` names the chosen tables a table check is about.
 */
export interface Finding {
  check: CheckName;
  ok: boolean;
  message: string;
  fix: string | null;
  tables?: string[];
}

/**
 * A passed check.
 * @example passed('wal_level', 'wal_level is "logical".')
 */
export function passed(check: CheckName, message: string): Finding {
  return { check, ok: true, message, fix: null };
}

/**
 * A failed check with its fix.
 * @example failed('wal_level', 'wal_level is "replica".', 'Run ALTER SYSTEM SET wal_level = logical; and restart.')
 */
export function failed(check: CheckName, message: string, fix: string, tables?: string[]): Finding {
  return tables ? { check, ok: false, message, fix, tables } : { check, ok: false, message, fix };
}

/**
 * True when every finding passed.
 * @example if (!allPassed(findings)) showFixes(findings)
 */
export const allPassed = (findings: readonly Finding[]) => findings.every((f) => f.ok);

const SIMPLE = /^[a-z_][a-z0-9_$]*$/;
const RESERVED = new Set(
  'all analyse analyze and any array as asc both case cast check collate column constraint create current_date current_role current_time current_timestamp current_user default deferrable desc distinct do else end except false fetch for foreign from grant group having in initially intersect into lateral leading limit localtime localtimestamp not null offset on only or order placing primary references returning select session_user some symmetric table then to trailing true union unique user using variadic when where window with'.split(
    ' ',
  ),
);

/**
 * An identifier as a person would type it in SQL: bare when that is safe, double-quoted otherwise.
 * @example sqlName('Readings') // '"Readings"'
 */
export function sqlName(name: string): string {
  return SIMPLE.test(name) && !RESERVED.has(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/**
 * A qualified table name as a person would type it.
 * @example sqlTable('public', 'readings') // 'public.readings'
 */
export function sqlTable(schema: string, table: string): string {
  return `${sqlName(schema)}.${sqlName(table)}`;
}
