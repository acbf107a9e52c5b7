import { pointerOf, problem } from '../../schemas/problems';
import { nodeLabel, type CompileContext, type EdgeEntry, type NodeEntry } from './context';
import type { ColumnRequirement, ColumnRule, OutputPort } from './document-types';
import type { ColumnInfo } from './plan';
import { valueAt } from './pointer';
import { expandTemplate, expandWithFallback, forEachScopes, type TemplateScope } from './templates';
import { describeAccepted, isColumnType, typeAccepted } from './type-classes';

/** What a node's output ports carry, as inferred: columns (null when unknown) or a value type. */
export interface InferredOutput {
  columns: ColumnInfo[] | null;
  valueType?: ColumnInfo['type'];
}

/**
 * Infers the columns on every edge, walking the nodes in topological order, and checks each node's column
 * requirements against what arrives (PT130 missing, PT131 wrong type) and its produced names (PT132).
 * Edges leaving nodes on a cycle or with problems carry null (unknown) so that no false problems follow.
 * @example inferColumns(ctx, order) // returns the inferred outputs of every node
 */
export function inferColumns(
  ctx: CompileContext,
  order: readonly string[],
): Map<string, Record<string, InferredOutput>> {
  const incoming = new Map<string, EdgeEntry[]>();
  const outgoing = new Map<string, EdgeEntry[]>();
  for (const edge of ctx.edges) {
    if (!edge.usable || edge.kind === undefined) continue;
    push(incoming, edge.to.node, edge);
    push(outgoing, edge.from.node, edge);
  }
  const result = new Map<string, Record<string, InferredOutput>>();
  for (const id of order) {
    const entry = ctx.nodes.get(id)!;
    const into = incoming.get(id) ?? [];
    if (entry.manifest && entry.config) checkRequirements(ctx, entry, into);
    const outputs = inferOutputs(ctx, entry, into);
    result.set(id, outputs);
    for (const edge of outgoing.get(id) ?? []) {
      const out = outputs[edge.from.port];
      edge.columns = out ? out.columns : null;
    }
  }
  for (const edge of ctx.edges) if (edge.columns === undefined) edge.columns = null;
  return result;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function requirementInstances(
  req: ColumnRequirement,
  config: unknown,
): { column: string; configPointer?: string }[] {
  return forEachScopes(config, req.forEach).flatMap((scope) =>
    expandWithFallback(req.column, req.fallback, scope).map((e) => ({
      column: e.value,
      configPointer: e.configPointer,
    })),
  );
}

const columnIndex = new WeakMap<ColumnInfo[], Map<string, ColumnInfo>>();

function indexOf(columns: ColumnInfo[]): Map<string, ColumnInfo> {
  let index = columnIndex.get(columns);
  if (!index) {
    index = new Map(columns.map((c) => [c.name, c]));
    columnIndex.set(columns, index);
  }
  return index;
}

function checkRequirements(ctx: CompileContext, entry: NodeEntry, into: EdgeEntry[]): void {
  for (const [port, spec] of Object.entries(entry.manifest!.inputs)) {
    if (!spec.columns?.length) continue;
    for (const edge of into) {
      if (edge.to.port !== port || !edge.columns) continue;
      const arriving = indexOf(edge.columns);
      for (const req of spec.columns) {
        for (const { column, configPointer } of requirementInstances(req, entry.config)) {
          const found = arriving.get(column);
          if (found && typeAccepted(found.type, req.accepts)) continue;
          const at = configPointer
            ? `${pointerOf('nodes', entry.index, 'config')}${configPointer}`
            : pointerOf('edges', edge.index);
          const details = {
            node: entry.node.id,
            port,
            column,
            expected: req.accepts,
            found: found?.type ?? null,
          };
          if (!found) {
            const names = edge.columns.map((c) => c.name);
            ctx.problems.push(
              problem(
                'PT130',
                at,
                `${nodeLabel(entry)} needs the column "${column}" on its input "${port}", but it does not arrive from "${edge.from.node}"; ${names.length ? `the columns that arrive are: ${names.join(', ')}` : 'no columns arrive'}.`,
                { nodeId: entry.node.id, edgeId: edge.id, details },
              ),
            );
          } else {
            ctx.problems.push(
              problem(
                'PT131',
                at,
                `${nodeLabel(entry)} needs the column "${column}" on its input "${port}" to be ${describeAccepted(req.accepts)}, but it arrives from "${edge.from.node}" as ${found.type}.`,
                { nodeId: entry.node.id, edgeId: edge.id, details },
              ),
            );
          }
        }
      }
    }
  }
}

function inferOutputs(
  ctx: CompileContext,
  entry: NodeEntry,
  into: EdgeEntry[],
): Record<string, InferredOutput> {
  const outputs: Record<string, InferredOutput> = {};
  if (!entry.manifest) return outputs;
  for (const [port, spec] of Object.entries(entry.manifest.outputs)) {
    if (!entry.config) {
      outputs[port] = { columns: null };
    } else if (spec.kind === 'value') {
      const valueType = spec.valueType
        ? expandTemplate(spec.valueType, { config: entry.config })[0]?.value
        : undefined;
      outputs[port] = { columns: null, ...(valueType && isColumnType(valueType) ? { valueType } : {}) };
    } else if (spec.kind === 'table') {
      outputs[port] = { columns: tableColumns(ctx, entry, port, spec, into) };
    } else {
      outputs[port] = { columns: null };
    }
  }
  return outputs;
}

function baseColumns(
  ctx: CompileContext,
  entry: NodeEntry,
  spec: OutputPort,
  into: EdgeEntry[],
): ColumnInfo[] | null {
  const rule = spec.columns ?? {};
  if (rule.fromInput !== undefined) {
    const name = valueAt(entry.config, rule.fromInput);
    const input = typeof name === 'string' ? ctx.blueprint.inputs?.[name] : undefined;
    // An undeclared or non-table input is reported by checkInputs; its columns are unknown, not empty.
    if (!input || input.kind !== 'table') return null;
    return Object.entries(input.columns).map(([column, c]) => ({
      name: column,
      type: c.type,
      ...(c.unit ? { unit: c.unit } : {}),
      ...(c.role ? { role: c.role } : {}),
    }));
  }
  if (rule.from === undefined) return [];
  const edges = into.filter((e) => e.to.port === rule.from);
  if (edges.some((e) => !e.columns)) return null;
  if (edges.length === 0) {
    // An unconnected required port is reported elsewhere; an unconnected optional one contributes nothing.
    return entry.manifest!.inputs[rule.from]?.required === false ? [] : null;
  }
  const merged = new Map<string, ColumnInfo>();
  for (const edge of edges) for (const c of edge.columns!) if (!merged.has(c.name)) merged.set(c.name, c);
  return [...merged.values()];
}

function tableColumns(
  ctx: CompileContext,
  entry: NodeEntry,
  port: string,
  spec: OutputPort,
  into: EdgeEntry[],
): ColumnInfo[] | null {
  const base = baseColumns(ctx, entry, spec, into);
  if (base === null) return null;
  if (!spec.columns?.add?.length && spec.columns?.keep === undefined) return base;
  let columns = base;
  const keep = spec.columns?.keep !== undefined ? valueAt(entry.config, spec.columns.keep) : undefined;
  if (Array.isArray(keep) && keep.length > 0) columns = columns.filter((c) => keep.includes(c.name));
  const byName = new Map(columns.map((c) => [c.name, c]));
  const added = new Set<string>();
  for (const rule of spec.columns?.add ?? []) {
    for (const scope of forEachScopes(entry.config, rule.forEach)) {
      const column = columnFromRule(rule, scope, base);
      if (!column) continue;
      if (added.has(column.name)) {
        ctx.problems.push(
          problem(
            'PT132',
            scope.itemPointer
              ? `${pointerOf('nodes', entry.index, 'config')}${scope.itemPointer}`
              : pointerOf('nodes', entry.index),
            `${nodeLabel(entry)} would produce the column "${column.name}" twice on "${port}"; give each new column its own name.`,
            { nodeId: entry.node.id, details: { column: column.name, port } },
          ),
        );
        continue;
      }
      added.add(column.name);
      byName.set(column.name, column);
    }
  }
  return [...byName.values()];
}

function columnFromRule(rule: ColumnRule, scope: TemplateScope, base: ColumnInfo[]): ColumnInfo | undefined {
  const name = expandWithFallback(rule.name, rule.fallback, scope)[0]?.value;
  if (!name) return undefined;
  const pick = (value: ColumnRule['type'] | undefined): string | ColumnInfo | undefined => {
    if (value === undefined) return undefined;
    if (typeof value === 'string') return expandTemplate(value, scope)[0]?.value;
    const sameAs = expandTemplate(value.sameAs, scope)[0]?.value;
    return base.find((c) => c.name === sameAs);
  };
  const type = pick(rule.type);
  const resolvedType = typeof type === 'string' ? type : type?.type;
  if (!resolvedType || !isColumnType(resolvedType)) return undefined;
  const unitPick = pick(rule.unit);
  const unit = typeof unitPick === 'string' ? unitPick : unitPick?.unit;
  return { name, type: resolvedType, ...(unit ? { unit } : {}), ...(rule.role ? { role: rule.role } : {}) };
}
