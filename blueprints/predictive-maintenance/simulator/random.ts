/**
 * A small seeded random number generator whose whole state is one 32-bit integer, so a pump's state (and with
 * it the simulation) stays plain data: the same seed gives the same numbers on every machine.
 */

/** The generator state: an unsigned 32-bit integer. */
export type RandomState = number;

/**
 * Mixes a seed and a stream number into a well-spread starting state (splitmix32), so pump 3 of seed 7 and
 * pump 4 of seed 7 draw unrelated numbers.
 * @example const state = seedState(42, 3)
 */
export function seedState(seed: number, stream = 0): RandomState {
  let z = (Math.imul(seed | 0, 0x9e3779b9) + Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/**
 * The next number in [0, 1) and the next state (mulberry32).
 * @example const [u, next] = nextUniform(seedState(1))
 */
export function nextUniform(state: RandomState): [number, RandomState] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next];
}

/**
 * A mutable cursor over a random state, for code that draws many numbers in a row; `state` is the state after
 * the numbers drawn so far.
 * @example
 * const r = new RandomCursor(seedState(1));
 * const z = r.normal(); // standard normal
 */
export class RandomCursor {
  constructor(public state: RandomState) {}

  /** Uniform in [0, 1). */
  uniform(): number {
    const [u, next] = nextUniform(this.state);
    this.state = next;
    return u;
  }

  /** Standard normal (Box–Muller; one of the pair, so the state advances by two draws). */
  normal(): number {
    const u1 = Math.max(this.uniform(), 1e-12);
    const u2 = this.uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Log-normal with mean 1 and the given log-space spread. */
  meanOneLogNormal(sigma: number): number {
    return Math.exp(sigma * this.normal() - (sigma * sigma) / 2);
  }

  /** An element of a list, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.min(items.length - 1, Math.floor(this.uniform() * items.length))];
  }
}
