import { describe, expect, it } from 'vitest';
import type { Blueprint } from '../../runtime/compiler/document-types';
import { COALESCE_MS, createGraphStore, HISTORY_LIMIT } from './graph-store';

function doc(): Blueprint {
  return {
    schemaVersion: 1,
    name: 'pumps',
    version: '1.0.0',
    title: 'Pumps',
    nodes: [
      { id: 'src', type: 'core/source.table@^1', config: { input: 'telemetry' }, position: { x: 0, y: 0 } },
      { id: 'keep', type: 'core/filter@^1', config: {}, position: { x: 200, y: 0 } },
      { id: 'trend', type: 'core/chart.line@^1', config: {}, position: { x: 400, y: 0 } },
    ],
    edges: [
      { from: 'src.rows', to: 'keep.rows' },
      { from: 'keep.rows', to: 'trend.rows' },
    ],
  };
}

describe('graph store', () => {
  it('undoes and redoes every kind of edit', () => {
    const clock = { t: 0 };
    const store = createGraphStore(doc(), () => (clock.t += COALESCE_MS * 2));
    const s = () => store.getState();
    const start = s().doc;
    s().addNode({ id: 'kpi', type: 'core/kpi@^1', config: {} });
    s().connect({ from: 'keep.rows', to: 'kpi.rows' });
    s().setConfig('kpi', { value: 'rul' });
    s().setHeader({ title: 'Pump fleet' });
    expect(s().doc.title).toBe('Pump fleet');
    expect(s().past).toHaveLength(4);
    s().undo();
    expect(s().doc.title).toBe('Pumps');
    s().undo();
    expect(s().doc.nodes.find((n) => n.id === 'kpi')?.config).toEqual({});
    s().undo();
    s().undo();
    expect(s().doc).toBe(start);
    s().undo();
    expect(s().doc).toBe(start);
    s().redo();
    s().redo();
    expect(s().doc.edges).toHaveLength(3);
    s().addNode({ id: 'x', type: 'core/kpi@^1' });
    expect(s().future).toHaveLength(0);
  });

  it('makes a whole drag one undo step', () => {
    const store = createGraphStore(doc());
    const s = () => store.getState();
    s().beginGesture();
    for (let x = 1; x <= 50; x++) s().moveNodes([{ id: 'src', x, y: x }]);
    s().endGesture();
    expect(s().doc.nodes[0].position).toEqual({ x: 50, y: 50 });
    expect(s().past).toHaveLength(1);
    s().undo();
    expect(s().doc.nodes[0].position).toEqual({ x: 0, y: 0 });
  });

  it('adds no step for a gesture that changed nothing', () => {
    const store = createGraphStore(doc());
    store.getState().beginGesture();
    store.getState().endGesture();
    expect(store.getState().past).toHaveLength(0);
  });

  it('merges quick edits of the same field and keeps slow ones apart', () => {
    const clock = { t: 0 };
    const store = createGraphStore(doc(), () => clock.t);
    const s = () => store.getState();
    s().setConfig('keep', { combine: 'a' });
    clock.t += 100;
    s().setConfig('keep', { combine: 'an' });
    clock.t += 100;
    s().setConfig('keep', { combine: 'any' });
    expect(s().past).toHaveLength(1);
    clock.t += COALESCE_MS + 1;
    s().setConfig('keep', { combine: 'all' });
    expect(s().past).toHaveLength(2);
    s().undo();
    expect(s().doc.nodes[1].config).toEqual({ combine: 'any' });
    s().setConfig('keep', { combine: 'x' }, 'combine');
    s().setConfig('keep', { combine: 'x', other: 1 }, 'other');
    s().endTyping();
    s().setConfig('keep', { combine: 'x', other: 2 }, 'other');
    expect(s().past).toHaveLength(4);
  });

  it('deletes the selection with the edges touching it', () => {
    const store = createGraphStore(doc());
    store.getState().select(['keep'], []);
    store.getState().deleteSelection();
    expect(store.getState().doc.nodes.map((n) => n.id)).toEqual(['src', 'trend']);
    expect(store.getState().doc.edges).toEqual([]);
    store.getState().undo();
    expect(store.getState().doc.edges).toHaveLength(2);
  });

  it('deletes a selected edge alone', () => {
    const store = createGraphStore(doc());
    store.getState().select([], ['src.rows->keep.rows']);
    store.getState().deleteSelection();
    expect(store.getState().doc.edges).toEqual([{ from: 'keep.rows', to: 'trend.rows' }]);
    expect(store.getState().doc.nodes).toHaveLength(3);
  });

  it('pastes copies with new ids, offset, and their internal edges', () => {
    const store = createGraphStore(doc());
    const s = () => store.getState();
    s().select(['src', 'keep'], []);
    s().copySelection();
    s().paste();
    s().paste();
    const ids = s().doc.nodes.map((n) => n.id);
    expect(ids).toEqual(['src', 'keep', 'trend', 'src-2', 'keep-2', 'src-3', 'keep-3']);
    expect(s().doc.nodes[3].position).toEqual({ x: 40, y: 40 });
    expect(s().doc.nodes[5].position).toEqual({ x: 80, y: 80 });
    expect(s().doc.edges.slice(2)).toEqual([
      { from: 'src-2.rows', to: 'keep-2.rows' },
      { from: 'src-3.rows', to: 'keep-3.rows' },
    ]);
    expect([...s().selectedNodes]).toEqual(['src-3', 'keep-3']);
    expect(s().past).toHaveLength(2);
    s().undo();
    expect([...s().selectedNodes]).toEqual([]);
  });

  it('duplicates the selection in one step', () => {
    const store = createGraphStore(doc());
    store.getState().select(['trend'], []);
    store.getState().duplicateSelection();
    expect(store.getState().doc.nodes.map((n) => n.id)).toContain('trend-2');
    expect(store.getState().past).toHaveLength(1);
  });

  it('replaces the document as an undoable step and keeps history bounded', () => {
    const store = createGraphStore(doc());
    const s = () => store.getState();
    const other = { ...doc(), title: 'Imported', nodes: [], edges: [] };
    s().replaceDocument(other);
    expect(s().doc.title).toBe('Imported');
    s().undo();
    expect(s().doc.nodes).toHaveLength(3);
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) s().moveNodes([{ id: 'src', x: i + 1, y: 0 }]);
    expect(s().past).toHaveLength(HISTORY_LIMIT);
  });

  it('ignores a connection that already exists', () => {
    const store = createGraphStore(doc());
    store.getState().connect({ from: 'src.rows', to: 'keep.rows' });
    expect(store.getState().past).toHaveLength(0);
  });
});
