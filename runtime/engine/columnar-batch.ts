/**
 * Column-oriented change batches: a node that adds columns to the rows it receives (a window's summaries, a
 * model's predictions) can send its rows as the rows it received plus the added columns, one array per column,
 * instead of copying every row. To every other node such a batch is a plain {@link ChangeBatch}: reading its
 * `inserts` or `updates` builds the rows once (the base row's columns, then the added ones) and keeps them, so
 * several consumers share one copy. Nodes that only need a few columns read them with {@link partColumn}
 * without building any row.
 */
import type { ChangeBatch, KeyedRow, Row, Value } from './node-api';

/** One value per row: a plain array, or a typed array of numbers (e.g. a model's output tensor, kept as is). */
export type ColumnValues = ArrayLike<Value>;

/**
 * One list of a batch (its inserts or its updates), by columns: row `i` is `base[i]` with each added column's
 * `added[name][i]` set on it (an added column replaces a base column of the same name). All arrays have the
 * same length. Treated as immutable once in a batch.
 */
export interface RowsPart {
  readonly keys: readonly string[];
  readonly base: readonly Row[];
  readonly added: Readonly<Record<string, ColumnValues>>;
}

const EMPTY_PART: RowsPart = { keys: [], base: [], added: {} };

/**
 * Row `i` of a part, built: a copy of its base row with the added columns set.
 * @example rowAt({ keys: ['1'], base: [{ v: 2 }], added: { w: [4] } }, 0) // { v: 2, w: 4 }
 */
export function rowAt(part: RowsPart, i: number): Row {
  const row: Record<string, Value> = Object.assign({}, part.base[i]);
  for (const name of Object.keys(part.added)) row[name] = part.added[name][i];
  return row;
}

/** Builds a part's rows: a copy of each base row with the added columns set. */
function rowsOf(part: RowsPart): KeyedRow[] {
  const { keys, base, added } = part;
  const names = Object.keys(added);
  const columns = names.map((name) => added[name]);
  const rows = new Array<KeyedRow>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    // Object.assign, not a spread: several times faster in V8 for rows of this width (docs/decisions.md).
    const row: Record<string, Value> = Object.assign({}, base[i]);
    for (let c = 0; c < names.length; c++) row[names[c]] = columns[c][i];
    rows[i] = { key: keys[i], row };
  }
  return rows;
}

/**
 * A change batch held by columns. It is a {@link ChangeBatch} like any other (its rows are built when first
 * read); {@link partsOf} gives its columns.
 * @example
 * const batch = new ColumnarBatch({ keys: ['1'], base: [{ pump: 'A' }], added: { rul: Float32Array.of(412) } });
 * batch.inserts; // [{ key: '1', row: { pump: 'A', rul: 412 } }]
 */
export class ColumnarBatch implements ChangeBatch {
  declare readonly inserts: KeyedRow[];
  declare readonly updates: KeyedRow[];
  readonly deletes: string[];
  readonly #inserts: RowsPart;
  readonly #updates: RowsPart;
  #insertRows: KeyedRow[] | undefined;
  #updateRows: KeyedRow[] | undefined;

  /**
   * `inserts` and `updates` are own enumerable properties, as in a plain batch (so a spread or a deep equality
   * sees them), whose rows are built on first read and kept. One descriptor each for every batch (two
   * `defineProperty` calls cost V8 about half of one `defineProperties`).
   */
  static readonly #insertsProperty: PropertyDescriptor = {
    enumerable: true,
    get(this: ColumnarBatch) {
      return (this.#insertRows ??= rowsOf(this.#inserts));
    },
  };
  static readonly #updatesProperty: PropertyDescriptor = {
    enumerable: true,
    get(this: ColumnarBatch) {
      return (this.#updateRows ??= rowsOf(this.#updates));
    },
  };

