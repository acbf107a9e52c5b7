import { describe, expect, it } from 'vitest';
import type { MosaicNode } from 'react-mosaic-component';
import type { Layout } from '../../schemas/layout/layout.types';
import {
  defaultTree,
  hidePanel,
  layoutFromTiling,
  leavesOf,
  restorePanel,
  tilingFromLayout,
} from './layout-tree';

const nested: Layout = {
  kind: 'mosaic',
  name: 'ops-wall',
  title: 'Operations wall',
  root: {
    direction: 'column',
    first: { direction: 'row', first: 'kpi', second: 'trend', splitPercentage: 30 },
    second: 'table',
    splitPercentage: 40,
  },
  hidden: ['health'],
  panels: { trend: { title: 'Vibration' } },
};
const panels = ['kpi', 'trend', 'table', 'health'];

describe('layout documents and mosaic trees', () => {
  it('round-trips a layout: splits, sizes, hidden panels and the other fields come back unchanged', () => {
    const tiling = tilingFromLayout(nested, panels);
    expect(tiling.tree).toEqual({
      type: 'split',
      direction: 'column',
      splitPercentages: [40, 60],
      children: [
        { type: 'split', direction: 'row', splitPercentages: [30, 70], children: ['kpi', 'trend'] },
        'table',
      ],
    });
    expect(tiling.hidden).toEqual(['health']);
    const { root, hidden, ...rest } = nested;
    expect(layoutFromTiling(tiling, rest)).toEqual({ ...rest, root, hidden });
  });

  it('keeps splits without a size without one, and a single panel as a bare id', () => {
    const even: Layout = { kind: 'mosaic', root: { direction: 'row', first: 'kpi', second: 'trend' } };
    expect(layoutFromTiling(tilingFromLayout(even, ['kpi', 'trend']))).toEqual(even);
    expect(layoutFromTiling(tilingFromLayout({ kind: 'mosaic', root: 'kpi' }, ['kpi']))).toEqual({
      kind: 'mosaic',
      root: 'kpi',
    });
  });

  it('turns a split of three (as a mosaic drop makes) into nested halves with the same sizes', () => {
    const three: MosaicNode<string> = {
      type: 'split',
      direction: 'row',
      children: ['a', 'b', 'c'],
      splitPercentages: [20, 30, 50],
    };
    const layout = layoutFromTiling({ tree: three, hidden: [] });
    expect(layout.root).toEqual({
      direction: 'row',
      first: 'a',
      splitPercentage: 20,
      second: { direction: 'row', first: 'b', second: 'c', splitPercentage: 37.5 },
    });
    // 37.5% of the remaining 80% is 30% of the whole: sizes survive the conversion.
    const back = tilingFromLayout(layout, ['a', 'b', 'c']).tree as { children: unknown[] };
    expect(leavesOf(back as MosaicNode<string>)).toEqual(['a', 'b', 'c']);
  });

  it('gives panels missing from the layout a place below, and drops panels the plan does not have', () => {
    const layout: Layout = {
      kind: 'mosaic',
      root: { direction: 'row', first: 'gone', second: 'kpi', splitPercentage: 25 },
      hidden: ['also-gone'],
    };
    const tiling = tilingFromLayout(layout, ['kpi', 'trend', 'table']);
    expect(tiling.hidden).toEqual([]);
    expect(tiling.tree).toEqual({
      type: 'split',
      direction: 'column',
      splitPercentages: [70, 30],
      children: ['kpi', { type: 'split', direction: 'row', children: ['trend', 'table'] }],
    });
  });

  it('shows a panel once even when a layout names it twice, and never shows a hidden one', () => {
    const layout: Layout = {
      kind: 'mosaic',
      root: {
        direction: 'row',
        first: 'kpi',
        second: { direction: 'column', first: 'kpi', second: 'trend' },
      },
      hidden: ['trend'],
    };
    const tiling = tilingFromLayout(layout, ['kpi', 'trend']);
    expect(tiling).toEqual({ tree: 'kpi', hidden: ['trend'] });
  });

  it('tiles panels by default in rows of at most √n, and an empty plan as nothing', () => {
    expect(tilingFromLayout(undefined, [])).toEqual({ tree: null, hidden: [] });
    expect(defaultTree(['a'])).toBe('a');
    expect(defaultTree(['a', 'b', 'c', 'd', 'e'])).toEqual({
      type: 'split',
      direction: 'column',
      children: [
        { type: 'split', direction: 'row', children: ['a', 'b', 'c'] },
        { type: 'split', direction: 'row', children: ['d', 'e'] },
      ],
    });
    expect(layoutFromTiling({ tree: null, hidden: [] })).toEqual({ kind: 'mosaic', root: null });
  });
});

describe('hiding and restoring panels', () => {
  it('hides a panel, collapsing its split, and restores it to the right', () => {
    const start = tilingFromLayout(nested, panels);
    const hidden = hidePanel(start, 'trend');
    expect(hidden.hidden).toEqual(['health', 'trend']);
    expect(hidden.tree).toEqual({
      type: 'split',
      direction: 'column',
      splitPercentages: [40, 60],
      children: ['kpi', 'table'],
    });
    const restored = restorePanel(hidden, 'trend');
    expect(restored.hidden).toEqual(['health']);
    expect(leavesOf(restored.tree)).toEqual(['kpi', 'table', 'trend']);
    expect(layoutFromTiling(restored).hidden).toEqual(['health']);
  });

  it('rescales the remaining sizes when a split of three loses one', () => {
    const tree: MosaicNode<string> = {
      type: 'split',
      direction: 'row',
      children: ['a', 'b', 'c'],
      splitPercentages: [20, 30, 50],
    };
    expect(hidePanel({ tree, hidden: [] }, 'b').tree).toEqual({
      type: 'split',
      direction: 'row',
      children: ['a', 'c'],
      splitPercentages: [(20 / 70) * 100, (50 / 70) * 100],
    });
  });

  it('hides the last panel into an empty dashboard and brings it back alone', () => {
    const empty = hidePanel({ tree: 'a', hidden: [] }, 'a');
    expect(empty).toEqual({ tree: null, hidden: ['a'] });
    expect(layoutFromTiling(empty)).toEqual({ kind: 'mosaic', root: null, hidden: ['a'] });
    expect(restorePanel(empty, 'a')).toEqual({ tree: 'a', hidden: [] });
  });

  it('leaves the tiling alone for a panel that is not there', () => {
    const tiling = { tree: 'a', hidden: ['b'] };
    expect(hidePanel(tiling, 'zzz')).toBe(tiling);
    expect(restorePanel(tiling, 'a')).toBe(tiling);
  });
});
