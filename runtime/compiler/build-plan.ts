import type { InferredOutput } from './columns';
import type { CompileContext } from './context';
import type { ExecutionPlan, PlanEdge, PlanNode, PlanPort } from './plan';

/**
 * Assembles the execution plan once every check passed: nodes in topological order with exact versions and
 * filled-in configs, typed edges with their columns, the panels and the lock.
 * @example buildPlan(ctx, order, outputs, inputOf, lock)
 */
export function buildPlan(
  ctx: CompileContext,
  order: readonly string[],
  outputs: Map<string, Record<string, InferredOutput>>,
  inputOf: Map<string, string>,
  lock: ExecutionPlan['lock'],
): ExecutionPlan {
  const edges: PlanEdge[] = ctx.edges.map((edge) => ({
    id: edge.id,
    from: edge.from,
    to: edge.to,
    kind: edge.kind!,
    ...(edge.kind === 'table' && edge.columns ? { columns: edge.columns } : {}),
    ...(edge.kind === 'value' && outputs.get(edge.from.node)?.[edge.from.port]?.valueType
      ? { valueType: outputs.get(edge.from.node)![edge.from.port].valueType }
      : {}),
  }));
  const into = new Map<string, PlanEdge[]>();
  for (const edge of edges) {
    const key = `${edge.to.node}.${edge.to.port}`;
    const list = into.get(key);
    if (list) list.push(edge);
    else into.set(key, [edge]);
  }
  const nodes: PlanNode[] = order.map((id) => {
    const entry = ctx.nodes.get(id)!;
    const manifest = entry.manifest!;
    const inputs: Record<string, PlanPort> = {};
    for (const [port, spec] of Object.entries(manifest.inputs)) {
      const connected = into.get(`${id}.${port}`) ?? [];
      inputs[port] = {
        kind: spec.kind,
        edges: connected.map((e) => e.id),
        ...(connected[0]?.columns ? { columns: connected[0].columns } : {}),
      };
    }
    const outs: Record<string, PlanPort> = {};
    for (const [port, spec] of Object.entries(manifest.outputs)) {
      const inferred = outputs.get(id)?.[port];
      outs[port] = {
        kind: spec.kind,
        ...(inferred?.columns ? { columns: inferred.columns } : {}),
        ...(inferred?.valueType ? { valueType: inferred.valueType } : {}),
      };
    }
    const input = inputOf.get(id);
    return {
      id,
      title: entry.node.title ?? manifest.title,
      typeId: entry.typeId,
      range: entry.range,
      version: entry.version!,
      category: manifest.category,
      config: entry.config!,
      inputs,
      outputs: outs,
      ...(input ? { input } : {}),
    };
  });
  const { blueprint } = ctx;
  return {
    blueprint: { name: blueprint.name, version: blueprint.version, title: blueprint.title },
    nodes,
    edges,
    inputs: blueprint.inputs ?? {},
    panels: nodes.filter((n) => n.category === 'component').map((n) => n.id),
    ...(blueprint.layout ? { layout: blueprint.layout } : {}),
    lock,
  };
}
