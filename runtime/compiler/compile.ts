import { blueprintRecord } from '../../schemas/blueprint/blueprint.record';
import { loadDocument } from '../../schemas/load';
import { hasErrors, pointerOf, problem, type Problem } from '../../schemas/problems';
import { checkConfigs } from './config';
import { inferColumns } from './columns';
import { splitEndpoint, splitTypeRef, type CompileContext, type EdgeEntry, type NodeEntry } from './context';
import type { Blueprint } from './document-types';
import { checkEdges } from './edges';
import { checkInputs } from './inputs-check';
import { checkLayout } from './layout-check';
import { parseJsonText } from './parse';
import { buildPlan } from './build-plan';
import type { CompileResult } from './plan';
import type { NodeTypeRegistry } from './registry';
import { resolveNodeTypes } from './resolve';
import { checkRequiredInputs, topologicalOrder } from './topology';
import { sortProblems } from './sort-problems';

export interface CompileOptions {
  registry: NodeTypeRegistry;
}

/**
 * Compiles a blueprint: parse → validate → migrate → resolve node types → semantic checks → execution plan.
 * Accepts the file's text or already-parsed JSON. Every problem is reported in one pass, each with a stable
 * code, a plain message, a JSON pointer and the node or edge id. Never throws on bad input.
 * @example
 * const result = await compileBlueprint(text, { registry })
 * if (result.ok) run(result.plan); else show(result.problems)
 */
export async function compileBlueprint(source: unknown, options: CompileOptions): Promise<CompileResult> {
  let data = source;
  if (typeof source === 'string') {
    const parsed = parseJsonText(source);
    if (!parsed.ok) return { ok: false, problems: parsed.problems };
    data = parsed.data;
  }
  if (
    data !== null &&
    typeof data === 'object' &&
    !Array.isArray(data) &&
    !('nodes' in data) &&
    !('wires' in data)
  ) {
    return {
      ok: false,
      problems: [
        problem(
          'PT003',
          '',
          'This is not a blueprint: a blueprint is a JSON object with a "nodes" list and an "edges" list.',
        ),
      ],
    };
  }
  const loaded = loadDocument<Blueprint>(blueprintRecord, data);
  if (!loaded.ok) return { ok: false, problems: sortProblems(loaded.problems) };
  const blueprint = loaded.value;
  const ctx = createContext(blueprint);
  const lock = await resolveNodeTypes(ctx, options.registry);
  checkConfigs(ctx);
  const inputOf = checkInputs(ctx);
  checkEdges(ctx);
  const order = topologicalOrder(ctx);
  checkRequiredInputs(ctx);
  const outputs = inferColumns(ctx, order);
  checkLayout(ctx);
  const problems = sortProblems(ctx.problems);
  if (hasErrors(problems)) return { ok: false, problems };
  return { ok: true, problems, plan: buildPlan(ctx, order, outputs, inputOf, lock) };
}

function createContext(blueprint: Blueprint): CompileContext {
  const problems: Problem[] = [];
  const nodes = new Map<string, NodeEntry>();
  blueprint.nodes.forEach((node, index) => {
    if (nodes.has(node.id)) {
      const first = nodes.get(node.id)!;
      problems.push(
        problem(
          'PT101',
          pointerOf('nodes', index, 'id'),
          `Two nodes are called "${node.id}" (nodes #${first.index + 1} and #${index + 1}); give each node its own id.`,
          { nodeId: node.id },
        ),
      );
      return;
    }
    nodes.set(node.id, { index, node, ...splitTypeRef(node.type), configValid: false });
  });
  const edges: EdgeEntry[] = blueprint.edges.map((edge, index) => ({
    index,
    id: edge.id ?? `${edge.from}->${edge.to}`,
    from: splitEndpoint(edge.from),
    to: splitEndpoint(edge.to),
    usable: true,
  }));
  return { blueprint, problems, nodes, edges };
}
