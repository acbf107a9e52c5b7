import type { ChangeBatch, NodeFactory, Row, Value } from '../../runtime/engine/node-api';
import type { ColumnType } from '../../runtime/compiler/document-types';
import { columnType } from '../transform-kit/values';

export type JoinConfig = {
  on: { left: string; right: string }[];
  columns: { column: string; type: ColumnType; unit?: string }[];
  prefix?: string;
};

/** The text a row's matching values give; undefined when one is null (null never matches, as in SQL). */
function matchKey(row: Row, columns: readonly string[]): string | undefined {
  let key = '';
  for (let i = 0; i < columns.length; i++) {
    const v = row[columns[i]];
    if (v === null || v === undefined) return undefined;
    const text = typeof v === 'object' ? JSON.stringify(v) : String(v);
    key += i === 0 ? text : `\u0000${text}`;
  }
  return key;
}

/**
 * core/join: a left join. Each left row gets the configured columns of the right row whose `on` columns equal
 * its own (numbers and their text match, null matches nothing); without a match they are null. Output keys are
 * the left keys. Changes on the left update their own rows; changes on the right update every left row whose
 * match changed. When several right rows share a key, the oldest is used and PTR240 warns once; PTR241 warns
 * when an added column arrives with another type than the config says.
 * @example
 * ```ts
 * const node = create(ctx); // ctx.config = { on: [{ left: 'pump_id', right: 'id' }], columns: [{ column: 'site', type: 'text' }] }
 * node.receive?.('right', { inserts: [{ key: 'p1', row: { id: 'p1', site: 'north' } }], updates: [], deletes: [] });
 * node.receive?.('left', { inserts: [{ key: '1', row: { pump_id: 'p1', v: 2 } }], updates: [], deletes: [] });
 * ```
 */
export const create: NodeFactory<JoinConfig> = (ctx) => {
  const config = ctx.config;
  const leftOn = config.on.map((p) => p.left);
  const rightOn = config.on.map((p) => p.right);
  const added = config.columns.map((c) => ({
    from: c.column,
    name: config.prefix ? `${config.prefix}${c.column}` : c.column,
  }));
  const mismatched = config.columns.flatMap((c) => {
    const actual = columnType(ctx.inputs.right?.columns, c.column);
    return actual && actual !== c.type ? [`"${c.column}" arrives as ${actual}, not ${c.type}`] : [];
  });
  if (mismatched.length > 0)
    ctx.report({
      code: 'PTR241',
      severity: 'warning',
      message: `Some added columns have another type than the settings say: ${mismatched.join('; ')}. Their values are passed on as they arrive; set the right type in the node's settings.`,
      details: { mismatched },
    });

  const leftRows = new Map<string, { row: Row; match: string | undefined }>();
  const leftByMatch = new Map<string, Set<string>>();
  const rightRows = new Map<string, { row: Row; match: string | undefined }>();
  const rightByMatch = new Map<string, Map<string, Row>>();
  let warnedDuplicate = false;

  const link = <T>(index: Map<string, T>, match: string | undefined, make: () => T): T | undefined => {
    if (match === undefined) return undefined;
    let entry = index.get(match);
    if (!entry) {
      entry = make();
      index.set(match, entry);
    }
    return entry;
  };
  const firstRight = (match: string | undefined): Row | undefined => {
    if (match === undefined) return undefined;
    const rows = rightByMatch.get(match);
    if (!rows) return undefined;
    for (const row of rows.values()) return row;
    return undefined;
  };
  const joined = (left: Row, match: string | undefined): Row => {
    const right = firstRight(match);
    const out: Record<string, Value> = { ...left };
    for (const a of added) out[a.name] = right ? (right[a.from] ?? null) : null;
    return out;
  };

  const receiveLeft = (batch: ChangeBatch) => {
    const out: ChangeBatch = { inserts: [], updates: [], deletes: [] };
    const drop = (key: string): boolean => {
      const before = leftRows.get(key);
      if (!before) return false;
      leftRows.delete(key);
      const keys = before.match === undefined ? undefined : leftByMatch.get(before.match);
      if (keys) {
        keys.delete(key);
        if (keys.size === 0) leftByMatch.delete(before.match!);
      }
      return true;
    };
    const keep = (key: string, row: Row) => {
      const match = matchKey(row, leftOn);
      leftRows.set(key, { row, match });
      link(leftByMatch, match, () => new Set<string>())?.add(key);
      return joined(row, match);
    };
    for (const key of batch.deletes) if (drop(key)) out.deletes.push(key);
    for (const { key, row } of batch.updates) {
      const existed = drop(key);
      (existed ? out.updates : out.inserts).push({ key, row: keep(key, row) });
    }
    for (const { key, row } of batch.inserts) {
      const existed = drop(key);
      (existed ? out.updates : out.inserts).push({ key, row: keep(key, row) });
    }
    if (out.inserts.length + out.updates.length + out.deletes.length > 0) ctx.emit('rows', out);
  };

  const receiveRight = (batch: ChangeBatch) => {
    const before = new Map<string, Row | undefined>();
    const touch = (match: string | undefined) => {
      if (match !== undefined && !before.has(match)) before.set(match, firstRight(match));
    };
    const drop = (key: string) => {
      const old = rightRows.get(key);
      if (!old) return;
      touch(old.match);
      rightRows.delete(key);
      if (old.match !== undefined) {
        const rows = rightByMatch.get(old.match)!;
        rows.delete(key);
        if (rows.size === 0) rightByMatch.delete(old.match);
      }
    };
    const keep = (key: string, row: Row) => {
      const match = matchKey(row, rightOn);
      touch(match);
      const old = rightRows.get(key);
      if (old && old.match !== match) drop(key);
      rightRows.set(key, { row, match });
      const rows = link(rightByMatch, match, () => new Map<string, Row>());
      if (!rows) return;
      rows.set(key, row);
      if (rows.size > 1 && !warnedDuplicate) {
        warnedDuplicate = true;
        ctx.report({
          code: 'PTR240',
          severity: 'warning',
          message: `Several lookup rows match the same ${config.on.map((p) => `"${p.right}"`).join(' and ')} (e.g. ${match}); the oldest one is used. Make the lookup rows unique on those columns.`,
          details: { match },
        });
      }
    };
    for (const key of batch.deletes) drop(key);
    for (const { key, row } of [...batch.updates, ...batch.inserts]) keep(key, row);
    const updates: { key: string; row: Row }[] = [];
    for (const [match, was] of before) {
      if (firstRight(match) === was) continue;
      for (const key of leftByMatch.get(match) ?? []) {
        const left = leftRows.get(key)!;
        updates.push({ key, row: joined(left.row, left.match) });
      }
    }
    if (updates.length > 0) ctx.emit('rows', { inserts: [], updates, deletes: [] });
  };

  return {
    receive(port, batch) {
      if (port === 'right') receiveRight(batch);
      else receiveLeft(batch);
    },
    preview() {
      const sample: Row[] = [];
      for (const { row, match } of leftRows.values()) {
        if (sample.length >= 20) break;
        sample.push(joined(row, match));
      }
      return { rowCount: leftRows.size, sample };
    },
  };
};
