import type { ColumnInfo } from '../../runtime/compiler/plan';
import type { NodeContext, RuntimeProblem } from '../../runtime/engine/node-api';

/** The runtime problem codes of the built-in panels (documented in docs/errors.md). */
export const PANEL_CODES = {
  missingColumn: 'PTR450',
  notANumber: 'PTR451',
  emptyRange: 'PTR452',
  imageFailed: 'PTR453',
  videoFailed: 'PTR454',
  unsafeAddress: 'PTR455',
  unknownPlaceholder: 'PTR456',
  badAlertRow: 'PTR457',
  levelsOutOfOrder: 'PTR458',
} as const;

/**
 * The problems a panel has reported, each once: it tells the node's context (so the editor and dashboard show
 * it) and keeps them so the panel can show an error state in plain words.
 *
 * @example
 * ```ts
 * const problems = new PanelProblems(ctx);
 * problems.report({ code: 'PTR451', severity: 'warning', message: 'Some values are not numbers.' });
 * problems.error; // undefined: only a warning
 * ```
 */
export class PanelProblems {
  readonly #ctx: Pick<NodeContext, 'report' | 'clearProblems'>;
  readonly #shown = new Map<string, RuntimeProblem>();

  constructor(ctx: Pick<NodeContext, 'report' | 'clearProblems'>) {
    this.#ctx = ctx;
  }

  /** Reports a problem unless one with the same `key` (default: code and message) is already shown. */
  report(problem: RuntimeProblem, key = `${problem.code}:${problem.message}`): void {
    if (this.#shown.has(key)) return;
    this.#shown.set(key, problem);
    this.#ctx.report(problem);
  }

  /** Withdraws the problems whose key starts with `prefix` (e.g. a code), keeping the others shown. */
  clear(prefix: string): void {
    const before = this.#shown.size;
    for (const key of [...this.#shown.keys()]) if (key.startsWith(prefix)) this.#shown.delete(key);
    if (this.#shown.size === before) return;
    this.#ctx.clearProblems();
    for (const problem of this.#shown.values()) this.#ctx.report(problem);
  }

  /** The first error, which the panel shows instead of its content. */
  get error(): RuntimeProblem | undefined {
    for (const problem of this.#shown.values()) if (problem.severity === 'error') return problem;
    return undefined;
  }

  get all(): RuntimeProblem[] {
    return [...this.#shown.values()];
  }
}

/**
 * The columns arriving on a table input port, by name. Empty when the port is unconnected or its columns are
 * unknown (then nothing can be checked before rows arrive).
 * @example columnsOf(ctx, 'rows').get('rul_hours')?.unit // 'h'
 */
export function columnsOf(ctx: Pick<NodeContext, 'inputs'>, port = 'rows'): Map<string, ColumnInfo> {
  return new Map((ctx.inputs[port]?.columns ?? []).map((column) => [column.name, column]));
}

/**
 * Reports PTR450 for each configured column that the input does not carry (when its columns are known) and
 * returns the missing names.
 * @example reportMissingColumns(ctx, problems, ['rul_hours']) // [] when rul_hours arrives
 */
export function reportMissingColumns(
  ctx: Pick<NodeContext, 'inputs'>,
  problems: PanelProblems,
  names: readonly string[],
  port = 'rows',
): string[] {
  const columns = columnsOf(ctx, port);
  if (columns.size === 0) return [];
  const missing = names.filter((name) => !columns.has(name));
  for (const name of missing) {
    problems.report({
      code: PANEL_CODES.missingColumn,
      severity: 'error',
      message: `This panel is set to show the column "${name}", but the rows arriving have no such column. Choose one of: ${[...columns.keys()].join(', ')}.`,
      details: { column: name, port },
    });
  }
  return missing;
}
