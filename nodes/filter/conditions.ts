import type { Row, Value } from '../../runtime/engine/node-api';
import type { ColumnInfo } from '../../runtime/compiler/plan';
import { compareCells, equalCells, operandFor } from '../transform-kit/compare';

/** The operators a filter condition can use (as in the manifest). */
export type FilterOp =
  '=' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'contains' | 'is null' | 'is not null';

export interface FilterCondition {
  column: string;
  op: FilterOp;
  value?: unknown;
}

export type FilterConfig = {
  conditions: FilterCondition[];
  combine?: 'all' | 'any';
};

/** A test of one row, or the plain-words reason the condition cannot be used. */
export type CompiledCondition = { test: (row: Row) => boolean } | { problem: string };

const ORDER_TESTS: Record<'<' | '<=' | '>' | '>=', (c: number) => boolean> = {
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
};

function describe(condition: FilterCondition): string {
  return `"${condition.column} ${condition.op}${condition.value === undefined ? '' : ` ${JSON.stringify(condition.value)}`}"`;
}

function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string' && value.includes(',')) return value.split(',').map((part) => part.trim());
  return [value];
}

/**
 * Compiles one filter condition into a row test, reading its value as the column's type once. SQL-like: a
 * comparison with a null cell is false (use "is null" for those), except that `= null` means "is null" and
 * `!= null` "is not null". `contains` ignores case for text and looks for an element in lists.
 * @example
 * const c = compileCondition({ column: 'p', op: '>', value: '6' }, 'float8');
 * 'test' in c && c.test({ p: 7 }) // true
 */
export function compileCondition(
  condition: FilterCondition,
  type: ColumnInfo['type'] | undefined,
): CompiledCondition {
  const { column, op } = condition;
  if (op === 'is null') return { test: (row) => row[column] === null || row[column] === undefined };
  if (op === 'is not null') return { test: (row) => row[column] !== null && row[column] !== undefined };
  if (condition.value === undefined)
    return { problem: `The condition ${describe(condition)} has no value to compare with.` };
  if (op === 'in' || op === 'not in') {
    const items: Value[] = [];
    for (const raw of listOf(condition.value)) {
      const item = operandFor(raw, type);
      if (item === undefined)
        return {
          problem: `The condition ${describe(condition)} lists ${JSON.stringify(raw)}, which is not a ${type ?? 'value'} like the column "${column}".`,
        };
      items.push(item);
    }
    const primitive = type !== undefined && items.every((i) => i === null || typeof i !== 'object');
    const set = new Set(items);
    const member = primitive
      ? (cell: Value) => set.has(cell)
      : (cell: Value) => items.some((item) => equalCells(cell, item));
    if (op === 'in') return { test: (row) => member(row[column] ?? null) };
    return {
      test: (row) => {
        const cell = row[column];
        return cell !== null && cell !== undefined && !member(cell);
      },
    };
  }
  if (op === 'contains') {
    const needle = condition.value;
    const text = typeof needle === 'string' ? needle.toLowerCase() : String(needle).toLowerCase();
    return {
      test: (row) => {
        const cell = row[column];
        if (typeof cell === 'string') return cell.toLowerCase().includes(text);
        if (Array.isArray(cell)) return cell.some((item) => equalCells(item, needle as Value));
        return false;
      },
    };
  }
  const operand = operandFor(condition.value, type);
  if (operand === undefined)
    return {
      problem: `The condition ${describe(condition)} compares "${column}" (${type ?? 'of unknown type'}) with a value that is not of that kind.`,
    };
  if (op === '=') {
    if (operand === null) return compileCondition({ column, op: 'is null' }, type);
    return { test: (row) => equalCells(row[column], operand) };
  }
  if (op === '!=') {
    if (operand === null) return compileCondition({ column, op: 'is not null' }, type);
    return {
      test: (row) => {
        const cell = row[column];
        return cell !== null && cell !== undefined && !equalCells(cell, operand);
      },
    };
  }
  const accept = ORDER_TESTS[op];
  if (!accept) return { problem: `The condition ${describe(condition)} uses an unknown test "${op}".` };
  if (operand === null)
    return { problem: `The condition ${describe(condition)} compares with nothing (null).` };
  if (typeof operand === 'number')
    return {
      test: (row) => {
        const cell = row[column];
        return typeof cell === 'number' ? accept(cell - operand) : cellOrder(cell, operand, accept);
      },
    };
  return { test: (row) => cellOrder(row[column], operand, accept) };
}

function cellOrder(cell: Value | undefined, operand: Value, accept: (c: number) => boolean): boolean {
  const c = compareCells(cell, operand);
  return c !== null && accept(c);
}

/**
 * Combines compiled tests: every one must hold (`all`) or at least one (`any`).
 * @example combineTests([(r) => r.a === 1, (r) => r.b === 2], 'any')({ a: 1, b: 0 }) // true
 */
export function combineTests(
  tests: readonly ((row: Row) => boolean)[],
  combine: 'all' | 'any',
): (row: Row) => boolean {
  if (tests.length === 1) return tests[0];
  if (combine === 'any') return (row) => tests.some((t) => t(row));
  return (row) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i](row)) return false;
    return true;
  };
}
