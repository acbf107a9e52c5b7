import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemCatalogue } from '../../schemas/problems';
import { builtinRegistry } from './builtin-registry';
import { compileBlueprint } from './compile';
import type { NodeTypeRegistry } from './registry';

const fixtures = fileURLToPath(new URL('./fixtures/valid/', import.meta.url));
const seeds: unknown[] = readdirSync(fixtures).map((f) =>
  JSON.parse(readFileSync(`${fixtures}${f}`, 'utf8')),
);
const CODES = new Set(Object.keys(problemCatalogue));
const RUNS = 10_000;

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function leaves(value: unknown): unknown[] {
  return paths(value).map((p) =>
    p.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value),
  );
}

/** One random edit of a JSON document: delete, replace (with random JSON or a value found elsewhere), duplicate. */
const mutation = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('delete', 'random', 'transplant', 'duplicate', 'stringify', 'rename'),
  random: fc.jsonValue({ maxDepth: 2 }),
  pick: fc.nat(),
  text: fc.string({ maxLength: 12 }),
});

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function applyMutation(doc: unknown, m: Mutation): unknown {
  const all = paths(doc);
  const path = all[m.at % all.length];
  if (path.length === 0) return m.op === 'random' ? m.random : doc;
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], doc) as
    Record<string, unknown> | unknown[];
  const key = path[path.length - 1];
  const pool = leaves(doc);
  const current = (parent as Record<string | number, unknown>)[key];
  switch (m.op) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key as string];
      break;
    case 'random':
      (parent as Record<string | number, unknown>)[key] = m.random;
      break;
    case 'transplant':
      (parent as Record<string | number, unknown>)[key] = structuredClone(pool[m.pick % pool.length]);
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.splice(Number(key), 0, structuredClone(current));
      else (parent as Record<string, unknown>)[`${String(key)}${m.text}`] = structuredClone(current);
      break;
    case 'stringify':
      (parent as Record<string | number, unknown>)[key] =
        typeof current === 'string' ? `${current}${m.text}` : m.text;
      break;
    case 'rename':
      if (!Array.isArray(parent)) {
        delete parent[key as string];
        parent[m.text] = current;
      }
      break;
  }
  return doc;
}

let registry: NodeTypeRegistry;
beforeAll(async () => {
  registry = await builtinRegistry();
});

describe('the compiler on randomly damaged blueprints', () => {
  it(`never throws and answers every invalid input with coded problems (${RUNS} cases)`, async () => {
    let invalid = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: seeds.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (seed, mutations, asText) => {
          let doc = structuredClone(seeds[seed]);
          for (const m of mutations) doc = applyMutation(doc, m);
          const input = asText ? (JSON.stringify(doc) ?? '') : doc;
          const result = await compileBlueprint(input, { registry });
          for (const p of result.problems) {
            expect(CODES.has(p.code)).toBe(true);
            expect(typeof p.message).toBe('string');
            expect(p.message.length).toBeGreaterThan(10);
            expect(typeof p.pointer).toBe('string');
          }
          if (result.ok) {
            for (const node of result.plan.nodes) expect(node.config).toBeTypeOf('object');
            for (const edge of result.plan.edges)
              expect(['table', 'value', 'media', 'scene']).toContain(edge.kind);
          } else {
            invalid++;
            expect(result.problems.some((p) => p.severity === 'error')).toBe(true);
          }
        },
      ),
      { numRuns: RUNS, seed: Number(process.env.FC_SEED ?? 20261125) },
    );
    // The mutations must actually break most blueprints, or the property proves little.
    expect(invalid).toBeGreaterThan(RUNS / 2);
  }, 120_000);
});
