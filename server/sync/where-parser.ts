import { ShapeRequestError } from './shape-request-error';
import type { ColumnInfo, TableInfo } from './table-catalog';
import { tokenizeWhere, type WhereToken } from './where-lexer';
import { likePattern, normalizeValue } from './where-values';

/** A value in a condition: the canonical text of a literal or a `$n` parameter (null for NULL). */
export interface WhereValue {
  text: string | null;
}

export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

/** A parsed where clause: columns are checked against the table and values against the column types. */
export type WhereNode =
  | { type: 'and' | 'or'; left: WhereNode; right: WhereNode }
  | { type: 'not'; operand: WhereNode }
  | { type: 'const'; value: boolean }
  | { type: 'bool'; column: ColumnInfo }
  | { type: 'compare'; op: CompareOp; column: ColumnInfo; value: WhereValue }
  | { type: 'in'; column: ColumnInfo; values: WhereValue[]; negated: boolean }
  | { type: 'null'; column: ColumnInfo; negated: boolean }
  | {
      type: 'like';
      column: ColumnInfo;
      pattern: WhereValue;
      regex: RegExp | null;
      ilike: boolean;
      negated: boolean;
    };

const MAX_DEPTH = 64;
const MAX_IN = 1000;
const FLIPPED: Record<CompareOp, CompareOp> = {
  '=': '=',
  '<>': '<>',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
};
const RESERVED = new Set(['AND', 'OR', 'NOT', 'IN', 'IS', 'NULL', 'LIKE', 'ILIKE', 'TRUE', 'FALSE']);

type Operand =
  { kind: 'column'; column: ColumnInfo; at: number } | { kind: 'value'; raw: string | null; at: number };

/**
 * Parses a shape's where clause into a checked tree. Supported: comparisons (= <> != < <= > >=) between a column
 * and a value, AND, OR, NOT, parentheses, IN (...), IS [NOT] NULL, [NOT] LIKE / ILIKE, TRUE/FALSE, boolean columns
 * and positional parameters `$1` whose values come from `params[1]`. Anything else is refused with the reason.
 * @example parseWhere("status = 'open' AND pump_id IN ($1, $2)", table, { 1: 'p1', 2: 'p2' })
 */
