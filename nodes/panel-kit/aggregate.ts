import type { Row } from '../../runtime/engine/node-api';

export type AggregateFn = 'last' | 'mean' | 'sum' | 'min' | 'max' | 'count';
export const AGGREGATES: readonly AggregateFn[] = ['last', 'mean', 'sum', 'min', 'max', 'count'];

/** The summary of one column: now, and as it was before the newest time (for the trend). */
export interface Summary {
  /** The aggregate over every row; null when there is no number to summarise. */
  value: number | null;
  /** The aggregate over the rows older than the newest time; null without a time column or older rows. */
  previous: number | null;
  /** How many rows had a value that is not a number (and were left out). */
  skipped: number;
}

interface Point {
  value: number;
  time: number;
}

function reduce(points: readonly Point[], fn: AggregateFn): number | null {
  if (fn === 'count') return points.length;
  if (points.length === 0) return null;
  switch (fn) {
    case 'last':
      return points[points.length - 1]!.value;
    case 'sum':
      return points.reduce((sum, p) => sum + p.value, 0);
    case 'mean':
      return points.reduce((sum, p) => sum + p.value, 0) / points.length;
    case 'min':
      return points.reduce((min, p) => Math.min(min, p.value), Number.POSITIVE_INFINITY);
    case 'max':
      return points.reduce((max, p) => Math.max(max, p.value), Number.NEGATIVE_INFINITY);
  }
}

/**
 * Summarises a number column over rows given oldest first. With a time column, rows are ordered by it, `last`
 * is the value at the newest time, and `previous` is the same summary over the rows older than the newest time,
 * so a trend compares "now" with "one tick ago". NULLs are left out; other non-numbers are counted in `skipped`.
 *
 * @example
 * ```ts
 * summarise([{ v: 1, t: 1 }, { v: 3, t: 2 }], { value: 'v', aggregate: 'mean', time: 't' });
 * // { value: 2, previous: 1, skipped: 0 }
 * ```
 */
export function summarise(
  rows: Iterable<Row>,
  options: { value: string; aggregate: AggregateFn; time?: string | undefined },
): Summary {
  const points: Point[] = [];
  let skipped = 0;
  let index = 0;
  for (const row of rows) {
    index++;
    const raw = row[options.value];
    if (raw === null || raw === undefined) continue;
    if (typeof raw !== 'number' || Number.isNaN(raw)) {
      skipped++;
      continue;
    }
    const time = options.time ? row[options.time] : index;
    if (typeof time !== 'number' || !Number.isFinite(time)) continue;
    points.push({ value: raw, time });
  }
  if (options.time) points.sort((a, b) => a.time - b.time);
  const value = reduce(points, options.aggregate);
  let previous: number | null = null;
  if (options.time && points.length > 0) {
    const newest = points[points.length - 1]!.time;
    const older = points.filter((p) => p.time < newest);
    previous = older.length > 0 ? reduce(older, options.aggregate) : null;
  }
  return { value, previous, skipped };
}

export type Level = 'none' | 'ok' | 'warning' | 'alarm';

export interface Levels {
  warnAt?: number | undefined;
  alarmAt?: number | undefined;
  /** True (default): low values are bad, so a value at or below a level crosses it. */
  higherIsBetter?: boolean | undefined;
}

/**
 * Where a value stands against its warning and alarm levels. With neither level set there is no judgement.
 * @example levelOf(40, { warnAt: 50, alarmAt: 20 }) // 'warning' (higher is better: at or below 50 warns)
 */
export function levelOf(value: number | null, levels: Levels): Level {
  const { warnAt, alarmAt } = levels;
  if (value === null || (warnAt === undefined && alarmAt === undefined)) return 'none';
  const crossed = (at: number | undefined) =>
    at !== undefined && (levels.higherIsBetter === false ? value >= at : value <= at);
  if (crossed(alarmAt)) return 'alarm';
  if (crossed(warnAt)) return 'warning';
  return 'ok';
}

/**
 * True when both levels are set but in an order that makes the warning unreachable (e.g. higher is better and
 * the warning level is below the alarm level).
 * @example levelsOutOfOrder({ warnAt: 10, alarmAt: 20 }) // true
 */
export function levelsOutOfOrder(levels: Levels): boolean {
  const { warnAt, alarmAt } = levels;
  if (warnAt === undefined || alarmAt === undefined) return false;
  return levels.higherIsBetter === false ? warnAt > alarmAt : warnAt < alarmAt;
}

/** Which way a value moved, and whether that is good news. */
export interface Trend {
  direction: 'up' | 'down' | 'flat';
  /** 'good' when it moved the better way, 'bad' the other way, 'neutral' when flat. */
  mood: 'good' | 'bad' | 'neutral';
  delta: number;
}

/**
 * The trend from `previous` to `value`; null when either is missing.
 * @example trendOf(5, 3, true) // { direction: 'up', mood: 'good', delta: 2 }
 */
export function trendOf(value: number | null, previous: number | null, higherIsBetter = true): Trend | null {
  if (value === null || previous === null) return null;
  const delta = value - previous;
  if (delta === 0) return { direction: 'flat', mood: 'neutral', delta };
  const direction = delta > 0 ? 'up' : 'down';
  const good = (direction === 'up') === higherIsBetter;
  return { direction, mood: good ? 'good' : 'bad', delta };
}
