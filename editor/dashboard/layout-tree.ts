/**
 * Pure conversions between the layout document (schemas/layout: a binary tree of `direction`/`first`/`second`
 * splits, plus hidden panels) and react-mosaic v7's n-ary tree, which the dashboard edits. Nothing here touches
 * React or the DOM, so every rule (round trip, hidden panels, panels missing from a layout) is unit-tested.
 */
import type { MosaicNode, MosaicSplitNode } from 'react-mosaic-component';
import type { Layout, Split } from '../../schemas/layout/layout.types';

/** The dashboard's working state: the tiled panels and the hidden ones. */
export interface Tiling {
  tree: MosaicNode<string> | null;
  hidden: string[];
}

type LayoutNode = string | Split;

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The panel ids of a mosaic tree, left to right.
 * @example leavesOf({ type: 'split', direction: 'row', children: ['a', 'b'] }) // ['a', 'b']
 */
export function leavesOf(tree: MosaicNode<string> | null): string[] {
  if (tree === null) return [];
  if (typeof tree !== 'object') return [String(tree)];
  if (tree.type === 'tabs') return tree.tabs.map(String);
  return tree.children.flatMap(leavesOf);
}

function fromLayoutNode(node: LayoutNode): MosaicNode<string> {
  if (typeof node === 'string') return node;
  const split: MosaicSplitNode<string> = {
    type: 'split',
    direction: node.direction,
    children: [fromLayoutNode(node.first), fromLayoutNode(node.second)],
  };
  if (node.splitPercentage !== undefined)
    split.splitPercentages = [node.splitPercentage, 100 - node.splitPercentage];
  return split;
}

function toLayoutNode(node: MosaicNode<string>): LayoutNode {
  if (typeof node !== 'object') return String(node);
  if (node.type === 'tabs') {
    // The dashboard never makes tab groups; should one appear, its tabs are laid side by side.
    return toLayoutNode({ type: 'split', direction: 'row', children: node.tabs });
  }
  const children = node.children;
  if (children.length === 1) return toLayoutNode(children[0]);
  const percentages = node.splitPercentages;
  const [head, ...rest] = children;
  const restNode: MosaicNode<string> =
    rest.length === 1
      ? rest[0]
      : {
          type: 'split',
          direction: node.direction,
          children: rest,
          ...(percentages ? { splitPercentages: rescale(percentages.slice(1)) } : {}),
        };
  const split: Split = {
    direction: node.direction,
    first: toLayoutNode(head),
    second: toLayoutNode(restNode),
  };
  if (percentages) split.splitPercentage = round(percentages[0]);
  return split;
}

function rescale(percentages: number[]): number[] {
  const total = percentages.reduce((a, b) => a + b, 0);
  return percentages.map((p) => (total > 0 ? (p / total) * 100 : 100 / percentages.length));
}

/** Removes the leaves that `keep` refuses, collapsing splits left with one child. */
function prune(tree: MosaicNode<string> | null, keep: (id: string) => boolean): MosaicNode<string> | null {
  if (tree === null) return null;
  if (typeof tree !== 'object') return keep(String(tree)) ? tree : null;
  if (tree.type === 'tabs') {
    const tabs = tree.tabs.filter((t) => keep(String(t)));
    if (tabs.length === 0) return null;
    if (tabs.length === 1) return tabs[0];
    return { ...tree, tabs, activeTabIndex: Math.min(tree.activeTabIndex, tabs.length - 1) };
  }
  const kept: { node: MosaicNode<string>; pct?: number }[] = [];
  tree.children.forEach((child, i) => {
    const node = prune(child, keep);
    if (node !== null) kept.push({ node, pct: tree.splitPercentages?.[i] });
  });
  if (kept.length === 0) return null;
  if (kept.length === 1) return kept[0].node;
  const split: MosaicSplitNode<string> = {
    type: 'split',
    direction: tree.direction,
    children: kept.map((k) => k.node),
  };
  if (tree.splitPercentages && kept.length !== tree.children.length)
    split.splitPercentages = rescale(kept.map((k) => k.pct ?? 0));
  else if (tree.splitPercentages) split.splitPercentages = tree.splitPercentages;
  return split;
}

