import { compileBlueprint } from '../../runtime/compiler/compile';
import { panelsInTree } from '../../runtime/compiler/layout-check';
import type { ExecutionPlan } from '../../runtime/compiler/plan';
import { blueprintRecord } from '../../schemas/blueprint/blueprint.record';
import type { Blueprint } from '../../schemas/blueprint/blueprint.types';
import type { Layout } from '../../schemas/layout/layout.types';
import { loadDocument } from '../../schemas/load';
import { pointerOf, type Problem } from '../../schemas/problems';
import type { Twin } from '../../schemas/twin/twin.types';
import { twinRecord } from '../../schemas/twin/twin.record';
import { ApiError } from '../http/api-error';
import { DbNodeTypeRegistry } from '../registry/db-node-type-registry';
import type { Queryable } from '../registry/entry-views';
import { findBlueprintVersion } from './blueprint-versions';
import { bindingProblems } from './validate-bindings';
import { forbiddenBuiltinTables } from './bound-tables';

/** A twin document that passed every check, with what was learned about its blueprint. */
export interface ValidatedTwin {
  /** The document as stored: loaded, with `visibility` filled in. */
  document: Twin & { visibility: NonNullable<Twin['visibility']> };
  blueprintEntryId: string;
  blueprint: Blueprint;
}

/** A problem a twin check found, in the shape error details carry. */
interface CodedProblem {
  code: string;
  message: string;
  pointer: string;
}

/** An ApiError whose code and message are those of the first problem, with every problem in details. */
function refusal(status: 400 | 403 | 422, code: string, lead: string, problems: CodedProblem[]): ApiError {
  const more = problems.length - 1;
  const tail = more > 0 ? ` (${more} more problem${more === 1 ? ' is' : 's are'} listed in the details)` : '';
  return new ApiError(status, code, `${lead}${tail}`, { problems });
}

/**
 * The blueprint with a twin's overrides merged into node configs: each override's keys replace the node's
 * config keys of the same name (a shallow merge), other keys keep the blueprint's values. Pure.
 * @example applyOverrides(blueprint, { trend: { maxPoints: 5000 } })
 */
export function applyOverrides(blueprint: Blueprint, overrides: Twin['overrides'] = {}): Blueprint {
  return {
    ...blueprint,
    nodes: blueprint.nodes.map((node) =>
      overrides[node.id] ? { ...node, config: { ...node.config, ...overrides[node.id] } } : node,
    ),
  };
}

/** Points a compiler problem inside an overridden config key at that key in the twin's overrides instead. */
function twinPointer(problem: Problem, blueprint: Blueprint, overrides: Twin['overrides'] = {}): string {
  const match = /^\/nodes\/(\d+)\/config(?:\/([^/]*))?(.*)$/.exec(problem.pointer);
  if (!match) return problem.pointer;
  const node = blueprint.nodes[Number(match[1])];
  const key = match[2]?.replace(/~1/g, '/').replace(/~0/g, '~');
  const override = node && overrides[node.id];
  if (!override || key === undefined || !(key in override)) return problem.pointer;
  return `${pointerOf('overrides', node.id, key)}${match[3]}`;
}

function layoutProblems(layout: Layout, plan: ExecutionPlan): CodedProblem[] {
  const panels = new Set(plan.panels);
  const categories = new Map(plan.nodes.map((n) => [n.id, n.category]));
  const problems: CodedProblem[] = [];
  const placed = new Set<string>();
  const mentions = [
    ...panelsInTree(layout.root).map((p) => ({ id: p.id, pointer: `/layout/root${p.pointer}`, place: true })),
    ...(layout.hidden ?? []).map((id, i) => ({ id, pointer: pointerOf('layout', 'hidden', i), place: true })),
    ...Object.keys(layout.panels ?? {}).map((id) => ({
      id,
      pointer: pointerOf('layout', 'panels', id),
      place: false,
    })),
  ];
  for (const { id, pointer, place } of mentions) {
    if (!panels.has(id)) {
      const category = categories.get(id);
      problems.push({
        code: 'layout_unknown_panel',
        message: category
          ? `The layout names "${id}", which is a ${category} node of the blueprint, not a component; only components (${plan.panels.join(', ') || 'none'}) can be panels.`
          : `The layout names a panel "${id}", but the blueprint has no node with that id; its panels are ${plan.panels.join(', ') || 'none'}.`,
        pointer,
      });
      continue;
    }
    if (!place) continue;
    if (placed.has(id)) {
      problems.push({
        code: 'layout_duplicate_panel',
        message: `The layout places the panel "${id}" twice (shown or hidden); keep it once.`,
        pointer,
      });
    }
    placed.add(id);
  }
  return problems;
}

