import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../runtime/compiler/builtin-registry';
import { compileBlueprint } from '../../runtime/compiler/compile';
import { benchBlueprint } from './bench-blueprint';

describe('benchBlueprint', () => {
  it('builds a valid graph of about the asked size', async () => {
    const doc = benchBlueprint(1000, 1500);
    expect(Math.abs(doc.nodes.length - 1000)).toBeLessThanOrEqual(3);
    expect(Math.abs(doc.edges.length - 1500)).toBeLessThan(100);
    const result = await compileBlueprint(doc, { registry: await builtinRegistry() });
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});
