import type { Value } from '../../runtime/engine/node-api';
import type { AggregateFn } from '../transform-kit/bucket-stats';

/** A queue of (index, value) pairs with O(1) pops at both ends: a monotonic deque for sliding min and max. */
class IndexDeque {
  private indices: number[] = [];
  private values: number[] = [];
  private head = 0;
  get empty(): boolean {
    return this.head >= this.indices.length;
  }
  frontIndex(): number {
    return this.indices[this.head];
  }
  frontValue(): number {
    return this.values[this.head];
  }
  backValue(): number {
    return this.values[this.values.length - 1];
  }
  push(i: number, x: number): void {
    this.indices.push(i);
    this.values.push(x);
  }
  popBack(): void {
    this.indices.pop();
    this.values.pop();
  }
  popFront(): void {
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.indices.length) {
      this.indices = this.indices.slice(this.head);
      this.values = this.values.slice(this.head);
      this.head = 0;
    }
  }
}

/**
 * Running summaries of one column over a sliding range of positions [start, end] of a series whose values
 * `valueAt(i)` gives (NaN for null). Sum and sum of squares are kept relative to a reference value (less
 * rounding error) and recomputed exactly once as many values have left as the window holds, so drift stays
 * bounded while each step stays O(1) amortised; min and max use monotonic deques.
 * @example
 * const c = new SlidingColumn((i) => [1, 5, 3][i]);
 * c.add(0); c.add(1); c.add(2); c.remove(0);
 * c.value('max', 0, 2) // 5
 */
export class SlidingColumn {
  private sum = 0;
  private sumSq = 0;
  private n = 0;
  private ref = NaN;
  private removedSinceExact = 0;
  private lastIndex = -1;
  private lastValue: number | null = null;
  private readonly mins = new IndexDeque();
  private readonly maxs = new IndexDeque();

  constructor(private readonly valueAt: (i: number) => number) {}

  /** Adds the value at position i, which must be after every position added so far. */
  add(i: number): void {
    const x = this.valueAt(i);
    if (Number.isNaN(x)) return;
    if (Number.isNaN(this.ref)) this.ref = x;
    const d = x - this.ref;
    this.sum += d;
    this.sumSq += d * d;
    this.n++;
    this.lastIndex = i;
    this.lastValue = x;
    while (!this.mins.empty && this.mins.backValue() >= x) this.mins.popBack();
    this.mins.push(i, x);
    while (!this.maxs.empty && this.maxs.backValue() <= x) this.maxs.popBack();
    this.maxs.push(i, x);
  }

  /** Removes the value at position i, which must be the oldest one in the window. */
  remove(i: number, start: number, end: number): void {
    const x = this.valueAt(i);
    if (Number.isNaN(x)) return;
    const d = x - this.ref;
    this.sum -= d;
    this.sumSq -= d * d;
    this.n--;
    if (!this.mins.empty && this.mins.frontIndex() === i) this.mins.popFront();
    if (!this.maxs.empty && this.maxs.frontIndex() === i) this.maxs.popFront();
    if (this.lastIndex === i) {
      this.lastIndex = -1;
      this.lastValue = null;
    }
    if (++this.removedSinceExact > Math.max(64, this.n)) this.exact(start, end);
  }

  /** Recomputes sum and sum of squares exactly over [start, end] (start already past the removed value). */
  private exact(start: number, end: number): void {
    this.removedSinceExact = 0;
    this.sum = 0;
    this.sumSq = 0;
    this.ref = this.lastValue ?? NaN;
    for (let i = start; i <= end; i++) {
      const x = this.valueAt(i);
      if (Number.isNaN(x)) continue;
      if (Number.isNaN(this.ref)) this.ref = x;
      const d = x - this.ref;
      this.sum += d;
      this.sumSq += d * d;
    }
  }

  /** The summary over the current window. Null when no value is there (sum and count: 0). */
  value(fn: AggregateFn): Value {
    const n = this.n;
    switch (fn) {
      case 'count':
        return n;
      case 'sum':
        return n === 0 ? 0 : this.sum + n * this.ref;
      case 'mean':
        return n === 0 ? null : this.ref + this.sum / n;
      case 'std':
        return n < 2 ? null : Math.sqrt(Math.max(0, (this.sumSq - (this.sum * this.sum) / n) / (n - 1)));
      case 'min':
        return this.mins.empty ? null : this.mins.frontValue();
      case 'max':
        return this.maxs.empty ? null : this.maxs.frontValue();
      case 'last':
        return this.lastValue;
    }
  }
}
