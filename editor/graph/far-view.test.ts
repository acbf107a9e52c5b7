import { Position } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import type { NodeManifest } from '../../runtime/compiler/document-types';
import { edgeEnds, farBox, farEdgeLook, farEdgePath, farNodeHeight, type FarNode } from './far-view';
import { withDragPositions, type BlueprintFlowNode } from './flow-model';

function internal(x: number, y: number, width: number, height: number, handles?: boolean): FarNode {
  return {
    measured: { width, height },
    internals: {
      positionAbsolute: { x, y },
      z: 0,
      userNode: {} as never,
      handleBounds: handles
        ? {
            source: [
              {
                id: 'rows',
                nodeId: 'n',
                type: 'source',
                position: Position.Right,
                x: 214,
                y: 50,
                width: 10,
                height: 10,
              },
            ],
            target: [
              {
                id: 'rows',
                nodeId: 'n',
                type: 'target',
                position: Position.Left,
                x: -4,
                y: 60,
                width: 10,
                height: 10,
              },
            ],
          }
        : undefined,
    },
  };
}

const manifest = (inputs: number, outputs: number) =>
  ({
    inputs: Object.fromEntries(Array.from({ length: inputs }, (_, i) => [`in${i}`, { kind: 'table' }])),
    outputs: Object.fromEntries(Array.from({ length: outputs }, (_, i) => [`out${i}`, { kind: 'table' }])),
    category: 'transform',
  }) as unknown as NodeManifest;

describe('far view geometry', () => {
  it('estimates a never-measured node as taller the more ports a side has', () => {
    expect(farNodeHeight(manifest(1, 1))).toBe(74);
    expect(farNodeHeight(manifest(3, 1))).toBe(110);
    expect(farNodeHeight(undefined)).toBe(66);
  });

  it('runs a connection between measured handles, or between the nodes’ side middles when none were measured', () => {
    const edge = { source: 'a', target: 'b', sourceHandle: 'rows', targetHandle: 'rows' };
    const measured = new Map([
      ['a', internal(0, 0, 220, 100, true)],
      ['b', internal(400, 20, 220, 100, true)],
    ]);
    expect(edgeEnds(edge, measured)).toEqual({ sx: 219, sy: 55, tx: 401, ty: 85 });
    const boxes = new Map([
      ['a', internal(0, 0, 220, 100)],
      ['b', internal(400, 20, 220, 80)],
    ]);
    expect(edgeEnds(edge, boxes)).toEqual({ sx: 220, sy: 50, tx: 400, ty: 60 });
    expect(farEdgePath(edge, boxes)).toBe('M220 50C310 50 310 60 400 60');
    expect(edgeEnds({ ...edge, target: 'gone' }, boxes)).toBeNull();
  });

  it('bends a connection running backwards so that it still leaves and enters sideways', () => {
    const boxes = new Map([
      ['a', internal(400, 0, 100, 100)],
      ['b', internal(0, 0, 100, 100)],
    ]);
    expect(farEdgePath({ source: 'a', target: 'b' }, boxes)).toBe('M500 50C750 50 -250 50 0 50');
  });

  it('colours connections by selection first, then by problem', () => {
    expect(farEdgeLook({ selected: true, className: 'pt-edge-problem' })).toBe('selected');
    expect(farEdgeLook({ className: 'pt-edge-problem' })).toBe('problem');
    expect(farEdgeLook({})).toBe('plain');
  });

  it('draws a node’s box where it is, coloured by its category, problem and selection', () => {
    const node = {
      ...internal(10, 20, 220, 90),
      selected: true,
      data: {
        node: { id: 'calc', type: 'core/derive@^1' },
        manifest: manifest(1, 1),
        problems: [{ severity: 'error', code: 'PT131', message: 'x' }],
        preview: undefined,
        size: undefined,
      },
    } as unknown as Parameters<typeof farBox>[0];
    expect(farBox(node)).toEqual({
      x: 10,
      y: 20,
      width: 220,
      height: 90,
      className: 'pt-far-box pt-cat-transform pt-far-box-problem pt-far-box-selected',
    });
  });
});

describe('drag positions', () => {
  const nodes = [
    { id: 'a', type: 'blueprint', position: { x: 0, y: 0 }, data: {} },
    { id: 'b', type: 'blueprint', position: { x: 300, y: 0 }, data: {} },
  ] as unknown as BlueprintFlowNode[];

  it('moves only the dragged nodes, keeping every other node object as it was', () => {
    const shown = withDragPositions(nodes, new Map([['b', { x: 340, y: 25 }]]));
    expect(shown[0]).toBe(nodes[0]);
    expect(shown[1]).toMatchObject({ id: 'b', position: { x: 340, y: 25 }, dragging: true });
    expect(nodes[1].position).toEqual({ x: 300, y: 0 });
    expect(withDragPositions(nodes, new Map())).toBe(nodes);
  });
});
