import { pointerOf, problem } from '../../schemas/problems';
import { nodeLabel, type CompileContext } from './context';

/**
 * Orders the nodes so that every node comes after the nodes feeding it (ties kept in document order), and
 * reports each cycle once (PT120). Nodes on a cycle are left out of the order.
 * @example const order = topologicalOrder(ctx) // ['telemetry', 'features', 'rul', 'trend']
 */
export function topologicalOrder(ctx: CompileContext): string[] {
  const indegree = new Map<string, number>();
  const next = new Map<string, string[]>();
  for (const id of ctx.nodes.keys()) {
    indegree.set(id, 0);
    next.set(id, []);
  }
  for (const edge of ctx.edges) {
    if (!ctx.nodes.has(edge.from.node) || !ctx.nodes.has(edge.to.node)) continue;
    next.get(edge.from.node)!.push(edge.to.node);
    indegree.set(edge.to.node, indegree.get(edge.to.node)! + 1);
  }
  const order: string[] = [];
  const queue = [...ctx.nodes.keys()].filter((id) => indegree.get(id) === 0);
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    order.push(id);
    for (const to of next.get(id)!) {
      const left = indegree.get(to)! - 1;
      indegree.set(to, left);
      if (left === 0) queue.push(to);
    }
  }
  if (order.length < ctx.nodes.size) reportCycles(ctx, new Set(order), next);
  return order;
}

function reportCycles(ctx: CompileContext, ordered: Set<string>, next: Map<string, string[]>): void {
  // Peel off, from the end, the nodes that only lead out of the loops: what stays is on a loop or between loops,
  // and every node left has an edge to another node left, so a walk from any of them must come back on itself.
  const left = new Set([...ctx.nodes.keys()].filter((id) => !ordered.has(id)));
  let peeled = true;
  while (peeled) {
    peeled = false;
    for (const id of left) {
      if (!next.get(id)!.some((to) => left.has(to))) {
        left.delete(id);
        peeled = true;
      }
    }
  }
  const done = new Set<string>();
  for (const start of left) {
    if (done.has(start)) continue;
    const path: string[] = [];
    const position = new Map<string, number>();
    let current: string | undefined = start;
    while (current !== undefined && !position.has(current) && !done.has(current)) {
      position.set(current, path.length);
      path.push(current);
      current = next.get(current)!.find((to) => left.has(to) && !done.has(to));
    }
    for (const id of path) done.add(id);
    if (current === undefined || !position.has(current)) continue;
    const cycle = path.slice(position.get(current)!);
    cycle.push(current);
    const closing = ctx.edges.find((e) => e.from.node === cycle[cycle.length - 2] && e.to.node === current);
    const names = cycle.map((id) => `"${id}"`).join(' → ');
    ctx.problems.push(
      problem(
        'PT120',
        closing ? pointerOf('edges', closing.index) : '',
        `The nodes ${names} feed each other in a loop, so none of them can start; remove one of these connections.`,
        { edgeId: closing?.id, nodeId: current, details: { cycle } },
      ),
    );
  }
}

/**
 * Reports each required input port with no connection (PT121).
 * @example checkRequiredInputs(ctx)
 */
export function checkRequiredInputs(ctx: CompileContext): void {
  const connected = new Set(ctx.edges.map((e) => `${e.to.node}.${e.to.port}`));
  for (const entry of ctx.nodes.values()) {
    if (!entry.manifest) continue;
    for (const [port, spec] of Object.entries(entry.manifest.inputs)) {
      if (spec.required === false || connected.has(`${entry.node.id}.${port}`)) continue;
      ctx.problems.push(
        problem(
          'PT121',
          pointerOf('nodes', entry.index),
          `The input "${port}" of ${nodeLabel(entry)} is not connected; connect a node that sends ${spec.kind === 'table' ? 'rows' : `a ${spec.kind}`} to it.`,
          { nodeId: entry.node.id, details: { port } },
        ),
      );
    }
  }
}