  constructor(inserts: RowsPart, updates: RowsPart = EMPTY_PART, deletes: string[] = []) {
    this.#inserts = inserts;
    this.#updates = updates;
    this.deletes = deletes;
    Object.defineProperty(this, 'inserts', ColumnarBatch.#insertsProperty);
    Object.defineProperty(this, 'updates', ColumnarBatch.#updatesProperty);
  }

  /** The inserts and the updates by columns (no row is built). */
  parts(): { inserts: RowsPart; updates: RowsPart } {
    return { inserts: this.#inserts, updates: this.#updates };
  }

  /** Inserts, updates and deletes, counted without building any row. */
  get rowCount(): number {
    return this.#inserts.keys.length + this.#updates.keys.length + this.deletes.length;
  }
}

/**
 * A list of rows as a part with no added column (the rows are not copied).
 * @example rowsPart([{ key: '1', row: { v: 2 } }]) // { keys: ['1'], base: [{ v: 2 }], added: {} }
 */
export function rowsPart(rows: readonly KeyedRow[]): RowsPart {
  const keys = new Array<string>(rows.length);
  const base = new Array<Row>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    keys[i] = rows[i].key;
    base[i] = rows[i].row;
  }
  return { keys, base, added: {} };
}

/**
 * Any batch's inserts and updates as parts: a columnar batch's own columns, or a plain batch's rows as base
 * rows (nothing copied but the two lists of keys and rows).
 * @example partsOf(batch).inserts.added.rul // the predictions, when a model node sent the batch
 */
export function partsOf(batch: ChangeBatch): { inserts: RowsPart; updates: RowsPart } {
  if (batch instanceof ColumnarBatch) return batch.parts();
  return {
    inserts: batch.inserts.length === 0 ? EMPTY_PART : rowsPart(batch.inserts),
    updates: batch.updates.length === 0 ? EMPTY_PART : rowsPart(batch.updates),
  };
}

/**
 * One column of a part, one value per row: the added column itself, or the values read from the base rows
 * (undefined where a row has no such column).
 * @example partColumn(part, 'rul')[0] // the first row's rul
 */
export function partColumn(part: RowsPart, name: string): ArrayLike<Value | undefined> {
  const added = part.added[name];
  if (added) return added;
  const { base } = part;
  // Pushed, not written into a preallocated array: a packed array, like the columns nodes build, so code that
  // reads both kinds stays specialised.
  const values: (Value | undefined)[] = [];
  for (let i = 0; i < base.length; i++) values.push(base[i][name]);
  return values;
}

/**
 * Parts as one, in order. Columns added to only some of them are read from the base rows of the others, so every
 * row keeps its values (a row without the column gets null).
 * @example concatParts(inserts, updates).keys.length // inserts.keys.length + updates.keys.length
 */
export function concatParts(...parts: RowsPart[]): RowsPart {
  const filled = parts.filter((part) => part.keys.length > 0);
  if (filled.length === 0) return parts[0] ?? EMPTY_PART;
  if (filled.length === 1) return filled[0];
  const added: Record<string, ColumnValues> = {};
  for (const name of new Set(filled.flatMap((part) => Object.keys(part.added)))) {
    const values: Value[] = [];
    for (const part of filled) {
      const column = partColumn(part, name);
      for (let i = 0; i < column.length; i++) values.push(column[i] ?? null);
    }
    added[name] = values;
  }
  return {
    keys: filled.flatMap((part) => part.keys),
    base: filled.flatMap((part) => part.base),
    added,
  };
}

/**
 * Rows `start` to `end - 1` of a part (typed columns are viewed, not copied).
 * @example slicePart(all, 0, inserts) // the inserts of a combined part
 */
export function slicePart(part: RowsPart, start: number, end: number): RowsPart {
  if (start === 0 && end === part.keys.length) return part;
  if (start >= end) return EMPTY_PART;
  const added: Record<string, ColumnValues> = {};
  for (const [name, values] of Object.entries(part.added))
    added[name] = ArrayBuffer.isView(values)
      ? (values as unknown as Float64Array).subarray(start, end)
      : Array.prototype.slice.call(values, start, end);
  return { keys: part.keys.slice(start, end), base: part.base.slice(start, end), added };
}
