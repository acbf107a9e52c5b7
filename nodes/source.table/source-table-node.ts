import {
  ELECTRIC_PROTOCOL_QUERY_PARAMS,
  FetchError,
  isChangeMessage,
  isControlMessage,
  ShapeStream,
  type ExternalParamsRecord,
  type Message,
  type Row as ShapeRow,
} from '@electric-sql/client';
import { defineNode } from '../../runtime/engine/define-node';
import type { ColumnInfo } from '../../runtime/compiler/plan';
import type { ChangeBatch, NodeContext, RuntimeProblem } from '../../runtime/engine/node-api';
import { shapeValueParser } from '../../runtime/engine/value-conventions';
import { ShapeTable, type ShapeChange } from './shape-table';

/** The table source's config, defaults filled in by the compiler. */
export interface SourceTableConfig {
  input: string;
  maxRows: number;
}

/** Problem codes of the table source, documented in docs/errors.md. */
export const SOURCE_TABLE_CODES = {
  notBound: 'PTR110',
  connectionLost: 'PTR111',
  refused: 'PTR112',
  badColumns: 'PTR113',
} as const;

/** How quickly the stream retries after losing its connection (it never gives up). */
const BACKOFF = { initialDelay: 200, maxDelay: 10_000, multiplier: 2 };

/** The node's own problems, re-reported together whenever one of them comes or goes. */
function problemSet(ctx: NodeContext<SourceTableConfig>) {
  const current = new Map<string, RuntimeProblem>();
  const sync = () => {
    ctx.clearProblems();
    for (const problem of current.values()) ctx.report(problem);
  };
  return {
    set(problem: RuntimeProblem) {
      const before = current.get(problem.code);
      if (before?.message === problem.message) return;
      current.set(problem.code, problem);
      sync();
    },
    drop(code: string) {
      if (current.delete(code)) sync();
    },
    has: (code: string) => current.has(code),
  };
}

/** The endpoint's own parameters, without any the shape protocol reserves for the client. */
function protocolFree(params: Record<string, string>): ExternalParamsRecord<ShapeRow> {
  const reserved = new Set(ELECTRIC_PROTOCOL_QUERY_PARAMS);
  const kept = Object.entries(params).filter(([name]) => !reserved.has(name) && !name.startsWith('subset__'));
  return Object.fromEntries(kept) as ExternalParamsRecord<ShapeRow>;
}

function serverMessage(error: FetchError): string {
  const json = error.json as { error?: { message?: unknown } } | undefined;
  const message = json?.error?.message;
  return typeof message === 'string' ? message : `the server answered ${error.status}`;
}

/**
 * Streams the rows of one blueprint input live, with the official `@electric-sql/client` on the shape endpoint
 * the host gives for it (`services.shapeFor`). Emits the snapshot as inserts, then each change: updates as whole
 * rows, deletes by key; a must-refetch deletes everything before the new snapshot. Values follow the runtime's
 * conventions for the input's declared column types; at most `maxRows` rows are kept, the newest. It stops
 * pulling while a consumer downstream is congested, and reconnects by itself when the connection drops.
 * @example
 * ```ts
 * // in a blueprint: { "id": "telemetry", "type": "core/source.table@^1", "config": { "input": "telemetry" } }
 * const engine = createEngine(plan, { implementations: builtinImplementations, services: { shapeFor } });
 * ```
 */
