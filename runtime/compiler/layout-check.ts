import { pointerOf, problem } from '../../schemas/problems';
import type { CompileContext } from './context';
import type { Layout, Split } from './document-types';

/** Every panel id in a mosaic tree, with the pointer (relative to the tree) where it appears. */
export function panelsInTree(node: Layout['root'], pointer = ''): { id: string; pointer: string }[] {
  if (node === null) return [];
  if (typeof node === 'string') return [{ id: node, pointer }];
  const split = node as Split;
  return [
    ...panelsInTree(split.first, `${pointer}/first`),
    ...panelsInTree(split.second, `${pointer}/second`),
  ];
}

/**
 * Checks the layout against the graph: each panel is a component node (PT160), shown once (PT161), and
 * each component has a place, shown or hidden (PT162, a warning).
 * @example checkLayout(ctx)
 */
export function checkLayout(ctx: CompileContext): void {
  const layout = ctx.blueprint.layout;
  if (!layout) return;
  const placed = new Set<string>();
  const mentions = [
    ...panelsInTree(layout.root).map((p) => ({ id: p.id, pointer: pointerOf('layout', 'root') + p.pointer })),
    ...(layout.hidden ?? []).map((id, i) => ({ id, pointer: pointerOf('layout', 'hidden', i) })),
  ];
  for (const { id, pointer } of mentions) {
    const entry = ctx.nodes.get(id);
    if (!entry) {
      ctx.problems.push(
        problem(
          'PT160',
          pointer,
          `The layout shows a panel "${id}", but there is no node with that id; remove it from the layout.`,
          {
            details: { panel: id },
          },
        ),
      );
      continue;
    }
    if (entry.manifest && entry.manifest.category !== 'component') {
      ctx.problems.push(
        problem(
          'PT160',
          pointer,
          `The layout shows "${id}" as a panel, but it is a ${entry.manifest.category} node, which has nothing to show; only component nodes are panels.`,
          { nodeId: id, details: { panel: id } },
        ),
      );
      continue;
    }
    if (placed.has(id)) {
      ctx.problems.push(
        problem('PT161', pointer, `The layout places the panel "${id}" twice; keep one.`, {
          nodeId: id,
          details: { panel: id },
        }),
      );
      continue;
    }
    placed.add(id);
  }
  for (const id of Object.keys(layout.panels ?? {})) {
    const entry = ctx.nodes.get(id);
    if (entry?.manifest && entry.manifest.category !== 'component') {
      ctx.problems.push(
        problem(
          'PT160',
          pointerOf('layout', 'panels', id),
          `The layout has panel settings for "${id}", but it is a ${entry.manifest.category} node, which has nothing to show; only component nodes are panels.`,
          { nodeId: id, details: { panel: id } },
        ),
      );
    }
    if (!entry) {
      ctx.problems.push(
        problem(
          'PT160',
          pointerOf('layout', 'panels', id),
          `The layout has settings for a panel "${id}", but there is no node with that id.`,
          {
            details: { panel: id },
          },
        ),
      );
    }
  }
  for (const entry of ctx.nodes.values()) {
    if (entry.manifest?.category !== 'component' || placed.has(entry.node.id)) continue;
    ctx.problems.push(
      problem(
        'PT162',
        pointerOf('layout'),
        `The component "${entry.node.id}" has no place in the layout, so it will not be shown; add it to the layout or to its hidden panels.`,
        { severity: 'warning', nodeId: entry.node.id },
      ),
    );
  }
}
