import type { NodeFactory, Row, Value } from '../../runtime/engine/node-api';
import { BucketStats, type AggregateFn } from '../transform-kit/bucket-stats';
import { KeyedOutput } from '../transform-kit/keyed-output';
import { compositeKey, groupText, isTimeColumn, numberOf } from '../transform-kit/values';

export type ResampleConfig = {
  entity?: string;
  time: string;
  size?: number;
  aggregates: { column: string; fn: AggregateFn; as?: string; unit?: string }[];
};

interface Bucket {
  key: string;
  entity: Value;
  start: number;
  members: Map<string, Row>;
  stats: BucketStats[];
  /** A member left or changed: rebuild the summaries from the members. */
  stale: boolean;
}

/**
 * core/resample: groups each entity's rows into fixed time buckets (`size` seconds for time columns; plain
 * units for a number column) and sends one row per (entity, bucket) with the bucket's start time and the
 * summaries, keyed by entity and bucket. The entity arrives as text (the output declares it so). Bucket rows are inserted, updated and deleted as rows arrive, change
 * and leave. Rows without a usable time belong to no bucket (one PTR230 warning).
 * @example
 * ```ts
 * const node = create(ctx); // ctx.config = { entity: 'pump_id', time: 'ts', size: 60, aggregates: [{ column: 'v', fn: 'mean' }] }
 * node.receive?.('rows', { inserts: [{ key: '1', row: { pump_id: 'a', ts: 61000, v: 2 } }], updates: [], deletes: [] });
 * ```
 */
export const create: NodeFactory<ResampleConfig> = (ctx) => {
  const config = ctx.config;
  const columns: string[] = [];
  const aggregates = (config.aggregates ?? []).map((a) => {
    if (!columns.includes(a.column)) columns.push(a.column);
    return { column: columns.indexOf(a.column), fn: a.fn, name: a.as ?? `${a.column}_${a.fn}` };
  });
  const span = (config.size ?? 60) * (isTimeColumn(ctx.inputs.rows?.columns, config.time) ? 1000 : 1);
  const buckets = new Map<string, Bucket>();
  const bucketOfRow = new Map<string, Bucket>();
  const output = new KeyedOutput();
  let warnedTime = false;

  const addTo = (bucket: Bucket, key: string, row: Row) => {
    bucket.members.set(key, row);
    bucketOfRow.set(key, bucket);
    if (bucket.stale) return;
    const time = row[config.time] as number;
    for (let c = 0; c < columns.length; c++) bucket.stats[c].add(numberOf(row[columns[c]]), time, key);
  };
  const leave = (key: string, touched: Set<Bucket>) => {
    const bucket = bucketOfRow.get(key);
    if (!bucket) return;
    bucket.members.delete(key);
    bucketOfRow.delete(key);
    bucket.stale = true;
    touched.add(bucket);
  };
  const enter = (key: string, row: Row, touched: Set<Bucket>) => {
    const time = numberOf(row[config.time]);
    if (Number.isNaN(time)) {
      if (!warnedTime) {
        warnedTime = true;
        ctx.report({
          code: 'PTR230',
          severity: 'warning',
          message: `Some rows have no time in "${config.time}" (e.g. row ${key}), so they fall in no bucket and are left out.`,
          details: { column: config.time, key },
        });
      }
      return;
    }
    const raw = config.entity ? row[config.entity] : null;
    const entity =
      raw === null || raw === undefined || typeof raw === 'string' ? (raw ?? null) : groupText(raw);
    const start = Math.floor(time / span) * span;
    const id = config.entity ? `${groupText(entity)}\u0000${start}` : String(start);
    let bucket = buckets.get(id);
    if (!bucket) {
      bucket = {
        key: compositeKey(config.entity ? [entity, start] : [start]),
        entity,
        start,
        members: new Map(),
        stats: columns.map(() => new BucketStats()),
        stale: false,
      };
      buckets.set(id, bucket);
    }
    addTo(bucket, key, row);
    touched.add(bucket);
  };
  const rowOf = (bucket: Bucket): Row => {
    if (bucket.stale) {
      for (const s of bucket.stats) s.reset();
      bucket.stale = false;
      for (const [key, row] of bucket.members) {
        const time = row[config.time] as number;
        for (let c = 0; c < columns.length; c++) bucket.stats[c].add(numberOf(row[columns[c]]), time, key);
      }
    }
    const row: Record<string, Value> = {};
    if (config.entity) row[config.entity] = bucket.entity;
    row[config.time] = bucket.start;
    for (const a of aggregates) row[a.name] = bucket.stats[a.column].value(a.fn);
    return row;
  };

  return {
    receive(_port, batch) {
      const touched = new Set<Bucket>();
      for (const key of batch.deletes) leave(key, touched);
      for (const { key, row } of batch.updates) {
        leave(key, touched);
        enter(key, row, touched);
      }
      for (const { key, row } of batch.inserts) {
        leave(key, touched);
        enter(key, row, touched);
      }
      for (const bucket of touched) {
        if (bucket.members.size === 0) {
          output.remove(bucket.key);
          buckets.delete(
            config.entity ? `${groupText(bucket.entity)}\u0000${bucket.start}` : String(bucket.start),
          );
        } else output.set(bucket.key, rowOf(bucket));
      }
      const out = output.flush();
      if (out) ctx.emit('rows', out);
    },
    preview() {
      const sample: Row[] = [];
      for (const { row } of output.rows()) {
        if (sample.length >= 20) break;
        sample.push(row);
      }
      return { rowCount: output.size, sample };
    },
  };
};
