import { useMemo, useState, type ReactNode } from 'react';
import { Mosaic, MosaicWindow, type MosaicNode } from 'react-mosaic-component';
import 'react-mosaic-component/react-mosaic-component.css';
import type { ExecutionPlan } from '../../runtime/compiler/plan';
import type { Engine } from '../../runtime/engine/engine-types';
import type { Value } from '../../runtime/engine/node-api';
import type { Layout } from '../../schemas/layout/layout.types';
import { hidePanel, layoutFromTiling, restorePanel, tilingFromLayout, type Tiling } from './layout-tree';
import { PanelHeader } from './PanelHeader';
import { PanelTile } from './PanelTile';
import { paramSpecs } from './param-controls';
import { ParameterBar } from './ParameterBar';
import { PublishLayoutForm, errorLines, type PublishRequest } from './PublishLayoutForm';
import { useEngineProblems } from './use-engine-problems';

export interface TwinDashboardProps {
  plan: ExecutionPlan;
  engine: Engine;
  /** The layout to start from: the twin's own, else the blueprint's; none gives a default tiling. */
  layout?: Layout;
  /** A value input of the twin, for the parameters' starting values. */
  inputValue?: (input: string) => Value | undefined;
  /** Given when the viewer may save the twin's layout (its owner). */
  onSaveLayout?: (layout: Layout) => Promise<void>;
  /** Given when the viewer may publish layouts (signed in). Receives the complete layout document. */
  onPublishLayout?: (layout: Layout) => Promise<void>;
  /** Shown at the top left, beside the layout actions (the twin's title). */
  heading?: ReactNode;
}

type SaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; lines: string[] };

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '')
    .slice(0, 50) || 'layout';

/**
 * A twin's dashboard: the plan's component panels tiled with react-mosaic, each drawn by the engine; a
 * parameter bar for what-if values; and, for viewers who may, an edit mode to resize, move, hide and restore
 * panels, save the layout on the twin and publish it to the layout registry.
 * @example <TwinDashboard plan={plan} engine={engine} layout={twin.layout ?? plan.layout} onSaveLayout={save} />
 */
