import type { PlanNode } from '../compiler/plan';
import type { RuntimeProblem } from './node-api';

/** The engine's own problem codes (PTR100–PTR108), documented in docs/errors.md. */
export const ENGINE_CODES = {
  unknownType: 'PTR100',
  loadFailed: 'PTR101',
  createFailed: 'PTR102',
  startFailed: 'PTR103',
  receiveFailed: 'PTR104',
  badEmit: 'PTR105',
  renderFailed: 'PTR106',
  noValue: 'PTR107',
  disposeFailed: 'PTR108',
} as const;

/**
 * How a node is named in messages: its title and id, e.g. `"Vibration trend" (node trend)`.
 * @example nodeName(plan.nodes[0]) // '"Table source" (node telemetry)'
 */
export function nodeName(node: PlanNode): string {
  return `"${node.title}" (node ${node.id})`;
}

/**
 * The text of a thrown value, for a problem's message: an Error's message, or the value itself.
 * @example errorText(new Error('boom')) // 'boom'
 */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/**
 * A problem the engine raises for a node, with the node id and the error (if any) in its details.
 * @example engineProblem(node, 'PTR104', 'error', 'stopped working while processing new rows', err)
 */
export function engineProblem(
  node: PlanNode,
  code: string,
  severity: RuntimeProblem['severity'],
  what: string,
  error?: unknown,
): RuntimeProblem {
  const cause = error === undefined ? '' : `: ${errorText(error)}`;
  return {
    code,
    severity,
    message: `${nodeName(node)} ${what}${cause}`,
    details: {
      nodeId: node.id,
      type: node.typeId,
      ...(error === undefined ? {} : { error: errorText(error) }),
    },
  };
}

/**
 * A problem a node reported, checked and normalised so that a malformed one cannot break the dashboard.
 * @example normaliseProblem({ code: 'PTR110', message: 'No table', severity: 'error' })
 */
export function normaliseProblem(problem: unknown): RuntimeProblem {
  const p = (problem !== null && typeof problem === 'object' ? problem : {}) as Partial<RuntimeProblem>;
  return {
    code: typeof p.code === 'string' && p.code !== '' ? p.code : 'PTR105',
    message: typeof p.message === 'string' && p.message !== '' ? p.message : 'The node reported a problem.',
    severity: p.severity === 'warning' ? 'warning' : 'error',
    ...(p.details !== null && typeof p.details === 'object' ? { details: p.details } : {}),
  };
}
