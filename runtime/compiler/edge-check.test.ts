import semver from 'semver';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinRegistry } from './builtin-registry';
import type { Blueprint } from './document-types';
import { analyseGraph, checkNewEdge, type ManifestLookup } from './edge-check';
import { splitTypeRef } from './context';

let lookup: ManifestLookup;
beforeAll(async () => {
  const registry = await builtinRegistry();
  lookup = (ref) => {
    const { typeId, range } = splitTypeRef(ref);
    const version = semver.maxSatisfying([...registry.versions(typeId)], range);
    return version ? registry.manifest(typeId, version)?.manifest : undefined;
  };
});

function blueprint(): Blueprint {
  return {
    schemaVersion: 1,
    name: 'pumps',
    version: '1.0.0',
    title: 'Pumps',
    inputs: {
      telemetry: {
        kind: 'table',
        columns: {
          pump_id: { type: 'text' },
          ts: { type: 'timestamptz' },
          vibration: { type: 'float8' },
        },
      },
    },
    nodes: [
      { id: 'src', type: 'core/source.table@^1', config: { input: 'telemetry' } },
      {
        id: 'keep',
        type: 'core/filter@^1',
        config: { conditions: [{ column: 'vibration', op: '>', value: 2 }] },
      },
      { id: 'trend', type: 'core/chart.line@^1', config: { x: 'ts', y: ['vibration'] } },
      { id: 'bad', type: 'core/chart.line@^1', config: { x: 'ts', y: ['pump_id'] } },
      { id: 'level', type: 'core/param@^1', config: { name: 'level', type: 'float8', default: 1 } },
    ],
    edges: [{ from: 'src.rows', to: 'keep.rows' }],
  };
}

describe('checkNewEdge', () => {
  it('accepts an edge whose columns arrive with accepted types', () => {
    expect(checkNewEdge(blueprint(), { from: 'keep.rows', to: 'trend.rows' }, lookup)).toEqual({ ok: true });
  });

  it('refuses a column of the wrong type with the compiler message', () => {
    const verdict = checkNewEdge(blueprint(), { from: 'keep.rows', to: 'bad.rows' }, lookup);
    expect(verdict).toMatchObject({ ok: false, code: 'PT131' });
    expect(!verdict.ok && verdict.message).toContain('pump_id');
  });

  it('refuses a column that does not arrive', () => {
    const doc = blueprint();
    doc.nodes[2].config = { x: 'ts', y: ['temperature'] };
    const verdict = checkNewEdge(doc, { from: 'src.rows', to: 'trend.rows' }, lookup);
    expect(verdict).toMatchObject({ ok: false, code: 'PT130' });
    expect(!verdict.ok && verdict.message).toContain('temperature');
  });

  it('refuses ports of different kinds', () => {
    const verdict = checkNewEdge(blueprint(), { from: 'level.value', to: 'trend.rows' }, lookup);
    expect(verdict).toMatchObject({ ok: false, code: 'PT113' });
  });

  it('refuses a second connection into a single-connection input', () => {
    const verdict = checkNewEdge(blueprint(), { from: 'src.rows', to: 'keep.rows' }, lookup);
    expect(verdict.ok).toBe(false);
  });

  it('refuses a second edge into a port that takes one', () => {
    const doc = blueprint();
    doc.edges.push({ from: 'keep.rows', to: 'trend.rows' });
    expect(checkNewEdge(doc, { from: 'src.rows', to: 'trend.rows' }, lookup)).toMatchObject({
      ok: false,
      code: 'PT114',
    });
  });

  it('refuses an edge that closes a loop', () => {
    const doc = blueprint();
    doc.nodes.push({
      id: 'keep2',
      type: 'core/filter@^1',
      config: { conditions: [{ column: 'ts', op: 'is null' }] },
    });
    doc.edges = [{ from: 'keep.rows', to: 'keep2.rows' }];
    const verdict = checkNewEdge(doc, { from: 'keep2.rows', to: 'keep.rows' }, lookup);
    expect(verdict).toMatchObject({ ok: false, code: 'PT120' });
  });
});

describe('analyseGraph', () => {
  it('infers the columns on each table edge', () => {
    const { edgeColumns } = analyseGraph(blueprint(), lookup);
    expect(edgeColumns.get('src.rows->keep.rows')?.map((c) => c.name)).toEqual([
      'pump_id',
      'ts',
      'vibration',
    ]);
  });
});