/**
 * Every check a twin document must pass before it is stored, in order: the twin schema (400
 * invalid_document), the blueprint version exists (404 blueprint_not_found), the bindings match the inputs (400
 * binding_* / column_*), overrides name existing nodes (400 override_unknown_node), the blueprint with the
 * overrides merged still compiles against the registry's node types (422 twin_invalid, with the compiler's
 * problems) and the layout only places the blueprint's components (400 layout_*). Throws the first failing
 * check as an ApiError, with all of that check's problems in `details.problems`. Reads only; run it inside the
 * transaction that writes, so that what was checked is what is stored.
 * @example const { document, blueprintEntryId } = await validateTwinDocument(tx, body, user.id)
 */
export async function validateTwinDocument(
  db: Queryable,
  data: unknown,
  ownerId: string,
): Promise<ValidatedTwin> {
  const loaded = loadDocument<Twin>(twinRecord, data);
  if (!loaded.ok) {
    const problems = loaded.problems.map(({ code, message, pointer }) => ({ code, message, pointer }));
    throw refusal(400, 'invalid_document', `The twin is not valid: ${problems[0].message}`, problems);
  }
  const twin = loaded.value;
  const { name, version } = twin.blueprint;
  const found = await findBlueprintVersion(db, name, version);
  if (!found) {
    throw new ApiError(
      404,
      'blueprint_not_found',
      `There is no blueprint "${name}" at version ${version} in the registry; check the name and the exact version, or publish it first.`,
      { blueprint: { name, version } },
    );
  }
  const blueprintLoaded = loadDocument<Blueprint>(blueprintRecord, found.document);
  if (!blueprintLoaded.ok) {
    throw refusal(
      422,
      'twin_invalid',
      `The blueprint ${name}@${version} can no longer be read, so no twin can be made from it.`,
      blueprintLoaded.problems,
    );
  }
  const blueprint = blueprintLoaded.value;

  const bound = bindingProblems(blueprint.inputs ?? {}, twin.bindings);
  if (bound.length > 0) throw refusal(400, bound[0].code, bound[0].message, bound);
  const forbidden = await forbiddenBuiltinTables(db, ownerId, twin.bindings);
  if (forbidden.length > 0) throw refusal(403, forbidden[0].code, forbidden[0].message, forbidden);

  const nodeIds = new Set(blueprint.nodes.map((n) => n.id));
  const unknownNodes = Object.keys(twin.overrides ?? {})
    .filter((id) => !nodeIds.has(id))
    .map((id) => ({
      code: 'override_unknown_node',
      message: `The twin overrides the config of a node "${id}", but the blueprint has no node with that id; its nodes are ${[...nodeIds].join(', ')}.`,
      pointer: pointerOf('overrides', id),
      nodeId: id,
    }));
  if (unknownNodes.length > 0)
    throw refusal(400, 'override_unknown_node', unknownNodes[0].message, unknownNodes);

  const merged = applyOverrides(blueprint, twin.overrides);
  const compiled = await compileBlueprint(merged, { registry: new DbNodeTypeRegistry(db) });
  if (!compiled.ok) {
    const problems = compiled.problems.map((p) => ({
      ...p,
      pointer: twinPointer(p, blueprint, twin.overrides),
    }));
    const first = problems.find((p) => p.severity === 'error') ?? problems[0];
    throw refusal(
      422,
      'twin_invalid',
      `With these settings the blueprint ${name}@${version} does not work: ${first.message}`,
      problems,
    );
  }
  if (twin.layout) {
    const misplaced = layoutProblems(twin.layout, compiled.plan);
    if (misplaced.length > 0) throw refusal(400, misplaced[0].code, misplaced[0].message, misplaced);
  }
  return {
    document: { ...twin, visibility: twin.visibility ?? 'private' },
    blueprintEntryId: found.entryId,
    blueprint,
  };
}
