import type { LogEntry } from './shape-log';
import type { TextRow } from './pgoutput-decoder';
import type { ShapeDefinition } from './shape-definition';
import { evaluateWhere } from './where-evaluate';
import { quoteIdent } from './where-sql';

/** A row change of a committed transaction, as the replication stream delivers it. */
export type RowChange =
  | { kind: 'insert'; row: TextRow }
  | { kind: 'update'; old: TextRow | null; oldIsFull: boolean; row: TextRow }
  | { kind: 'delete'; old: TextRow };

type Operation = 'insert' | 'update' | 'delete';

/**
 * Turns row changes into a shape's log entries (Electric's message format, without the `offset` field and the
 * `relation` header, which the official client does not read: fewer fields to parse per row): rows entering the where clause become
 * inserts, rows leaving it deletes; `replica=default` sends the key and changed columns of an update and only the
 * key of a delete, `replica=full` whole rows and `old_value`. Keys are `"schema"."table"/"pk"`, as Electric's.
 */
export class ShapeMessages {
  private readonly keyPrefix: string;
  private readonly columnNames: string[];
  private readonly columnJson: string[];
  private readonly pk: string[];

  constructor(private readonly definition: ShapeDefinition) {
    const { table } = definition;
    this.keyPrefix = `${quoteIdent(table.schema)}.${quoteIdent(table.name)}/`;
    this.columnNames = definition.columns.map((c) => c.name);
    this.columnJson = this.columnNames.map((n) => `${JSON.stringify(n)}:`);
    this.pk = table.primaryKey;
  }

  /**
   * The entries for one transaction's changes to this shape's table, numbered `(commitLsn-1)_1`, `_2`, ...
   * @example messages.forTransaction(changes, 23805808, 731)
   */
  forTransaction(changes: RowChange[], commitLsn: number, xid: number): LogEntry[] {
    const ops: { operation: Operation; key: string; value: string; oldValue?: string }[] = [];
    const where = this.definition.where;
    const full = this.definition.params.replica === 'full';
    const inShape = (row: TextRow) => where === null || evaluateWhere(where, row) === true;
    for (const change of changes) {
      if (change.kind === 'insert') {
        if (inShape(change.row))
          ops.push({
            operation: 'insert',
            key: this.key(change.row),
            value: this.values(change.row, this.columnNames),
          });
      } else if (change.kind === 'delete') {
        if (inShape(change.old))
          ops.push({
            operation: 'delete',
            key: this.key(change.old),
            value: this.values(change.old, full ? this.columnNames : this.pk),
          });
      } else {
        const { row } = change;
        const old = change.oldIsFull ? change.old : null;
        const newKey = this.key(row);
        const oldKey =
          change.old && this.pk.every((k) => change.old![k] !== undefined && change.old![k] !== null)
            ? this.key(change.old)
            : newKey;
        const nowIn = inShape(row);
        if (!old) {
          // No old row (the table's replica identity is not FULL): send the whole row, or a delete if it left.
          if (oldKey !== newKey)
            ops.push({ operation: 'delete', key: oldKey, value: this.values(change.old!, this.pk) });
          if (nowIn)
            ops.push({
              operation: oldKey !== newKey ? 'insert' : 'update',
              key: newKey,
              value: this.values(row, this.columnNames),
            });
          else if (oldKey === newKey)
            ops.push({ operation: 'delete', key: newKey, value: this.values(row, this.pk) });
          continue;
        }
        const wasIn = inShape(old);
        if (oldKey !== newKey) {
          if (wasIn)
            ops.push({
              operation: 'delete',
              key: oldKey,
              value: this.values(old, full ? this.columnNames : this.pk),
            });
          if (nowIn)
            ops.push({ operation: 'insert', key: newKey, value: this.values(row, this.columnNames) });
        } else if (wasIn && nowIn) {
          const changed = this.columnNames.filter((c) => row[c] !== old[c]);
          if (changed.length === 0) continue;
          ops.push({
            operation: 'update',
            key: newKey,
            value: this.values(
              row,
              full ? this.columnNames : [...this.pk, ...changed.filter((c) => !this.pk.includes(c))],
            ),
            oldValue: full ? this.values(old, changed) : undefined,
          });
        } else if (nowIn)
          ops.push({ operation: 'insert', key: newKey, value: this.values(row, this.columnNames) });
        else if (wasIn)
          ops.push({
            operation: 'delete',
            key: oldKey,
            value: this.values(old, full ? this.columnNames : this.pk),
          });
      }
    }
    const tx = commitLsn - 1;
    const lsnJson = `"lsn":"${commitLsn}"`;
    return ops.map((op, i) => {
      const offset = { tx, op: i + 1 };
      const last = i === ops.length - 1 ? ',"last":true' : '';
      const oldValue = op.oldValue ? `,"old_value":${op.oldValue}` : '';
      return {
        offset,
        line:
          `{"headers":{"operation":"${op.operation}",${lsnJson},"op_position":${i + 1},` +
          `"txids":[${xid}]${last}},"key":${op.key},"value":${op.value}${oldValue}},\n`,
      };
    });
  }

  /** The JSON string of a row's key. */
  private key(row: TextRow): string {
    let key = this.keyPrefix;
    for (let i = 0; i < this.pk.length; i++) {
      const value = row[this.pk[i]];
      key += (i > 0 ? '/' : '') + (value == null ? '_' : `"${value.replace(/\//g, '//')}"`);
    }
    return JSON.stringify(key);
  }

  /** A JSON object of the named columns' text values. */
  private values(row: TextRow, names: string[]): string {
    let out = '{';
    for (let i = 0; i < names.length; i++) {
      const value = row[names[i]];
      const index = this.columnNames.indexOf(names[i]);
      out +=
        (i > 0 ? ',' : '') +
        (index >= 0 ? this.columnJson[index] : `${JSON.stringify(names[i])}:`) +
        (value == null ? 'null' : JSON.stringify(value));
    }
    return `${out}}`;
  }
}
