import { defineNode } from '../../runtime/engine/define-node';
import type { ChangeBatch, KeyedRow, NodeModule, Row } from '../../runtime/engine/node-api';
import type { DemoRows, DemoTable } from '../deploy/deploy-api';
import { sampleMapping, sampleRows, sourceColumnsOf } from './sample-rows';

/** Problem codes of the editor's sample source, documented in docs/errors.md. */
export const SAMPLE_SOURCE_CODES = { noSample: 'PTR140', unreadable: 'PTR141' } as const;

/** Where the editor's sample source gets its rows. */
export interface SampleFeed {
  /** The demo table picked for a blueprint input, if any. */
  tableFor(input: string): DemoTable | undefined;
  /** Reads up to `limit` rows of a demo table. */
  rows(table: string, limit: number): Promise<DemoRows>;
  /** Most rows read per poll. */
  limit: number;
  /** Time between polls. */
  intervalMs: number;
}

function diff(previous: ReadonlyMap<string, Row>, next: readonly KeyedRow[]): ChangeBatch {
  const batch: ChangeBatch = { inserts: [], updates: [], deletes: [] };
  const seen = new Set<string>();
  for (const item of next) {
    seen.add(item.key);
    const old = previous.get(item.key);
    if (!old) batch.inserts.push(item);
    else if (JSON.stringify(old) !== JSON.stringify(item.row)) batch.updates.push(item);
  }
  for (const key of previous.keys()) if (!seen.has(key)) batch.deletes.push(key);
  return batch;
}

/**
 * The editor's stand-in for `core/source.table`: a twin is not deployed while editing, so instead of streaming
 * the bound table it polls the demo table the user picked as sample data for the input, and emits what changed.
 * @example createEngine(plan, { implementations: { ...builtinImplementations, 'core/source.table': async () => sampleSourceModule(feed) }, services: {} })
 */
export function sampleSourceModule(feed: SampleFeed): NodeModule {
  const create = defineNode<{ input: string }>((ctx) => {
    const input = ctx.node.input ?? ctx.config.input;
    const declared = ctx.plan.inputs[input];
    const current = new Map<string, Row>();
    let timer: ReturnType<typeof setInterval> | undefined;
    let failing = false;

    const poll = async (table: DemoTable) => {
      if (declared?.kind !== 'table') return;
      try {
        const answer = await feed.rows(table.name, feed.limit);
        if (ctx.signal.aborted) return;
        const mapping = sampleMapping(declared, sourceColumnsOf(table));
        const rows = sampleRows(declared, mapping, answer, table.primaryKey);
        const batch = diff(current, rows);
        for (const key of batch.deletes) current.delete(key);
        for (const { key, row } of [...batch.inserts, ...batch.updates]) current.set(key, row);
        if (failing) ctx.clearProblems();
        failing = false;
        if (batch.inserts.length + batch.updates.length + batch.deletes.length > 0) ctx.emit('rows', batch);
      } catch (error) {
        if (ctx.signal.aborted || failing) return;
        failing = true;
        ctx.report({
          code: SAMPLE_SOURCE_CODES.unreadable,
          severity: 'warning',
          message: `The sample rows of the demo table "${table.name}" could not be read (${error instanceof Error ? error.message : String(error)}); the preview tries again in a few seconds.`,
        });
      }
    };

    return {
      async start() {
        const table = feed.tableFor(input);
        if (!table) {
          ctx.report({
            code: SAMPLE_SOURCE_CODES.noSample,
            severity: 'warning',
            message: `No sample data is picked for the input "${input}", so the preview has no rows to show. Pick a demo table for it under "Data this blueprint needs".`,
          });
          return;
        }
        await poll(table);
        timer = setInterval(() => void poll(table), feed.intervalMs);
      },
      preview() {
        return { rowCount: current.size, sample: [...current.values()].slice(0, 20) };
      },
      dispose() {
        clearInterval(timer);
      },
    };
  });
  return { create };
}
