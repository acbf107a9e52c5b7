import { useReactFlow } from '@xyflow/react';
import { memo, useMemo, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { NodeManifest } from '../../runtime/compiler/document-types';
import { CATEGORIES, matchesSearch } from './catalogue';
import { useGraphEditor } from './editor-context';
import { NODE_DRAG_TYPE } from './GraphCanvas';
import { newNode } from './node-factory';

function NodePaletteInner() {
  const { store, catalogue } = useGraphEditor();
  const flow = useReactFlow();
  const [query, setQuery] = useState('');
  const groups = useMemo(
    () =>
      CATEGORIES.map((category) => ({
        ...category,
        items: catalogue.manifests.filter((m) => m.category === category.id && matchesSearch(m, query)),
      })),
    [catalogue, query],
  );
  const found = groups.reduce((n, g) => n + g.items.length, 0);

  const addAtCentre = (manifest: NodeManifest) => {
    const box = document.querySelector('.pt-canvas')?.getBoundingClientRect();
    const centre = box
      ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 })
      : { x: 0, y: 0 };
    const state = store.getState();
    const taken = new Set(state.doc.nodes.map((n) => n.id));
    // Each new node lands a little lower than the last so that nodes added in a row do not hide each other.
    const offset = (state.doc.nodes.length % 6) * 30;
    state.addNode(newNode(manifest, { x: centre.x - 110 + offset, y: centre.y - 50 + offset }, taken));
  };

  return (
    <aside className="pt-palette" aria-label="Node types">
      <h2>Add a node</h2>
      <p className="pt-hint">Drag a node onto the canvas, or click it to add it in the middle.</p>
      <input
        type="search"
        className="pt-input"
        placeholder="Search, e.g. chart, filter, csv"
        aria-label="Search node types"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {found === 0 && <p className="pt-hint">No node type matches “{query}”. Try another word.</p>}
      {groups.map(
        (group) =>
          group.items.length > 0 && (
            <section key={group.id} className="pt-palette-group">
              <h3 className={`pt-cat-label pt-cat-${group.id}`}>
                {group.title} <small>{group.hint}</small>
              </h3>
              <ul>
                {group.items.map((m) => (
                  <li key={m.id}>
                    <button
                      type="button"
                      className={`pt-palette-item pt-cat-${m.category}`}
                      draggable
                      data-type-id={m.id}
                      title={m.description}
                      aria-label={`Add ${m.title}: ${m.description ?? ''}`}
                      onDragStart={(e: DragEvent) => {
                        e.dataTransfer.setData(NODE_DRAG_TYPE, m.id);
                        e.dataTransfer.effectAllowed = 'copy';
                      }}
                      onClick={() => addAtCentre(m)}
                      onKeyDown={(e: KeyboardEvent) => {
                        if (e.key === 'Enter') {
                          e.preventDefault();
                          addAtCentre(m);
                        }
                      }}
                    >
                      <span className="pt-palette-title">{m.title}</span>
                      <span className="pt-palette-desc">{m.description}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ),
      )}
    </aside>
  );
}

/**
 * The list of node types: search, grouped by category; drag one onto the canvas, or click / Enter to add it.
 * @example <NodePalette />
 */
export const NodePalette = memo(NodePaletteInner);
