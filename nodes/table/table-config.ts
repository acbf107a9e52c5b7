import type { ColumnInfo } from '../../runtime/compiler/plan';
import type { Row } from '../../runtime/engine/node-api';
import { boolOr, numberOr, textList, textOr } from '../panel-kit/config-values';

/** The config of core/table, defaults filled in (see manifest.json). */
export interface TableConfig {
  title: string | undefined;
  columns: string[];
  sortBy: string | undefined;
  descending: boolean;
  maxRows: number;
  /** Decimals of every number column; undefined: per column, what its values need. */
  decimals: number | undefined;
}

/**
 * Reads a core/table config, falling back to the manifest's defaults.
 * @example readTableConfig({ sortBy: 'rul' }).maxRows // 10000
 * @example readTableConfig({ decimals: 1 }).decimals // 1
 */
export function readTableConfig(config: Record<string, unknown>): TableConfig {
  return {
    title: textOr(config.title, undefined),
    columns: textList(config.columns),
    sortBy: textOr(config.sortBy, undefined),
    descending: boolOr(config.descending, false),
    maxRows: Math.max(1, Math.trunc(numberOr(config.maxRows, 10_000))),
    decimals: decimalsOf(config.decimals),
  };
}

/** A decimals setting as a whole number from 0 to 10 (the manifest's bounds), or undefined when not set. */
function decimalsOf(value: unknown): number | undefined {
  const n = numberOr(value, undefined);
  return n === undefined ? undefined : Math.min(10, Math.max(0, Math.trunc(n)));
}

/**
 * The columns to show: the configured ones in their order, else every arriving column, else (columns unknown
 * before rows arrive) the fields of a sample row.
 * @example shownColumns(['b'], [{ name: 'a', type: 'int4' }, { name: 'b', type: 'text' }]) // [{ name: 'b', ... }]
 */
export function shownColumns(
  configured: readonly string[],
  arriving: readonly ColumnInfo[],
  sample?: Row,
): ColumnInfo[] {
  const byName = new Map(arriving.map((c) => [c.name, c]));
  if (configured.length > 0) return configured.map((name) => byName.get(name) ?? { name, type: 'text' });
  if (arriving.length > 0) return [...arriving];
  return Object.entries(sample ?? {}).map(([name, value]) => ({
    name,
    type: typeof value === 'number' ? 'float8' : typeof value === 'boolean' ? 'bool' : 'text',
  }));
}