export function TwinDashboard(props: TwinDashboardProps) {
  const { plan, engine } = props;
  const base = props.layout;
  const [saved, setSaved] = useState<Tiling>(() => tilingFromLayout(base, plan.panels));
  const [tiling, setTiling] = useState<Tiling>(saved);
  const [editing, setEditing] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const problems = useEngineProblems(engine);
  const specs = useMemo(
    () => paramSpecs(plan.nodes, props.inputValue ?? (() => undefined)),
    [plan, props.inputValue],
  );
  const nodes = useMemo(() => new Map(plan.nodes.map((n) => [n.id, n])), [plan]);
  const canEdit = Boolean(props.onSaveLayout || props.onPublishLayout);
  const titleOf = (id: string) => base?.panels?.[id]?.title ?? nodes.get(id)?.title ?? id;
  // The layout's other fields (panel titles...) are kept; root and hidden are replaced from the tiling.
  const keep: Partial<Layout> = base ?? {};
  const layoutNow = (): Layout => layoutFromTiling(tiling, keep);
  const dirty = JSON.stringify(layoutFromTiling(saved, keep)) !== JSON.stringify(layoutNow());

  const cancel = () => {
    setTiling(saved);
    setEditing(false);
    setPublishing(false);
    setSave({ kind: 'idle' });
  };
  const saveLayout = async () => {
    if (!props.onSaveLayout) return;
    setSave({ kind: 'saving' });
    try {
      await props.onSaveLayout(layoutNow());
      setSaved(tiling);
      setSave({ kind: 'saved' });
      setEditing(false);
      setPublishing(false);
    } catch (error) {
      setSave({ kind: 'failed', lines: errorLines(error) });
    }
  };
  const publish = async (request: PublishRequest) => {
    const document: Layout = { ...layoutNow() };
    for (const field of ['name', 'version', 'title', 'blueprint', '$schema'] as const) delete document[field];
    const major = plan.blueprint.version.split('.')[0];
    await props.onPublishLayout!({
      schemaVersion: 1,
      name: request.name,
      version: request.version,
      title: request.title,
      blueprint: `${plan.blueprint.name}@^${major}`,
      ...document,
    });
  };

  const otherProblems = Object.entries(problems).filter(([id]) => !plan.panels.includes(id));
  const renderTile = (id: string, path: number[]) => (
    <MosaicWindow<string>
      path={path}
      title={titleOf(id)}
      draggable={editing}
      renderToolbar={() => (
        // A native element: mosaic connects it as the drag handle when editing.
        <div className="panel-header-slot">
          <PanelHeader
            title={titleOf(id)}
            problems={problems[id] ?? []}
            onHide={editing ? () => setTiling((t) => hidePanel(t, id)) : undefined}
          />
        </div>
      )}
    >
      <PanelTile engine={engine} nodeId={id} />
    </MosaicWindow>
  );

  return (
    <div className={`dashboard${editing ? ' editing' : ''}`}>
      <div className="dashboard-top">
        <div className="dashboard-heading">{props.heading}</div>
        {canEdit && !editing && (
          <div className="dashboard-view-actions">
            {save.kind === 'saved' && (
              <span className="status ok" role="status">
                Layout saved.
              </span>
            )}
            <button
              className="button"
              type="button"
              onClick={() => (setEditing(true), setSave({ kind: 'idle' }))}
            >
              Edit layout
            </button>
          </div>
        )}
      </div>
      {canEdit && editing && (
        <div className="dashboard-bar" role="toolbar" aria-label="Layout">
          <span className="edit-hint">Drag a title bar to move a panel, drag a divider to resize.</span>
          {props.onSaveLayout && (
            <button
              className="button primary"
              type="button"
              disabled={save.kind === 'saving' || !dirty}
              onClick={saveLayout}
            >
              {save.kind === 'saving' ? 'Saving…' : 'Save layout'}
            </button>
          )}
          {props.onPublishLayout && (
            <button className="button" type="button" onClick={() => setPublishing((p) => !p)}>
              Publish as layout
            </button>
          )}
          <button className="button" type="button" onClick={cancel}>
            Cancel
          </button>
          {save.kind === 'failed' && (
            <div className="status error" role="alert">
              {save.lines.map((line, i) => (
                <p key={i}>{line}</p>
              ))}
            </div>
          )}
        </div>
      )}
      {editing && tiling.hidden.length > 0 && (
        <div className="hidden-panels" aria-label="Hidden panels" role="group">
          <span>Hidden panels:</span>
          {tiling.hidden.map((id) => (
            <button
              key={id}
              type="button"
              className="button small"
              aria-label={`Restore ${titleOf(id)}`}
              onClick={() => setTiling((t) => restorePanel(t, id))}
            >
              + {titleOf(id)}
            </button>
          ))}
        </div>
      )}
      {editing && publishing && props.onPublishLayout && (
        <PublishLayoutForm
          suggestedName={slug(`${plan.blueprint.name}-layout`)}
          suggestedTitle={`${plan.blueprint.title} layout`}
          onPublish={publish}
          onClose={() => setPublishing(false)}
        />
      )}
      <ParameterBar engine={engine} specs={specs} />
      {otherProblems.length > 0 && (
        <ul className="node-problems" aria-label="Problems">
          {otherProblems.flatMap(([id, list]) =>
            list.map((p, i) => (
              <li key={`${id}-${i}`} className={p.severity}>
                <strong>{nodes.get(id)?.title ?? id}:</strong> {p.message} <code>{p.code}</code>
              </li>
            )),
          )}
        </ul>
      )}
      <div className="dashboard-mosaic">
        <Mosaic<string>
          className="pt-mosaic"
          value={tiling.tree}
          onChange={(tree: MosaicNode<string> | null) => setTiling((t) => ({ ...t, tree }))}
          renderTile={renderTile}
          resize={editing ? { minimumPaneSizePx: 80, preview: true } : 'DISABLED'}
          zeroStateView={
            <div className="dashboard-empty">
              {plan.panels.length === 0
                ? 'This blueprint has no panels to show.'
                : editing
                  ? 'Every panel is hidden. Restore one from the list of hidden panels above.'
                  : 'Every panel is hidden.'}
            </div>
          }
        />
      </div>
    </div>
  );
}
