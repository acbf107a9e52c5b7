import { describe, expect, it } from 'vitest';
import { copyFragment, emptyBlueprint, idBaseOf, renameFragment, uniqueId, upstreamOf } from './document-ops';

describe('document operations', () => {
  it('derives readable, valid node ids from type references', () => {
    expect(idBaseOf('core/chart.line@^1')).toBe('chart-line');
    expect(idBaseOf('model/3d.viewer@^2')).toBe('d-viewer');
    expect(uniqueId('filter', new Set())).toBe('filter');
    expect(uniqueId('filter', new Set(['filter', 'filter-2']))).toBe('filter-3');
    expect(uniqueId('filter-2', new Set(['filter-2']))).toBe('filter-3');
  });

  it('copies only edges between copied nodes and renames them on paste', () => {
    const doc = {
      ...emptyBlueprint(),
      nodes: [
        { id: 'a', type: 't/a@^1' },
        { id: 'b', type: 't/b@^1', position: { x: 10, y: 20 } },
        { id: 'c', type: 't/c@^1' },
      ],
      edges: [
        { from: 'a.rows', to: 'b.rows' },
        { from: 'b.rows', to: 'c.rows' },
      ],
    };
    const fragment = copyFragment(doc, ['a', 'b']);
    expect(fragment.edges).toEqual([{ from: 'a.rows', to: 'b.rows' }]);
    const pasted = renameFragment(fragment, new Set(['a', 'b', 'c']), { x: 40, y: 40 });
    expect(pasted.nodes.map((n) => [n.id, n.position])).toEqual([
      ['a-2', { x: 40, y: 40 }],
      ['b-2', { x: 50, y: 60 }],
    ]);
    expect(pasted.edges).toEqual([{ from: 'a-2.rows', to: 'b-2.rows' }]);
    expect(doc.nodes[1].position).toEqual({ x: 10, y: 20 });
  });

  it('keeps only what feeds a node', () => {
    const doc = {
      ...emptyBlueprint(),
      nodes: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, type: 't/x@^1' })),
      edges: [
        { from: 'a.rows', to: 'b.rows' },
        { from: 'b.rows', to: 'c.rows' },
        { from: 'd.rows', to: 'e.rows' },
        { from: 'c.rows', to: 'e.rows' },
      ],
    };
    const up = upstreamOf(doc, 'c');
    expect(up.nodes.map((n) => n.id)).toEqual(['a', 'b', 'c']);
    expect(up.edges).toHaveLength(2);
  });
});
