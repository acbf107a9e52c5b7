import { type RowsPart } from '../../runtime/engine/columnar-batch';
import type { Row, Value } from '../../runtime/engine/node-api';

/**
 * The rows a window node sends in one batch, by columns: each input row as it came, plus one column per
 * summary (runtime/engine/columnar-batch.ts), so no row is copied to add the summaries.
 * @example
 * const rows = new SummaryColumns(['v_mean']);
 * rows.push('1', { pump: 'A', v: 2 }, [2]);
 * rows.part(); // { keys: ['1'], base: [{ pump: 'A', v: 2 }], added: { v_mean: [2] } }
 */
export class SummaryColumns {
  readonly #names: readonly string[];
  readonly #keys: string[] = [];
  readonly #base: Row[] = [];
  readonly #values: Value[][];

  constructor(names: readonly string[]) {
    this.#names = names;
    this.#values = names.map(() => []);
  }

  get length(): number {
    return this.#keys.length;
  }

  /** Adds a row with its summaries (null: the row belongs to no window, every summary is empty). */
  push(key: string, row: Row, summaries: readonly Value[] | null): void {
    this.#keys.push(key);
    this.#base.push(row);
    for (let a = 0; a < this.#values.length; a++) this.#values[a].push(summaries ? summaries[a] : null);
  }

  /** The rows pushed so far as a part of a columnar batch (a later summary of the same name wins). */
  part(): RowsPart {
    const added: Record<string, Value[]> = {};
    this.#names.forEach((name, a) => (added[name] = this.#values[a]));
    return { keys: this.#keys, base: this.#base, added };
  }
}

/**
 * A row with its summaries set, for previews.
 * @example withSummaries({ v: 2 }, ['v_mean'], [2]) // { v: 2, v_mean: 2 }
 */
export function withSummaries(row: Row, names: readonly string[], summaries: readonly Value[] | null): Row {
  const out: Record<string, Value> = Object.assign({}, row);
  names.forEach((name, a) => (out[name] = summaries ? summaries[a] : null));
  return out;
}
