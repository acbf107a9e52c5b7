import { pointerOf, problem } from '../../schemas/problems';
import { nodeLabel, type CompileContext } from './context';

const KIND_WORDS: Record<string, string> = {
  table: 'rows of a table',
  value: 'a single value',
  media: 'images or video',
  scene: 'a 3D scene',
};

/**
 * Checks every edge: both nodes exist (PT111), both ports exist (PT112), kinds match (PT113), a single-edge
 * port has one edge (PT114), no repeated edge or id (PT115). Usable edges get their kind.
 * @example checkEdges(ctx)
 */
export function checkEdges(ctx: CompileContext): void {
  const seenIds = new Set<string>();
  const seenPairs = new Set<string>();
  const intoPort = new Map<string, number>();
  for (const edge of ctx.edges) {
    const at = pointerOf('edges', edge.index);
    const text = `${edge.from.node}.${edge.from.port} → ${edge.to.node}.${edge.to.port}`;
    const pair = `${edge.from.node}.${edge.from.port}>${edge.to.node}.${edge.to.port}`;
    if (seenPairs.has(pair)) {
      ctx.problems.push(
        problem('PT115', at, `The connection ${text} appears twice; delete one.`, { edgeId: edge.id }),
      );
      edge.usable = false;
      continue;
    }
    seenPairs.add(pair);
    if (seenIds.has(edge.id)) {
      ctx.problems.push(
        problem(
          'PT115',
          pointerOf('edges', edge.index, 'id'),
          `Two edges are called "${edge.id}"; give each edge its own id.`,
          {
            edgeId: edge.id,
          },
        ),
      );
      edge.usable = false;
      continue;
    }
    seenIds.add(edge.id);
    const source = ctx.nodes.get(edge.from.node);
    const target = ctx.nodes.get(edge.to.node);
    for (const [end, found, name] of [
      ['from', source, edge.from.node],
      ['to', target, edge.to.node],
    ] as const) {
      if (!found) {
        ctx.problems.push(
          problem(
            'PT111',
            pointerOf('edges', edge.index, end),
            `The connection ${text} names the node "${name}", which does not exist.`,
            {
              edgeId: edge.id,
            },
          ),
        );
        edge.usable = false;
      }
    }
    if (!source || !target) continue;
    if (!source.manifest || !target.manifest) {
      edge.usable = false;
      continue;
    }
    const out = source.manifest.outputs[edge.from.port];
    const into = target.manifest.inputs[edge.to.port];
    if (!out) {
      const ports = Object.keys(source.manifest.outputs);
      ctx.problems.push(
        problem(
          'PT112',
          pointerOf('edges', edge.index, 'from'),
          `${nodeLabel(source)} has no output "${edge.from.port}"; ${ports.length ? `its outputs are: ${ports.join(', ')}` : 'it has no outputs'}.`,
          { edgeId: edge.id, nodeId: source.node.id },
        ),
      );
      edge.usable = false;
    }
    if (!into) {
      const ports = Object.keys(target.manifest.inputs);
      ctx.problems.push(
        problem(
          'PT112',
          pointerOf('edges', edge.index, 'to'),
          `${nodeLabel(target)} has no input "${edge.to.port}"; ${ports.length ? `its inputs are: ${ports.join(', ')}` : 'it has no inputs'}.`,
          { edgeId: edge.id, nodeId: target.node.id },
        ),
      );
      edge.usable = false;
    }
    if (!out || !into) continue;
    if (out.kind !== into.kind) {
      ctx.problems.push(
        problem(
          'PT113',
          at,
          `${nodeLabel(source)} sends ${KIND_WORDS[out.kind]} from "${edge.from.port}", but ${nodeLabel(target)} takes ${KIND_WORDS[into.kind]} on "${edge.to.port}"; connect ports of the same kind.`,
          { edgeId: edge.id, details: { expected: into.kind, found: out.kind } },
        ),
      );
      edge.usable = false;
      continue;
    }
    const portKey = `${edge.to.node}.${edge.to.port}`;
    const count = (intoPort.get(portKey) ?? 0) + 1;
    intoPort.set(portKey, count);
    if (count > 1 && !into.multiple) {
      ctx.problems.push(
        problem(
          'PT114',
          at,
          `The input "${edge.to.port}" of ${nodeLabel(target)} takes one connection, but it has ${count}; remove the extra ones.`,
          { edgeId: edge.id, nodeId: target.node.id },
        ),
      );
      edge.usable = false;
      continue;
    }
    edge.kind = out.kind;
  }
}