export function parseWhere(where: string, table: TableInfo, params: Record<string, string>): WhereNode {
  const tokens = tokenizeWhere(where);
  let position = 0;
  const peek = (): WhereToken => tokens[position];
  const next = (): WhereToken => tokens[position++];
  const fail = (token: WhereToken, why: string): never => {
    throw new ShapeRequestError(`The where clause cannot be used: ${why} (at character ${token.at + 1}).`);
  };
  const isWord = (token: WhereToken, upper: string) => token.type === 'word' && token.upper === upper;
  const expectWord = (upper: string) => {
    const token = next();
    if (!isWord(token, upper)) fail(token, `expected ${upper}`);
  };

  function column(name: string, token: WhereToken): ColumnInfo {
    const found = table.columns.find((c) => c.name === name);
    if (!found)
      fail(
        token,
        `there is no column "${name}" in ${table.schema}.${table.name} (its columns: ${table.columns.map((c) => c.name).join(', ')})`,
      );
    return found!;
  }

  function operand(): Operand {
    const token = next();
    switch (token.type) {
      case 'quoted':
        return { kind: 'column', column: column(token.text, token), at: token.at };
      case 'word':
        if (peek().type === '(') fail(token, `function calls such as ${token.text}(...) are not supported`);
        if (token.upper === 'NULL') return { kind: 'value', raw: null, at: token.at };
        if (token.upper === 'TRUE' || token.upper === 'FALSE')
          return { kind: 'value', raw: token.upper.toLowerCase(), at: token.at };
        if (token.upper === 'SELECT') fail(token, 'subqueries are not supported');
        if (RESERVED.has(token.upper)) fail(token, `${token.upper} cannot stand here`);
        return { kind: 'column', column: column(token.text, token), at: token.at };
      case 'string':
      case 'number':
        return { kind: 'value', raw: token.text, at: token.at };
      case 'param': {
        const value = params[String(token.index)];
        if (value === undefined)
          fail(token, `$${token.index} is used but params[${token.index}] is not given`);
        return { kind: 'value', raw: value, at: token.at };
      }
      default:
        return fail(
          token,
          token.type === 'end' ? 'the condition ends too early' : `unexpected "${token.type}"`,
        );
    }
  }

  function value(op: Operand, col: ColumnInfo, what: string): WhereValue {
    if (op.kind === 'column')
      return fail(tokens[position - 1], `compare a column with a value, not with another column`);
    if (op.raw === null) return { text: null };
    const text = normalizeValue(col.kind, op.raw);
    if (text === null)
      fail(
        { type: 'end', at: op.at },
        `${JSON.stringify(op.raw)} is not a valid ${col.typeName} for ${what} "${col.name}"`,
      );
    return { text };
  }

  function filterable(col: ColumnInfo, token: WhereToken) {
    if (col.kind === 'other')
      fail(
        token,
        `column "${col.name}" has type ${col.typeName}${col.dims ? '[]' : ''}, which can only be tested with IS [NOT] NULL`,
      );
  }

  function predicate(depth: number): WhereNode {
    const start = peek();
    if (start.type === '(') {
      next();
      const inner = orExpr(depth + 1);
      const close = next();
      if (close.type !== ')') fail(close, 'a "(" is not closed');
      return inner;
    }
    const left = operand();
    const token = peek();
    if (token.type === 'op') {
      next();
      const right = operand();
      const [col, val, op] =
        left.kind === 'column'
          ? [left.column, right, token.text]
          : right.kind === 'column'
            ? [right.column, left, FLIPPED[token.text]]
            : fail(token, 'one side of a comparison must be a column');
      filterable(col, token);
      if (op !== '=' && op !== '<>' && col.kind === 'enum')
        fail(token, `enum column "${col.name}" can only be compared with = or <>`);
      return { type: 'compare', op, column: col, value: value(val, col, 'column') };
    }
    if (left.kind === 'value') {
      if (left.raw === 'true' || left.raw === 'false') return { type: 'const', value: left.raw === 'true' };
      return fail(start, 'a value on its own is not a condition');
    }
    const col = left.column;
    if (isWord(token, 'IS')) {
      next();
      const negated = isWord(peek(), 'NOT') ? (next(), true) : false;
      expectWord('NULL');
      return { type: 'null', column: col, negated };
    }
    const negated = isWord(token, 'NOT') ? (next(), true) : false;
    const keyword = peek();
    if (isWord(keyword, 'IN')) {
      next();
      filterable(col, keyword);
      if (next().type !== '(') fail(keyword, 'IN must be followed by a list in parentheses');
      const values: WhereValue[] = [];
      for (;;) {
        values.push(value(operand(), col, 'column'));
        if (values.length > MAX_IN) fail(keyword, `an IN list may hold at most ${MAX_IN} values`);
        const separator = next();
        if (separator.type === ')') break;
        if (separator.type !== ',') fail(separator, 'expected "," or ")" in the IN list');
      }
      return { type: 'in', column: col, values, negated };
    }
    if (isWord(keyword, 'LIKE') || isWord(keyword, 'ILIKE')) {
      next();
      if (col.kind !== 'text')
        fail(keyword, `LIKE needs a text column, and "${col.name}" is ${col.typeName}`);
      const pattern = value(operand(), col, 'column');
      const ilike = isWord(keyword, 'ILIKE');
      return {
        type: 'like',
        column: col,
        pattern,
        regex: pattern.text === null ? null : likePattern(pattern.text, ilike),
        ilike,
        negated,
      };
    }
    if (negated) fail(keyword, 'NOT here must be followed by IN, LIKE or ILIKE');
    if (col.kind !== 'bool') fail(token, `"${col.name}" is not a boolean column, so it needs a comparison`);
    return { type: 'bool', column: col };
  }

  function notExpr(depth: number): WhereNode {
    if (depth > MAX_DEPTH) fail(peek(), 'the condition is nested too deeply');
    if (isWord(peek(), 'NOT')) {
      next();
      return { type: 'not', operand: notExpr(depth + 1) };
    }
    return predicate(depth);
  }

  function andExpr(depth: number): WhereNode {
    let left = notExpr(depth);
    while (isWord(peek(), 'AND')) {
      next();
      left = { type: 'and', left, right: notExpr(depth) };
    }
    return left;
  }

  function orExpr(depth: number): WhereNode {
    let left = andExpr(depth);
    while (isWord(peek(), 'OR')) {
      next();
      left = { type: 'or', left, right: andExpr(depth) };
    }
    return left;
  }

  const tree = orExpr(0);
  const end = peek();
  if (end.type !== 'end')
    fail(end, `unexpected ${end.type === 'word' ? `"${end.text}"` : `"${end.type}"`} after the condition`);
  return tree;
}