/**
 * A default tiling for panels that have no layout: rows of at most ⌈√n⌉ panels side by side, stacked.
 * @example defaultTree(['trend', 'rul', 'table']) // two panels on top, one below
 */
export function defaultTree(panels: readonly string[]): MosaicNode<string> | null {
  if (panels.length === 0) return null;
  if (panels.length === 1) return panels[0];
  const perRow = Math.ceil(Math.sqrt(panels.length));
  const rows: MosaicNode<string>[] = [];
  for (let i = 0; i < panels.length; i += perRow) {
    const row = panels.slice(i, i + perRow);
    rows.push(row.length === 1 ? row[0] : { type: 'split', direction: 'row', children: row });
  }
  return rows.length === 1 ? rows[0] : { type: 'split', direction: 'column', children: rows };
}

/** Adds panels to a tree: below what is there, in a row of their own. */
function addPanels(tree: MosaicNode<string> | null, panels: string[]): MosaicNode<string> | null {
  if (panels.length === 0) return tree;
  const extra = defaultTree(panels)!;
  if (tree === null) return extra;
  return { type: 'split', direction: 'column', children: [tree, extra], splitPercentages: [70, 30] };
}

/**
 * The dashboard's tiling of a plan's panels from a layout document: splits and sizes as the layout says; panels
 * the plan does not have are dropped; panels the layout neither shows nor hides get a place below the rest. With
 * no layout, a default tiling of every panel.
 * @example tilingFromLayout({ kind: 'mosaic', root: { direction: 'row', first: 'a', second: 'b' } }, ['a', 'b', 'c'])
 */
export function tilingFromLayout(layout: Layout | undefined, panels: readonly string[]): Tiling {
  if (!layout) return { tree: defaultTree(panels), hidden: [] };
  const known = new Set(panels);
  const hidden = [...new Set(layout.hidden ?? [])].filter((id) => known.has(id));
  const hiddenSet = new Set(hidden);
  const seen = new Set<string>();
  const keep = (id: string) => {
    if (!known.has(id) || hiddenSet.has(id) || seen.has(id)) return false;
    seen.add(id);
    return true;
  };
  const tree = prune(layout.root === null ? null : fromLayoutNode(layout.root), keep);
  const missing = panels.filter((id) => !seen.has(id) && !hiddenSet.has(id));
  return { tree: addPanels(tree, missing), hidden };
}

/**
 * The layout document for a tiling, keeping the other fields of `base` (name, title, panel settings...).
 * @example layoutFromTiling({ tree: 'a', hidden: ['b'] }) // { kind: 'mosaic', root: 'a', hidden: ['b'] }
 */
export function layoutFromTiling(tiling: Tiling, base: Partial<Layout> = {}): Layout {
  const layout: Layout = {
    ...base,
    kind: 'mosaic',
    root: tiling.tree === null ? null : toLayoutNode(tiling.tree),
  };
  if (tiling.hidden.length > 0) layout.hidden = [...tiling.hidden];
  else delete layout.hidden;
  return layout;
}

/**
 * Takes a panel out of the tiling and lists it as hidden.
 * @example hidePanel({ tree: { type: 'split', direction: 'row', children: ['a', 'b'] }, hidden: [] }, 'b')
 */
export function hidePanel(tiling: Tiling, id: string): Tiling {
  if (!leavesOf(tiling.tree).includes(id)) return tiling;
  return { tree: prune(tiling.tree, (leaf) => leaf !== id), hidden: [...tiling.hidden, id] };
}

/**
 * Puts a hidden panel back: beside the whole dashboard, on the right, a third of its width.
 * @example restorePanel({ tree: 'a', hidden: ['b'] }, 'b')
 */
export function restorePanel(tiling: Tiling, id: string): Tiling {
  if (!tiling.hidden.includes(id)) return tiling;
  const hidden = tiling.hidden.filter((h) => h !== id);
  if (tiling.tree === null) return { tree: id, hidden };
  return {
    tree: { type: 'split', direction: 'row', children: [tiling.tree, id], splitPercentages: [67, 33] },
    hidden,
  };
}
