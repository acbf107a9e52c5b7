import Form from '@rjsf/core';
import type { IChangeEvent } from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { memo, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { analyseGraph } from '../../runtime/compiler/edge-check';
import type { Problem } from '../../schemas/problems';
import { AnyValueField } from './AnyValueField';
import { uiSchemaFor, withColumnSuggestions } from './config-columns';
import { edgeIdOf, splitEnd, upstreamOf } from './document-ops';
import { formButtons } from './form-buttons';
import { withInputChoices } from './input-choices';
import { useGraph, useGraphEditor } from './editor-context';
import { plainFormErrors } from './plain-form-errors';
import { useSettledDoc } from './use-graph-compile';

const templates = { ButtonTemplates: formButtons };
const fields = { anyValue: AnyValueField };

function ConfigPanelInner({ problemsByNode }: { problemsByNode: ReadonlyMap<string, readonly Problem[]> }) {
  const { store, catalogue } = useGraphEditor();
  const selectedNodes = useGraph((s) => s.selectedNodes);
  const selectedEdges = useGraph((s) => s.selectedEdges);
  const onlyId = selectedNodes.size === 1 ? [...selectedNodes][0] : undefined;
  // Pick the parts of the node the panel shows, so that moving the node does not redraw the form.
  const {
    type: nodeType,
    title: nodeTitle,
    config: nodeConfig,
  } = useGraph(
    useShallow((s) => {
      const found = onlyId ? s.doc.nodes.find((n) => n.id === onlyId) : undefined;
      return { type: found?.type, title: found?.title, config: found?.config };
    }),
  );
  const inputs = useGraph((s) => s.doc.inputs);
  const settledDoc = useSettledDoc(store, 300);
  const manifest = nodeType ? catalogue.resolve(nodeType) : undefined;

  const arriving = useMemo(() => {
    if (!onlyId) return [];
    const into = settledDoc.edges.filter((e) => splitEnd(e.to).node === onlyId).map(edgeIdOf);
    if (into.length === 0) return [];
    const { edgeColumns } = analyseGraph(upstreamOf(settledDoc, onlyId), catalogue.resolve);
    const names = new Set<string>();
    for (const id of into) for (const c of edgeColumns.get(id) ?? []) names.add(c.name);
    return [...names];
  }, [onlyId, settledDoc, catalogue]);

  const uiSchema = useMemo(
    () => (manifest ? (uiSchemaFor(manifest.config as Record<string, unknown>) as UiSchema) : undefined),
    [manifest],
  );
  const schema = useMemo(
    () =>
      manifest
        ? (withInputChoices(manifest, withColumnSuggestions(manifest, arriving), inputs) as RJSFSchema)
        : undefined,
    [manifest, arriving, inputs],
  );

  if (!onlyId || !nodeType) {
    const count = selectedNodes.size + selectedEdges.size;
    return (
      <aside className="pt-side" aria-label="Settings">
        <h2>Settings</h2>
        <p className="pt-hint">
          {count > 1
            ? `${selectedNodes.size} nodes and ${selectedEdges.size} connections are selected. Press Delete to remove them, Ctrl+C to copy them, or select one node to change its settings.`
            : selectedEdges.size === 1
              ? 'A connection is selected. Press Delete to remove it.'
              : 'Select a node on the canvas to change its settings here.'}
        </p>
      </aside>
    );
  }
  const node = { id: onlyId, type: nodeType, title: nodeTitle, config: nodeConfig };
  const problems = problemsByNode.get(node.id) ?? [];
  return (
    <aside className="pt-side" aria-label={`Settings of ${node.id}`}>
      <h2>{manifest?.title ?? node.type}</h2>
      <p className="pt-hint">
        {manifest?.description ?? 'This node type is not in the library; its settings cannot be shown.'}
      </p>
      <label className="pt-field">
        <span>Name shown on the node</span>
        <input
          className="pt-input"
          value={node.title ?? ''}
          placeholder={manifest?.title}
          onChange={(e) => store.getState().setNodeTitle(node.id, e.target.value)}
        />
      </label>
      <p className="pt-node-idline">
        Id: <code>{node.id}</code>
      </p>
      {problems.length > 0 && (
        <ul className="pt-side-problems" aria-label="Problems of this node">
          {problems.map((p, i) => (
            <li key={i} className={`pt-sev-${p.severity}`}>
              {p.message}
            </li>
          ))}
        </ul>
      )}
      {arriving.length > 0 && (
        <p className="pt-hint">
          Columns arriving here: {arriving.join(', ')}. Column fields suggest them as you type.
        </p>
      )}
      {schema && (
        <Form
          key={node.id}
          className="pt-config-form"
          schema={schema}
          uiSchema={uiSchema}
          templates={templates}
          fields={fields}
          formData={node.config ?? {}}
          validator={validator}
          liveValidate="onChange"
          showErrorList={false}
          transformErrors={plainFormErrors}
          onChange={(event: IChangeEvent, field?: string) =>
            store.getState().setConfig(node.id, (event.formData ?? {}) as Record<string, unknown>, field)
          }
          onBlur={() => store.getState().endTyping()}
        />
      )}
    </aside>
  );
}

/**
 * The side panel for the selected node: its name and a form generated from its type's config schema.
 * @example <ConfigPanel problemsByNode={byNode} />
 */
export const ConfigPanel = memo(ConfigPanelInner);
