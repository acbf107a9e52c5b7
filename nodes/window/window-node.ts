import { ColumnarBatch } from '../../runtime/engine/columnar-batch';
import type { KeyedRow, NodeFactory, Row } from '../../runtime/engine/node-api';
import { groupText, isTimeColumn, numberOf } from '../transform-kit/values';
import { EntitySeries, type SeriesEntry, type WindowAggregate } from './entity-series';
import { SummaryColumns, withSummaries } from './summary-columns';
import type { AggregateFn } from '../transform-kit/bucket-stats';

export type WindowConfig = {
  entity?: string;
  time: string;
  by?: 'time' | 'count';
  size?: number;
  aggregates: { column: string; fn: AggregateFn; as?: string }[];
};

interface SeriesChanges {
  removed: Map<string, number>;
  added: SeriesEntry[];
  anchors: { time: number; key: string }[];
}

/**
 * core/window: for each row, summaries over the window of its entity's rows ending at that row, in the order
 * of the time column (then key): the rows less than `size` seconds older (time columns; plain units for a
 * number column), or the last `size` rows. One output row per input row, same key. Inserts, updates and
 * deletes in any order recompute the affected rows of that entity; appends in order cost O(1) amortised.
 * Rows without a usable time are sent on with empty summaries and one PTR220 warning.
 * @example
 * ```ts
 * const node = create(ctx); // ctx.config = { entity: 'pump_id', time: 'ts', by: 'time', size: 600, aggregates: [{ column: 'v', fn: 'mean' }] }
 * node.receive?.('rows', { inserts: [{ key: '1', row: { pump_id: 'a', ts: 0, v: 2 } }], updates: [], deletes: [] });
 * ```
 */
export const create: NodeFactory<WindowConfig> = (ctx) => {
  const config = ctx.config;
  const columns: string[] = [];
  const aggregates: WindowAggregate[] = (config.aggregates ?? []).map((a) => {
    if (!columns.includes(a.column)) columns.push(a.column);
    return { column: columns.indexOf(a.column), fn: a.fn, name: a.as ?? `${a.column}_${a.fn}` };
  });
  const rawSize = config.size ?? 600;
  const shape =
    config.by === 'count'
      ? { by: 'count' as const, size: Math.max(1, Math.floor(rawSize)) }
      : {
          by: 'time' as const,
          size: rawSize * (isTimeColumn(ctx.inputs.rows?.columns, config.time) ? 1000 : 1),
        };
  const series = new Map<string, EntitySeries>();
  const placed = new Map<string, SeriesEntry>();
  const unplaced = new Map<string, Row>();
  let warnedTime = false;

  const seriesOf = (row: Row): EntitySeries => {
    const group = config.entity ? groupText(row[config.entity]) : '';
    let s = series.get(group);
    if (!s) {
      s = new EntitySeries(columns, aggregates, shape);
      series.set(group, s);
    }
    return s;
  };
  const names = aggregates.map((a) => a.name);

  return {
    receive(_port, batch) {
      // Rows go on by columns: each input row plus its summaries, nothing copied (columnar-batch.ts).
      const out = {
        inserts: new SummaryColumns(names),
        updates: new SummaryColumns(names),
        deletes: [] as string[],
      };
      const pending = new Map<EntitySeries, SeriesChanges>();
      const changesOf = (s: EntitySeries): SeriesChanges => {
        let c = pending.get(s);
        if (!c) {
          c = { removed: new Map(), added: [], anchors: [] };
          pending.set(s, c);
        }
        return c;
      };
      const unplace = (key: string): boolean => {
        const at = placed.get(key);
        if (!at) return unplaced.delete(key);
        const c = changesOf(at.series!);
        c.removed.set(key, at.time);
        c.anchors.push({ time: at.time, key });
        placed.delete(key);
        return true;
      };
      const place = (item: KeyedRow, isInsert: boolean) => {
        const time = numberOf(item.row[config.time]);
        if (Number.isNaN(time)) {
          unplaced.set(item.key, item.row);
          (isInsert ? out.inserts : out.updates).push(item.key, item.row, null);
          if (!warnedTime) {
            warnedTime = true;
            ctx.report({
              code: 'PTR220',
              severity: 'warning',
              message: `Some rows have no time in "${config.time}" (e.g. row ${item.key}), so they belong to no window; they are passed on with empty summaries.`,
              details: { column: config.time, key: item.key },
            });
          }
          return;
        }
        const s = seriesOf(item.row);
        const entry: SeriesEntry = {
          key: item.key,
          time,
          row: item.row,
          summaries: null,
          rowChanged: true,
          isNew: isInsert,
          series: s,
        };
        changesOf(s).added.push(entry);
        placed.set(item.key, entry);
      };

      for (const key of batch.deletes) if (unplace(key)) out.deletes.push(key);
      for (const item of batch.updates) {
        const at = placed.get(item.key);
        const time = numberOf(item.row[config.time]);
        if (at && at.time === time && at.series === seriesOf(item.row)) {
          at.row = item.row;
          at.rowChanged = true;
          changesOf(at.series).anchors.push(at);
          continue;
        }
        const existed = unplace(item.key);
        place(item, !existed);
      }
      for (const item of batch.inserts) {
        if (placed.has(item.key) || unplaced.has(item.key)) {
          unplace(item.key);
          place(item, false);
        } else place(item, true);
      }
      const changed = (entry: SeriesEntry) => {
        (entry.isNew ? out.inserts : out.updates).push(entry.key, entry.row, entry.summaries);
        entry.isNew = false;
      };
      for (const [s, c] of pending) s.apply(c.removed, c.added, c.anchors, changed);
      if (out.inserts.length + out.updates.length + out.deletes.length > 0)
        ctx.emit('rows', new ColumnarBatch(out.inserts.part(), out.updates.part(), out.deletes));
    },
    preview() {
      const sample: Row[] = [];
      for (const entry of placed.values()) {
        if (sample.length >= 20) break;
        if (entry.summaries) sample.push(withSummaries(entry.row, names, entry.summaries));
      }
      return { rowCount: placed.size + unplaced.size, sample };
    },
  };
};
