/**
 * A test page that mounts the graph editor alone, for end-to-end tests and the editor benchmark.
 * `?bench=N` opens a generated blueprint of N nodes; `window.ptGraph` exposes the store so tests can read the
 * document the user built and benchmarks can time renders.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { Blueprint } from '../../runtime/compiler/document-types';
import { GraphEditorPage } from '../graph/GraphEditorPage';
import type { GraphStore } from '../graph/graph-store';
import type { NodePreview } from '../graph/flow-model';
import { benchBlueprint } from '../graph/bench-blueprint';

declare global {
  interface Window {
    ptGraph?: {
      store: GraphStore;
      saved: Blueprint[];
      published: Blueprint[];
      startedAt: number;
      /** Shows live previews on nodes, as the runtime will (row count and sample by node id). */
      setPreviews(previews: Record<string, NodePreview>): void;
    };
  }
}

const params = new URLSearchParams(location.search);
const size = Number(params.get('bench') ?? '0');
const initial = size > 0 ? benchBlueprint(size, Math.round(size * 1.5)) : undefined;
const saved: Blueprint[] = [];
const published: Blueprint[] = [];
const startedAt = performance.now();

let showPreviews: (previews: Record<string, NodePreview>) => void = () => {};

function Harness() {
  const [previews, setPreviews] = useState<ReadonlyMap<string, NodePreview>>(new Map());
  showPreviews = (given) => setPreviews(new Map(Object.entries(given)));
  return (
    <GraphEditorPage
      initial={initial}
      previews={previews}
      onStore={(store) => {
        window.ptGraph = { store, saved, published, startedAt, setPreviews: (p) => showPreviews(p) };
      }}
      onSaveDraft={(doc) => {
        saved.push(doc);
      }}
      onPublish={(doc) => {
        published.push(doc);
      }}
    />
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Harness />
  </StrictMode>,
);
