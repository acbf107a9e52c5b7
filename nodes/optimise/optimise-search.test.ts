import { describe, expect, it } from 'vitest';
import { searchBest, type Evaluate, type Probe } from './optimise-search';

/** objective = (x − target[s])², constrained = x: a bowl per subject. */
function bowl(targets: number[], calls: Probe[][]): Evaluate {
  return async (probes) => {
    calls.push(probes);
    return probes.map((p) => ({ objective: (p.value - targets[p.subject]) ** 2, constrained: p.value }));
  };
}

const BASE = { min: -5, max: 5, candidates: 11, goal: 'minimise' as const, refineSteps: 40 };

describe('searchBest', () => {
  it('finds each subject optimum, the grid in one call and one call per refine step', async () => {
    const calls: Probe[][] = [];
    const best = await searchBest(3, BASE, bowl([1.234, -4.1, 2.5], calls));
    expect(best.map((b) => b?.value)).toEqual([
      expect.closeTo(1.234, 6),
      expect.closeTo(-4.1, 6),
      expect.closeTo(2.5, 6),
    ]);
    expect(calls[0]).toHaveLength(33);
    expect(calls).toHaveLength(1 + 1 + 40);
    expect(calls[1]).toHaveLength(6);
    expect(calls.slice(2).every((c) => c.length === 3)).toBe(true);
  });

  it('keeps the grid best when refining is off', async () => {
    const best = await searchBest(1, { ...BASE, refineSteps: 0 }, bowl([1.234], []));
    expect(best[0]).toEqual({ value: 1, objective: expect.closeTo(0.234 ** 2, 9), feasible: true });
  });

  it('maximises', async () => {
    const best = await searchBest(1, { ...BASE, goal: 'maximise' }, bowl([1], []));
    expect(best[0]?.value).toBe(-5);
    expect(best[0]?.objective).toBe(36);
  });

  it('respects a limit, ending on its boundary', async () => {
    const best = await searchBest(1, { ...BASE, constraint: { op: '<=', bound: 0.7 } }, bowl([2], []));
    expect(best[0]?.value).toBeCloseTo(0.7, 5);
    expect(best[0]?.feasible).toBe(true);
  });

  it('says when no value meets the limit, giving the closest miss', async () => {
    const best = await searchBest(1, { ...BASE, constraint: { op: '>=', bound: 9 } }, bowl([0], []));
    expect(best[0]).toEqual({ value: 5, objective: 25, feasible: false });
  });

  it('gives nothing for a subject the model could not predict', async () => {
    const best = await searchBest(2, BASE, async (probes) =>
      probes.map((p) => ({
        objective: p.subject === 1 ? Number.NaN : p.value ** 2,
        constrained: Number.NaN,
      })),
    );
    expect(best[0]?.value).toBeCloseTo(0, 6);
    expect(best[1]).toBeUndefined();
  });
});
