import type { BlueprintNodeData } from './flow-model';
import { farNodeHeight } from './far-view';

/**
 * A node's element in the far view: an invisible box as big as the node (when it was measured), with no text,
 * ports or preview, so that thousands of them stay cheap to lay out, move and pan. FarDrawing draws what is
 * seen; this box is what the pointer grabs, so a node can still be selected and dragged. Connecting is done
 * closer in.
 * @example if (far) return <FarNodeBox data={data} selected={selected} />
 */
export function FarNodeBox({ data, selected }: { data: BlueprintNodeData; selected: boolean }) {
  const { node, manifest, problems, size } = data;
  const errors = problems?.some((p) => p.severity === 'error') ?? false;
  return (
    <div
      className={`pt-node pt-node-far pt-cat-${manifest?.category ?? 'unknown'}${errors ? ' pt-node-has-problem' : ''}${selected ? ' pt-node-selected' : ''}`}
      data-node-id={node.id}
      aria-label={`Node ${node.id}: ${manifest?.title ?? node.type}`}
      style={{ height: size?.height ?? farNodeHeight(manifest) }}
    />
  );
}
