import type { ChangeBatch, NodeFactory, Row } from '../../runtime/engine/node-api';
import { columnType } from '../transform-kit/values';
import { combineTests, compileCondition, type FilterConfig } from './conditions';

/**
 * core/filter: keeps the rows that meet the conditions. A row that stops meeting them is sent on as a delete,
 * one that starts meeting them as an insert, one that keeps meeting them as an update. Reports PTR200 (and
 * passes nothing) when a condition cannot be used.
 * @example
 * ```ts
 * const node = create(ctx); // ctx.config = { conditions: [{ column: 'p', op: '>', value: 6 }], combine: 'all' }
 * node.receive?.('rows', { inserts: [{ key: '1', row: { p: 7 } }], updates: [], deletes: [] });
 * ```
 */
export const create: NodeFactory<FilterConfig> = (ctx) => {
  const columns = ctx.inputs.rows?.columns;
  const tests: ((row: Row) => boolean)[] = [];
  const problems: string[] = [];
  for (const condition of ctx.config.conditions ?? []) {
    const compiled = compileCondition(condition, columnType(columns, condition.column));
    if ('problem' in compiled) problems.push(compiled.problem);
    else tests.push(compiled.test);
  }
  if (problems.length > 0 || tests.length === 0) {
    ctx.report({
      code: 'PTR200',
      severity: 'error',
      message: `This filter cannot run: ${problems.length ? problems.join(' ') : 'it has no conditions.'} Fix the conditions in its settings.`,
      details: { problems },
    });
    return {};
  }
  const keep = combineTests(tests, ctx.config.combine ?? 'all');
  const kept = new Map<string, Row>();
  return {
    receive(_port, batch) {
      const out: ChangeBatch = { inserts: [], updates: [], deletes: [] };
      // An insert of a key already kept (a source starting over) is handled as an update.
      for (const item of [...batch.updates, ...batch.inserts]) {
        const was = kept.has(item.key);
        if (keep(item.row)) {
          kept.set(item.key, item.row);
          (was ? out.updates : out.inserts).push(item);
        } else if (was) {
          kept.delete(item.key);
          out.deletes.push(item.key);
        }
      }
      for (const key of batch.deletes) if (kept.delete(key)) out.deletes.push(key);
      if (out.inserts.length + out.updates.length + out.deletes.length > 0) ctx.emit('rows', out);
    },
    preview() {
      const sample: Row[] = [];
      for (const row of kept.values()) {
        if (sample.length >= 20) break;
        sample.push(row);
      }
      return { rowCount: kept.size, sample };
    },
  };
};
