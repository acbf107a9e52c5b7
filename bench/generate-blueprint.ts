import type { Blueprint } from '../schemas/blueprint/blueprint.types';

/**
 * A realistic large blueprint for benchmarks: chains of source → window → filter → derive → line chart
 * over one telemetry input, 5 nodes and 4 edges per chain (plus a KPI every other chain).
 * @example generateBlueprint(1000).nodes.length // 1000
 */
export function generateBlueprint(nodeCount: number): Blueprint {
  const nodes: Blueprint['nodes'] = [];
  const edges: Blueprint['edges'] = [];
  for (let chain = 0; nodes.length < nodeCount; chain++) {
    const id = (kind: string) => `${kind}${chain}`;
    const add = (node: Blueprint['nodes'][number], from?: string) => {
      if (nodes.length >= nodeCount) return false;
      nodes.push(node);
      if (from) edges.push({ from: `${from}.rows`, to: `${node.id}.rows` });
      return true;
    };
    add({ id: id('src'), type: 'core/source.table@^1', config: { input: 'telemetry' } });
    add(
      {
        id: id('win'),
        type: 'core/window@^1',
        config: { entity: 'pump_id', time: 'ts', aggregates: [{ column: 'vibration_rms', fn: 'mean' }] },
      },
      id('src'),
    );
    add(
      {
        id: id('hot'),
        type: 'core/filter@^1',
        config: { conditions: [{ column: 'bearing_temp', op: '>', value: 70 }] },
      },
      id('win'),
    );
    add(
      {
        id: id('calc'),
        type: 'core/derive@^1',
        config: { columns: [{ name: 'ratio', expression: 'vibration_rms / vibration_rms_mean' }] },
      },
      id('hot'),
    );
    add(
      {
        id: id('chart'),
        type: 'core/chart.line@^1',
        config: { x: 'ts', y: ['ratio', 'vibration_rms_mean'], color: 'pump_id' },
      },
      id('calc'),
    );
  }
  return {
    schemaVersion: 1,
    name: `generated-${nodeCount}`,
    version: '1.0.0',
    title: `Generated blueprint with ${nodeCount} nodes`,
    inputs: {
      telemetry: {
        kind: 'table',
        columns: {
          id: { type: 'int8', role: 'key' },
          pump_id: { type: 'text', role: 'entity' },
          ts: { type: 'timestamptz', role: 'time' },
          vibration_rms: { type: 'float8', unit: 'mm/s' },
          bearing_temp: { type: 'float8', unit: 'degC' },
        },
      },
    },
    nodes,
    edges,
  };
}