export const create = defineNode<SourceTableConfig>((ctx) => {
  const input = ctx.node.input ?? ctx.config.input;
  const declared = ctx.plan.inputs[input];
  const columns: ColumnInfo[] =
    ctx.outputs.rows?.columns ??
    (declared?.kind === 'table'
      ? Object.entries(declared.columns).map(([name, c]) => ({ name, type: c.type }))
      : []);
  const optional = new Set(
    declared?.kind === 'table'
      ? Object.entries(declared.columns)
          .filter(([, c]) => c.optional)
          .map(([name]) => name)
      : [],
  );
  const problems = problemSet(ctx);
  let table: ShapeTable | undefined;
  let unsubscribe: (() => void) | undefined;

  const reportColumns = () => {
    if (!table) return;
    const { missing, unreadable } = table.issues;
    if (missing.size === 0 && unreadable.size === 0) return;
    const parts = [
      ...(missing.size ? [`it has no column for ${[...missing].map((c) => `"${c}"`).join(', ')}`] : []),
      ...(unreadable.size
        ? [
            `some values of ${[...unreadable].map((c) => `"${c}"`).join(', ')} are not of the declared type and show as empty`,
          ]
        : []),
    ];
    problems.set({
      code: SOURCE_TABLE_CODES.badColumns,
      severity: 'warning',
      message: `The table bound to the input "${input}" does not quite match what the blueprint declares: ${parts.join('; ')}. Check the twin's column mapping.`,
      details: { nodeId: ctx.nodeId, input, missing: [...missing], unreadable: [...unreadable] },
    });
  };

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

  /**
   * After a must-refetch: the deletes of every row, then the new snapshot, held until the snapshot is complete
   * and sent together, so that the engine delivers them in one tick (coalesced: a row that is still there becomes
   * an update) and panels never flash empty.
   */
  let held: ChangeBatch[] | null = null;
  const send = (batch: ChangeBatch) => (held ? held.push(batch) : ctx.emit('rows', batch));

  async function onMessages(messages: Message<ShapeRow>[]): Promise<void> {
    if (!table || ctx.signal.aborted) return;
    problems.drop(SOURCE_TABLE_CODES.connectionLost);
    let changes: ShapeChange[] = [];
    const flush = () => {
      if (changes.length === 0) return;
      send(table!.apply(changes));
      changes = [];
    };
    for (const message of messages) {
      if (isChangeMessage(message)) {
        changes.push({ key: message.key, operation: message.headers.operation, value: message.value });
      } else if (isControlMessage(message) && message.headers.control === 'must-refetch') {
        flush();
        held ??= [];
        held.push(table.clear());
      } else if (isControlMessage(message) && message.headers.control === 'up-to-date' && held) {
        flush();
        const batches = held;
        held = null;
        for (const batch of batches) ctx.emit('rows', batch);
      }
    }
    flush();
    reportColumns();
    // Backpressure: the client waits for this promise before it fetches more.
    if (ctx.isCongested()) await drained();
  }

  return {
    start() {
      const endpoint = ctx.services.shapeFor?.(input);
      if (!endpoint) {
        problems.set({
          code: SOURCE_TABLE_CODES.notBound,
          severity: 'error',
          message: `The input "${input}" is not connected to a table, so there are no rows to show. Bind it to a table in the twin's settings.`,
          details: { nodeId: ctx.nodeId, input },
        });
        return;
      }
      table = new ShapeTable(columns, { maxRows: ctx.config.maxRows, mapping: endpoint.columns, optional });
      const stream = new ShapeStream<ShapeRow>({
        url: endpoint.url,
        ...(endpoint.params ? { params: protocolFree(endpoint.params) } : {}),
        ...(endpoint.headers ? { headers: endpoint.headers } : {}),
        ...(ctx.services.fetch ? { fetchClient: ctx.services.fetch } : {}),
        signal: ctx.signal,
        parser: shapeValueParser,
        backoffOptions: {
          ...BACKOFF,
          onFailedAttempt: () => {
            if (ctx.signal.aborted) return;
            problems.set({
              code: SOURCE_TABLE_CODES.connectionLost,
              severity: 'warning',
              message: `The live connection for the input "${input}" was lost; the rows shown may be out of date. Reconnecting by itself…`,
              details: { nodeId: ctx.nodeId, input },
            });
          },
        },
        onError: (error) => {
          if (ctx.signal.aborted) return;
          if (error instanceof FetchError && error.status >= 400 && error.status < 500) {
            problems.drop(SOURCE_TABLE_CODES.connectionLost);
            problems.set({
              code: SOURCE_TABLE_CODES.refused,
              severity: 'error',
              message: `The rows of the input "${input}" could not be read: ${serverMessage(error)}`,
              details: { nodeId: ctx.nodeId, input, status: error.status },
            });
            return; // Asking again would get the same answer.
          }
          return {}; // Anything else (network, server restarting): keep trying.
        },
      });
      unsubscribe = stream.subscribe(onMessages);
    },
    preview() {
      const sample = table ? [...table.rows()].slice(-5).map(([, row]) => row) : [];
      return { rowCount: table?.size ?? 0, sample };
    },
    dispose() {
      unsubscribe?.();
      unsubscribe = undefined;
    },
  };
});
