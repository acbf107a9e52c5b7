/**
 * The search behind core/optimise: for each subject (an entity or a row), the value of one model input in
 * [min, max] that gives the best predicted objective, optionally under a constraint on another output.
 * A grid of candidates is evaluated in one call for all subjects, then the best candidate's bracket is refined
 * by golden-section search (one call per step for all subjects). Pure: the model is behind `evaluate`.
 */

export interface SearchOptions {
  min: number;
  max: number;
  /** Grid points, ends included (≥ 2). */
  candidates: number;
  goal: 'minimise' | 'maximise';
  constraint?: { op: '<=' | '>='; bound: number };
  /** Golden-section steps after the grid; 0 to keep the grid's best. */
  refineSteps: number;
}

/** One model evaluation asked for: subject `subject` with the varied input set to `value`. */
export interface Probe {
  subject: number;
  value: number;
}

/** What the model predicts for a probe: the objective and the constrained output (NaN when not predicted). */
export interface Outcome {
  objective: number;
  constrained: number;
}

/** The best value found for a subject. */
export interface Best {
  value: number;
  objective: number;
  /** Whether the constraint holds at `value` (true when there is none). */
  feasible: boolean;
}

/** Evaluates a list of probes in one model call, outcomes in the same order. */
export type Evaluate = (probes: Probe[]) => Promise<Outcome[]>;

const GOLDEN = (Math.sqrt(5) - 1) / 2;

interface Scored extends Best {
  /** Lower is better: the signed objective when feasible; Infinity otherwise. */
  score: number;
  /** How far the constraint is missed (0 when it holds). */
  violation: number;
}

function scorer(options: SearchOptions): (value: number, outcome: Outcome) => Scored | undefined {
  const sign = options.goal === 'maximise' ? -1 : 1;
  const { constraint } = options;
  return (value, { objective, constrained }) => {
    if (!Number.isFinite(objective)) return undefined;
    let violation = 0;
    if (constraint) {
      if (!Number.isFinite(constrained)) return undefined;
      const gap = constraint.op === '<=' ? constrained - constraint.bound : constraint.bound - constrained;
      // A relative tolerance of float32 precision, so a boundary value is not refused for rounding.
      violation = gap > 1e-6 * Math.max(1, Math.abs(constraint.bound)) ? gap : 0;
    }
    const feasible = violation === 0;
    return { value, objective, feasible, violation, score: feasible ? sign * objective : Infinity };
  };
}

function better(a: Scored | undefined, b: Scored | undefined): boolean {
  if (!a) return false;
  if (!b) return true;
  if (a.feasible !== b.feasible) return a.feasible;
  return a.feasible ? a.score < b.score : a.violation < b.violation;
}

/**
 * Finds the best value for each of `subjects` subjects. Returns undefined for a subject the model gave no
 * prediction for (e.g. a feature that is not a number).
 * @example
 * const best = await searchBest(1, { min: 0, max: 10, candidates: 21, goal: 'minimise', refineSteps: 30 },
 *   async (probes) => probes.map((p) => ({ objective: (p.value - 3) ** 2, constrained: NaN })));
 * // best[0].value ≈ 3
 */
export async function searchBest(
  subjects: number,
  options: SearchOptions,
  evaluate: Evaluate,
): Promise<(Best | undefined)[]> {
  const score = scorer(options);
  const { min, max } = options;
  const count = Math.max(2, Math.floor(options.candidates));
  const step = (max - min) / (count - 1);
  const grid = Array.from({ length: count }, (_, k) => (k === count - 1 ? max : min + k * step));
  const probes: Probe[] = [];
  for (let s = 0; s < subjects; s++) for (const value of grid) probes.push({ subject: s, value });
  const outcomes = await evaluate(probes);
  const best: (Scored | undefined)[] = new Array(subjects).fill(undefined);
  const bestIndex = new Int32Array(subjects);
  for (let i = 0; i < probes.length; i++) {
    const scored = score(probes[i].value, outcomes[i]);
    const s = probes[i].subject;
    if (better(scored, best[s])) {
      best[s] = scored;
      bestIndex[s] = i % count;
    }
  }
  if (options.refineSteps > 0) await refine(best, bestIndex, grid, options.refineSteps, score, evaluate);
  return best.map((b) => b && { value: b.value, objective: b.objective, feasible: b.feasible });
}

async function refine(
  best: (Scored | undefined)[],
  bestIndex: Int32Array,
  grid: number[],
  steps: number,
  score: ReturnType<typeof scorer>,
  evaluate: Evaluate,
): Promise<void> {
  // Only subjects whose best grid point meets the constraint are refined (around it, within its neighbours).
  const subjects = best.flatMap((b, s) => (b?.feasible ? [s] : []));
  if (subjects.length === 0) return;
  const lo = subjects.map((s) => grid[Math.max(0, bestIndex[s] - 1)]);
  const hi = subjects.map((s) => grid[Math.min(grid.length - 1, bestIndex[s] + 1)]);
  const c = subjects.map((_, i) => hi[i] - GOLDEN * (hi[i] - lo[i]));
  const d = subjects.map((_, i) => lo[i] + GOLDEN * (hi[i] - lo[i]));
  const first = await evaluate([
    ...subjects.map((subject, i) => ({ subject, value: c[i] })),
    ...subjects.map((subject, i) => ({ subject, value: d[i] })),
  ]);
  const keep = (i: number, scored: Scored | undefined) => {
    if (better(scored, best[subjects[i]])) best[subjects[i]] = scored;
    return scored?.score ?? Infinity;
  };
  const fc = subjects.map((_, i) => keep(i, score(c[i], first[i])));
  const fd = subjects.map((_, i) => keep(i, score(d[i], first[subjects.length + i])));
  const probedLow: boolean[] = subjects.map(() => false);
  for (let step = 0; step < steps; step++) {
    const probes: Probe[] = subjects.map((subject, i) => {
      probedLow[i] = fc[i] < fd[i];
      if (probedLow[i]) {
        // The best lies in [lo, d]: d becomes the upper end, c the new d, a new c is probed.
        hi[i] = d[i];
        d[i] = c[i];
        fd[i] = fc[i];
        c[i] = hi[i] - GOLDEN * (hi[i] - lo[i]);
        return { subject, value: c[i] };
      }
      lo[i] = c[i];
      c[i] = d[i];
      fc[i] = fd[i];
      d[i] = lo[i] + GOLDEN * (hi[i] - lo[i]);
      return { subject, value: d[i] };
    });
    const outcomes = await evaluate(probes);
    subjects.forEach((_, i) => {
      const result = keep(i, score(probes[i].value, outcomes[i]));
      if (probedLow[i]) fc[i] = result;
      else fd[i] = result;
    });
  }
}
