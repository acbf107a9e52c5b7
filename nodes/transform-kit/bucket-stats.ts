import type { Value } from '../../runtime/engine/node-api';

/** The summaries a window or a resample bucket can compute. */
export type AggregateFn = 'mean' | 'min' | 'max' | 'std' | 'sum' | 'count' | 'last';

/**
 * Summaries of one column over a group of rows that grows one value at a time (Welford's method for mean and
 * standard deviation). Removing a value is not supported: rebuild with `reset` and `add` instead.
 * `last` is the value of the latest row by (time, key).
 * @example
 * const s = new BucketStats();
 * s.add(2, 0, 'a'); s.add(4, 1, 'b');
 * s.value('mean') // 3
 */
export class BucketStats {
  private n = 0;
  private sum = 0;
  private mean = 0;
  private m2 = 0;
  private min = Infinity;
  private max = -Infinity;
  private last: number | null = null;
  private lastTime = -Infinity;
  private lastKey = '';

  /** Forgets every value. */
  reset(): void {
    this.n = 0;
    this.sum = 0;
    this.mean = 0;
    this.m2 = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.last = null;
    this.lastTime = -Infinity;
    this.lastKey = '';
  }

  /** Adds a value (NaN for null: ignored) of the row at this time with this key. */
  add(x: number, time: number, key: string): void {
    if (Number.isNaN(x)) return;
    this.n++;
    this.sum += x;
    const delta = x - this.mean;
    this.mean += delta / this.n;
    this.m2 += delta * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    if (time > this.lastTime || (time === this.lastTime && key > this.lastKey)) {
      this.last = x;
      this.lastTime = time;
      this.lastKey = key;
    }
  }

  /** The summary so far. Null when there is no value (sum and count: 0); std needs two values (n − 1). */
  value(fn: AggregateFn): Value {
    const n = this.n;
    switch (fn) {
      case 'count':
        return n;
      case 'sum':
        return this.sum;
      case 'mean':
        return n === 0 ? null : this.mean;
      case 'std':
        return n < 2 ? null : Math.sqrt(this.m2 / (n - 1));
      case 'min':
        return n === 0 ? null : this.min;
      case 'max':
        return n === 0 ? null : this.max;
      case 'last':
        return this.last;
    }
  }
}
