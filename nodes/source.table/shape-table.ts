import type { ColumnInfo } from '../../runtime/compiler/plan';
import { ChangeQueue } from '../../runtime/engine/change-queue';
import type { ChangeBatch, Row, Value } from '../../runtime/engine/node-api';
import { normaliseValue } from '../../runtime/engine/value-conventions';

/** One change as a shape delivers it: the row's key, the operation, and its (possibly partial) values. */
export interface ShapeChange {
  key: string;
  operation: 'insert' | 'update' | 'delete';
  value: Record<string, unknown>;
}

/** What a shape table noticed that the node should tell the viewer about. */
export interface ShapeTableIssues {
  /** Declared columns the shape did not carry. */
  missing: Set<string>;
  /** Declared columns holding values that could not be read as the declared type. */
  unreadable: Set<string>;
}

/**
 * The rows of one shape as the source node keeps them: key → whole row in the blueprint's column names and the
 * runtime's value conventions, at most `maxRows` of them (the oldest dropped first). Turns shape changes into
 * change batches: updates carry the whole merged row, a re-insert of a known key is an update, a delete of an
 * unknown key is ignored.
 * @example
 * ```ts
 * const table = new ShapeTable(columns, { maxRows: 1000, mapping: { ts: 'recorded_at' } });
 * const batch = table.apply([{ key: 'k1', operation: 'insert', value: { id: '1', recorded_at: '2024-01-01' } }]);
 * ```
 */
export class ShapeTable {
  readonly #rows = new Map<string, Row>();
  readonly #columns: readonly ColumnInfo[];
  readonly #maxRows: number;
  readonly #mapping: Readonly<Record<string, string>>;
  readonly #optional: ReadonlySet<string>;
  readonly issues: ShapeTableIssues = { missing: new Set(), unreadable: new Set() };

  constructor(
    columns: readonly ColumnInfo[],
    options: { maxRows: number; mapping?: Readonly<Record<string, string>>; optional?: ReadonlySet<string> },
  ) {
    this.#optional = options.optional ?? new Set();
    this.#columns = columns;
    this.#maxRows = Math.max(1, options.maxRows);
    this.#mapping = options.mapping ?? {};
  }

  /** How many rows are held. */
  get size(): number {
    return this.#rows.size;
  }

  /** The rows held, oldest first. */
  rows(): IterableIterator<[string, Row]> {
    return this.#rows.entries();
  }

  /** Applies shape changes in order and returns their net effect as one batch. */
  apply(changes: readonly ShapeChange[]): ChangeBatch {
    const queue = new ChangeQueue();
    for (const change of changes) {
      const { key } = change;
      const known = this.#rows.get(key);
      if (change.operation === 'delete') {
        if (!known) continue;
        this.#rows.delete(key);
        queue.push({ inserts: [], updates: [], deletes: [key] });
        continue;
      }
      const row = this.#convert(change.value, change.operation === 'update' ? known : undefined);
      this.#rows.set(key, row);
      if (known) queue.push({ inserts: [], updates: [{ key, row }], deletes: [] });
      else queue.push({ inserts: [{ key, row }], updates: [], deletes: [] });
    }
    // Keep the newest rows: Map order is arrival order, and an update keeps a row's place.
    for (const key of this.#rows.keys()) {
      if (this.#rows.size <= this.#maxRows) break;
      this.#rows.delete(key);
      queue.push({ inserts: [], updates: [], deletes: [key] });
    }
    return queue.take();
  }

  /** Forgets every row (a must-refetch), returning the batch that deletes them downstream. */
  clear(): ChangeBatch {
    const deletes = [...this.#rows.keys()];
    this.#rows.clear();
    return { inserts: [], updates: [], deletes };
  }

  #convert(value: Record<string, unknown>, previous: Row | undefined): Row {
    const row: Record<string, Value> = previous ? { ...previous } : {};
    for (const column of this.#columns) {
      const source = Object.hasOwn(this.#mapping, column.name) ? this.#mapping[column.name] : column.name;
      if (!Object.hasOwn(value, source)) {
        // A partial update leaves the column as it was; a new row without it has it null.
        if (!previous) {
          row[column.name] = null;
          if (!this.#optional.has(column.name)) this.issues.missing.add(column.name);
        }
        continue;
      }
      const normalised = normaliseValue(value[source], column.type);
      if (normalised.failed) this.issues.unreadable.add(column.name);
      row[column.name] = normalised.value;
    }
    return row;
  }
}
