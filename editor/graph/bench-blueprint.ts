import type { Blueprint } from '../../runtime/compiler/document-types';

/**
 * A large, valid blueprint laid out on a grid, for the editor benchmark and tests: chains of table source →
 * derive → line chart, with a pool of parameters each feeding three derives, sized to the node and edge counts
 * asked for (as closely as the chain shape allows).
 * @example const doc = benchBlueprint(1000, 1500) // 1,000 nodes, about 1,500 edges
 */
export function benchBlueprint(nodeCount: number, edgeCount: number): Blueprint {
  // Chains of 3 nodes carry 2 edges; each derive also takes k parameter edges from a pool of p parameters.
  const params = Math.max(1, Math.round(nodeCount * 0.1));
  const chains = Math.floor((nodeCount - params) / 3);
  const perDerive = Math.max(0, Math.min(params, Math.round((edgeCount - 2 * chains) / Math.max(1, chains))));
  const nodes: Blueprint['nodes'] = [];
  const edges: Blueprint['edges'] = [];
  const perRow = Math.ceil(Math.sqrt(chains / 3));
  for (let p = 0; p < params; p++) {
    nodes.push({
      id: `p${p}`,
      type: 'core/param@^1',
      config: { name: `p${p}`, type: 'float8', default: 1 },
      position: { x: (p % 40) * 260, y: -200 - Math.floor(p / 40) * 140 },
    });
  }
  for (let c = 0; c < chains; c++) {
    const x = (c % perRow) * 840;
    const y = Math.floor(c / perRow) * 200;
    nodes.push(
      { id: `src${c}`, type: 'core/source.table@^1', config: { input: 'telemetry' }, position: { x, y } },
      {
        id: `calc${c}`,
        type: 'core/derive@^1',
        config: { columns: [{ name: 'scaled', expression: 'vibration_rms * 2' }] },
        position: { x: x + 270, y },
      },
      {
        id: `chart${c}`,
        type: 'core/chart.line@^1',
        config: { x: 'ts', y: ['scaled'], color: 'pump_id' },
        position: { x: x + 540, y },
      },
    );
    edges.push(
      { from: `src${c}.rows`, to: `calc${c}.rows` },
      { from: `calc${c}.rows`, to: `chart${c}.rows` },
    );
    for (let k = 0; k < perDerive; k++)
      edges.push({ from: `p${(c + k) % params}.value`, to: `calc${c}.params` });
  }
  return {
    schemaVersion: 1,
    name: `bench-${nodeCount}`,
    version: '1.0.0',
    title: `Benchmark blueprint with ${nodes.length} nodes`,
    inputs: {
      telemetry: {
        kind: 'table',
        columns: {
          pump_id: { type: 'text', role: 'entity' },
          ts: { type: 'timestamptz', role: 'time' },
          vibration_rms: { type: 'float8', unit: 'mm/s' },
        },
      },
    },
    nodes,
    edges,
  };
}
