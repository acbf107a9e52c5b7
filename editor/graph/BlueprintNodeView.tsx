import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useContext } from 'react';
import { FarNodeBox } from './FarNodeBox';
import { FarViewContext } from './far-view';
import type { BlueprintFlowNode, NodePreview } from './flow-model';
import { formatPreviewValue } from './preview-format';

const KIND_LABEL: Record<string, string> = {
  table: 'rows',
  value: 'value',
  media: 'media',
  scene: '3D scene',
};

/** What a port carries, unless its name already says it. */
function KindHint({ kind, title }: { kind: string; title: string }) {
  const word = KIND_LABEL[kind] ?? kind;
  return title.toLowerCase() === word ? null : <small>{word}</small>;
}

function PreviewSlot({ preview }: { preview: NodePreview }) {
  const columns = preview.sample.length > 0 ? Object.keys(preview.sample[0]).slice(0, 4) : [];
  return (
    <div className="pt-node-preview" aria-label="Live preview">
      <div className="pt-node-preview-count">
        {preview.rowCount.toLocaleString()} {preview.rowCount === 1 ? 'row' : 'rows'}
      </div>
      {columns.length > 0 && (
        <table>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} title={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.sample.slice(0, 3).map((row, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c} title={formatPreviewValue(row[c], { column: c })}>
                    {formatPreviewValue(row[c], { column: c, compact: true })}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** One blueprint node on the canvas: its title and type, its ports as handles, its problems and its preview. */
function BlueprintNodeViewInner({ data, selected }: NodeProps<BlueprintFlowNode>) {
  // Zoomed far out, a plain box (see far-view.ts).
  const far = useContext(FarViewContext);
  if (far) return <FarNodeBox data={data} selected={selected} />;
  const { node, manifest, problems, preview } = data;
  const category = manifest?.category ?? 'unknown';
  const errors = problems?.filter((p) => p.severity === 'error').length ?? 0;
  const warnings = (problems?.length ?? 0) - errors;
  const inputs = Object.entries(manifest?.inputs ?? {});
  const outputs = Object.entries(manifest?.outputs ?? {});
  return (
    <div
      className={`pt-node pt-cat-${category}${errors ? ' pt-node-has-problem' : ''}${selected ? ' pt-node-selected' : ''}`}
      data-node-id={node.id}
      aria-label={`Node ${node.id}: ${manifest?.title ?? node.type}`}
    >
      <div className="pt-node-head">
        <span className="pt-node-title">{node.title ?? manifest?.title ?? node.type}</span>
        {(errors > 0 || warnings > 0) && (
          <span
            className={`pt-node-badge ${errors ? 'pt-badge-error' : 'pt-badge-warning'}`}
            title={problems?.map((p) => p.message).join('\n')}
          >
            {errors > 0
              ? `${errors} ${errors === 1 ? 'problem' : 'problems'}`
              : `${warnings} note${warnings === 1 ? '' : 's'}`}
          </span>
        )}
      </div>
      <div className="pt-node-sub">
        <span className="pt-node-id">{node.id}</span> ·{' '}
        {!manifest ? 'unknown type' : node.title ? manifest.title : manifest.category}
      </div>
      <div className="pt-node-ports">
        <div className="pt-node-inputs">
          {inputs.map(([name, port]) => (
            <div className="pt-port pt-port-in" key={name}>
              <Handle
                type="target"
                position={Position.Left}
                id={name}
                className={`pt-handle pt-kind-${port.kind}`}
                aria-label={`Input ${name} of ${node.id} (${KIND_LABEL[port.kind] ?? port.kind})`}
              />
              <span title={port.description ?? port.title ?? name}>{port.title ?? name}</span>
              <KindHint kind={port.kind} title={port.title ?? name} />
            </div>
          ))}
        </div>
        <div className="pt-node-outputs">
          {outputs.map(([name, port]) => (
            <div className="pt-port pt-port-out" key={name}>
              <KindHint kind={port.kind} title={port.title ?? name} />
              <span title={port.description ?? port.title ?? name}>{port.title ?? name}</span>
              <Handle
                type="source"
                position={Position.Right}
                id={name}
                className={`pt-handle pt-kind-${port.kind}`}
                aria-label={`Output ${name} of ${node.id} (${KIND_LABEL[port.kind] ?? port.kind})`}
              />
            </div>
          ))}
        </div>
      </div>
      {!manifest && <div className="pt-node-unknown">This node type is not in the library.</div>}
      {preview && <PreviewSlot preview={preview} />}
    </div>
  );
}

/**
 * The memoised node component (React Flow passes new props only when the node object changes).
 * @example <ReactFlow nodeTypes={{ blueprint: BlueprintNodeView }} … />
 */
export const BlueprintNodeView = memo(BlueprintNodeViewInner);
