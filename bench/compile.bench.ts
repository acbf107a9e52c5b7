/**
 * npm run bench:compile — compile time of generated blueprints of 100, 1,000 and 5,000 nodes.
 * Prints the median ms per compile, the growth factor per 10× nodes (1.0 = linear), and each figure as a
 * ratio to JSON.parse of the same text measured in the same run (a floor that absorbs machine noise).
 * Target: 1,000 nodes in ≤ 10 ms, near-linear growth.
 */
import { performance } from 'node:perf_hooks';
import { builtinRegistry } from '../runtime/compiler/builtin-registry';
import { compileBlueprint } from '../runtime/compiler/compile';
import { generateBlueprint } from './generate-blueprint';

const SIZES = [100, 1000, 5000];
const RUNS = Number(process.env.BENCH_RUNS ?? 25);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const registry = await builtinRegistry();
const rows: { nodes: number; edges: number; compileMs: number; parseMs: number }[] = [];
for (const size of SIZES) {
  const blueprint = generateBlueprint(size);
  const text = JSON.stringify(blueprint);
  for (let i = 0; i < 5; i++) await compileBlueprint(text, { registry });
  const compileTimes: number[] = [];
  const parseTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let start = performance.now();
    JSON.parse(text);
    parseTimes.push(performance.now() - start);
    start = performance.now();
    const result = await compileBlueprint(text, { registry });
    compileTimes.push(performance.now() - start);
    if (!result.ok) throw new Error(`generated blueprint does not compile: ${result.problems[0].message}`);
  }
  rows.push({
    nodes: size,
    edges: blueprint.edges.length,
    compileMs: median(compileTimes),
    parseMs: median(parseTimes),
  });
}

console.log(`compile benchmark: median of ${RUNS} runs each (text in → execution plan out)`);
console.log('nodes  edges  compile ms  JSON.parse ms  ratio to parse  ms per 1k nodes');
for (const r of rows) {
  console.log(
    `${String(r.nodes).padStart(5)}  ${String(r.edges).padStart(5)}  ${r.compileMs.toFixed(2).padStart(10)}  ${r.parseMs
      .toFixed(3)
      .padStart(
        13,
      )}  ${(r.compileMs / r.parseMs).toFixed(1).padStart(13)}×  ${((r.compileMs / r.nodes) * 1000).toFixed(2).padStart(15)}`,
  );
}
const [small, mid, large] = rows;
console.log(
  `growth 100 → 1,000 nodes: ${(mid.compileMs / small.compileMs).toFixed(1)}× for 10× nodes (linear = 10×)`,
);
console.log(
  `growth 1,000 → 5,000 nodes: ${(large.compileMs / mid.compileMs).toFixed(1)}× for 5× nodes (linear = 5×)`,
);
console.log(
  `target 1,000 nodes ≤ 10 ms: ${mid.compileMs <= 10 ? 'met' : 'NOT met'} (${mid.compileMs.toFixed(2)} ms)`,
);
