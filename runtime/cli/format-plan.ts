import type { Layout } from '../compiler/document-types';
import type { ColumnInfo, ExecutionPlan, PlanEdge, PlanNode } from '../compiler/plan';
import { createPalette, oneLine, type Palette } from './palette';

const plain = createPalette(false);
const wrapWidth = 110;

/**
 * One inferred column as `name:type[unit]` (the unit only when there is one).
 * @example formatColumn({ name: 'vibration_rms', type: 'float8', unit: 'mm/s' }) // 'vibration_rms:float8[mm/s]'
 */
export function formatColumn(column: ColumnInfo): string {
  return `${column.name}:${column.type}${column.unit === undefined ? '' : `[${column.unit}]`}`;
}

/** Pads every cell but the last of each row to its column's width, so the rows line up. */
function alignRows(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd(),
  );
}

/** Joins items with ", " into lines no wider than the wrap width, each starting with `indent`. */
function wrapList(items: readonly string[], indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const next = line === '' ? item : `${line}, ${item}`;
    if (line !== '' && indent.length + next.length + 1 > wrapWidth) {
      lines.push(`${indent}${line},`);
      line = item;
    } else line = next;
  }
  if (line !== '') lines.push(`${indent}${line}`);
  return lines;
}

function nodeRow(node: PlanNode, index: number): string[] {
  return [
    `${index + 1}.`,
    node.id,
    `${node.typeId}@${node.version}`,
    node.category,
    node.input === undefined ? '' : `reads input "${node.input}"`,
  ];
}

function edgeLines(edge: PlanEdge): string[] {
  const route = `${edge.from.node}.${edge.from.port} -> ${edge.to.node}.${edge.to.port}`;
  const named =
    edge.id === `${edge.from.node}.${edge.from.port}->${edge.to.node}.${edge.to.port}` ? '' : ` (${edge.id})`;
  if (edge.kind === 'table') {
    const columns = edge.columns === undefined ? ['(columns unknown)'] : edge.columns.map(formatColumn);
    return [`  ${route}${named}  table`, ...wrapList(columns.length ? columns : ['(no columns)'], '      ')];
  }
  if (edge.kind === 'value') {
    return [`  ${route}${named}  value${edge.valueType ? ` ${edge.valueType}` : ''}`];
  }
  return [`  ${route}${named}  ${edge.kind}`];
}

/**
 * A mosaic layout tree as one compact expression: splits as `row(...)`/`column(...)`, with the first panel's
 * share when the layout sets it.
 * @example formatLayoutTree({ direction: 'row', first: 'a', second: 'b', splitPercentage: 30 }) // 'row(a 30%, b 70%)'
 */
export function formatLayoutTree(tree: Layout['root']): string {
  if (tree === null) return '(empty)';
  if (typeof tree === 'string') return tree;
  const first = formatLayoutTree(tree.first);
  const second = formatLayoutTree(tree.second);
  if (tree.splitPercentage === undefined) return `${tree.direction}(${first}, ${second})`;
  return `${tree.direction}(${first} ${tree.splitPercentage}%, ${second} ${100 - tree.splitPercentage}%)`;
}

/**
 * An execution plan as readable text: the nodes in execution order (type@version, category), every edge with
 * its kind and the columns inferred on it (`name:type[unit]`), the panels and layout, and the lock.
 * @example
 * const result = await compileBlueprint(text, { registry })
 * if (result.ok) console.log(formatPlan(result.plan).join('\n'))
 */
export function formatPlan(plan: ExecutionPlan, palette: Palette = plain): string[] {
  const { name, version, title } = plan.blueprint;
  const heading = (text: string): string => palette.bold(text);
  // Document text is made one-line-safe before any styling, so escapes never touch the colour codes.
  const safe = (items: string[]): string[] => items.map(oneLine);
  const lines = [heading(oneLine(`Plan for ${name}@${version}`)) + oneLine(` (${title})`), ''];

  lines.push(heading(`Nodes, in execution order (${plan.nodes.length}):`));
  lines.push(...safe(alignRows(plan.nodes.map(nodeRow)).map((row) => `  ${row}`)));
  lines.push('', heading(`Edges (${plan.edges.length}):`));
  lines.push(...safe(plan.edges.length ? plan.edges.flatMap(edgeLines) : ['  (none)']));

  lines.push(
    '',
    heading(`Panels (${plan.panels.length}):`) + oneLine(` ${plan.panels.join(', ') || '(none)'}`),
  );
  if (plan.layout !== undefined) {
    const hidden = plan.layout.hidden?.length ? `; hidden: ${plan.layout.hidden.join(', ')}` : '';
    lines.push(
      heading('Layout:') + oneLine(` ${plan.layout.kind} ${formatLayoutTree(plan.layout.root)}${hidden}`),
    );
  }

  const locked = Object.entries(plan.lock).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  lines.push('', heading(`Lock (${locked.length}):`));
  lines.push(
    ...safe(alignRows(locked.map(([id, e]) => [id, e.version, `sha256:${e.sha256}`])).map((r) => `  ${r}`)),
  );
  return lines;
}
