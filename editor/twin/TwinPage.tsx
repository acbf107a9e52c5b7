import { useEffect, useMemo, useState } from 'react';
import { createEngine } from '../../runtime/engine/engine';
import type { Engine } from '../../runtime/engine/engine-types';
import type { RuntimeServices } from '../../runtime/engine/node-api';
import type { Layout } from '../../schemas/layout/layout.types';
import { builtinImplementations } from '../../nodes/implementations';
import { TwinDashboard } from '../dashboard/TwinDashboard';
import { ShareSettings } from '../deploy/ShareSettings';
import { apiRequest } from './api-client';
import { loadTwin, TwinLoadError, type LoadedTwin, type TwinSource } from './load-twin';
import { twinServices } from './twin-services';

type PageState =
  | { kind: 'loading' }
  | { kind: 'failed'; code: string; message: string; problems: { code: string; message: string }[] }
  | { kind: 'ready'; twin: LoadedTwin; engine: Engine; services: RuntimeServices };

/**
 * The page of one twin, at `/twins/<id>` (signed-in viewers) or `/shared/<token>` (read-only, no login): loads
 * the twin and its blueprint, compiles the plan in the browser, runs it with the engine and shows the dashboard.
 * The engine is disposed when the page is left.
 * @example <TwinPage source={{ kind: 'twin', id }} />
 */
export function TwinPage({ source }: { source: TwinSource }) {
  const [state, setState] = useState<PageState>({ kind: 'loading' });
  const key = source.kind === 'twin' ? `twin:${source.id}` : `shared:${source.token}`;
  useEffect(() => {
    let left = false;
    let engine: Engine | null = null;
    setState({ kind: 'loading' });
    loadTwin(source).then(
      (twin) => {
        if (left) return;
        const services = twinServices({
          source,
          bindings: twin.document.bindings,
          inputs: twin.plan.inputs,
          origin: window.location.origin,
        });
        engine = createEngine(twin.plan, { implementations: builtinImplementations, services });
        // Panels draw as soon as their nodes exist; start() resolves once every source has started.
        void engine.start();
        setState({ kind: 'ready', twin, engine, services });
        document.title = `${twin.title} · ProjectTwin`;
      },
      (error: unknown) => {
        if (left) return;
        const known = error instanceof TwinLoadError;
        setState({
          kind: 'failed',
          code: known ? error.code : 'PTR504',
          message: known
            ? error.message
            : `The twin could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
          problems: known ? error.problems : [],
        });
      },
    );
    return () => {
      left = true;
      void engine?.dispose();
    };
    // `key` identifies the source; the object itself may be a new one on each render.
  }, [key]);

  if (state.kind === 'loading') {
    return (
      <div className="twin-page">
        <p className="page-message" role="status">
          Loading the twin…
        </p>
      </div>
    );
  }
  if (state.kind === 'failed') {
    return (
      <div className="twin-page">
        <div className="page-message error" role="alert">
          <h2>This twin cannot be shown</h2>
          <p>{state.message}</p>
          {state.problems.length > 0 && (
            <ul className="load-problems">
              {state.problems.map((p, i) => (
                <li key={i}>
                  {p.message} <code>{p.code}</code>
                </li>
              ))}
            </ul>
          )}
          <p className="hint">Problem code {state.code}</p>
        </div>
      </div>
    );
  }
  return <ReadyTwin twin={state.twin} engine={state.engine} services={state.services} />;
}

function ReadyTwin({
  twin,
  engine,
  services,
}: {
  twin: LoadedTwin;
  engine: Engine;
  services: RuntimeServices;
}) {
  const readOnly = twin.source.kind === 'shared';
  const layout = (twin.document.layout ?? twin.plan.layout) as Layout | undefined;
  const inputValue = useMemo(() => (input: string) => services.inputValue?.(input), [services]);
  const save = async (next: Layout) => {
    await apiRequest('PATCH', `/api/twins/${encodeURIComponent(twin.id)}`, { layout: next });
  };
  const publish = async (document: Layout) => {
    await apiRequest('POST', `/api/layouts/${encodeURIComponent(document.name ?? '')}/versions`, document);
  };
  const heading = (
    <>
      <div className="twin-heading">
        <h1>{twin.title}</h1>
        <span className="twin-meta">
          {twin.plan.blueprint.title} · {twin.document.blueprint.name}@{twin.document.blueprint.version}
        </span>
        {readOnly && <span className="badge">Shared view · read-only</span>}
      </div>
      {twin.document.description && <p className="twin-description">{twin.document.description}</p>}
      {!readOnly && twin.canEdit && (
        <details className="twin-share">
          <summary>Share this twin</summary>
          <ShareSettings twinId={twin.id} visibility={twin.visibility} />
        </details>
      )}
    </>
  );
  return (
    <div className="twin-page">
      <TwinDashboard
        plan={twin.plan}
        engine={engine}
        layout={layout}
        heading={heading}
        inputValue={inputValue}
        onSaveLayout={!readOnly && twin.canEdit ? save : undefined}
        onPublishLayout={!readOnly && twin.signedIn ? publish : undefined}
      />
    </div>
  );
}
