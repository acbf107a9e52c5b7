import { ShapeRequestError } from './shape-request-error';

/** A token of the supported where-clause subset. Identifiers are already unquoted (and lower-cased unless quoted). */
export type WhereToken =
  | { type: 'word'; text: string; upper: string; at: number }
  | { type: 'quoted'; text: string; at: number }
  | { type: 'string'; text: string; at: number }
  | { type: 'number'; text: string; at: number }
  | { type: 'param'; index: number; at: number }
  | { type: 'op'; text: '=' | '<>' | '<' | '<=' | '>' | '>='; at: number }
  | { type: '(' | ')' | ','; at: number }
  | { type: 'end'; at: number };

const MAX_LENGTH = 8192;

/**
 * Splits a where clause into tokens, refusing (with the position and the reason) anything outside the subset:
 * comments, semicolons, casts, arithmetic, escape strings, dollar quoting.
 * @example tokenizeWhere("status = 'open'").map((t) => t.type) // ['word', 'op', 'string', 'end']
 */
export function tokenizeWhere(where: string): WhereToken[] {
  if (where.length > MAX_LENGTH)
    throw new ShapeRequestError(`The where clause is longer than ${MAX_LENGTH} characters.`);
  const tokens: WhereToken[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new ShapeRequestError(`The where clause cannot be used: ${why} (at character ${i + 1}).`);
  };
  while (i < where.length) {
    const ch = where[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const at = i;
    if (where.startsWith('--', i) || where.startsWith('/*', i)) fail('comments are not allowed');
    if (ch === ';') fail('a semicolon would end the statement, and only one condition is allowed');
    if (where.startsWith('::', i)) fail('type casts (::) are not supported; compare the column with a value');
    if (ch === "'") {
      let text = '';
      i++;
      for (;;) {
        if (i >= where.length) {
          i = at;
          fail('a quoted value is not closed');
        }
        if (where[i] === "'") {
          if (where[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += where[i++];
      }
      tokens.push({ type: 'string', text, at });
      continue;
    }
    if (ch === '"') {
      let text = '';
      i++;
      for (;;) {
        if (i >= where.length) {
          i = at;
          fail('a quoted column name is not closed');
        }
        if (where[i] === '"') {
          if (where[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += where[i++];
      }
      if (text === '') fail('a quoted column name is empty');
      tokens.push({ type: 'quoted', text, at });
      continue;
    }
    if (ch === '$') {
      const match = /^\$(\d{1,4})/.exec(where.slice(i));
      if (!match) fail('"$" must start a positional parameter such as $1 (dollar quoting is not supported)');
      tokens.push({ type: 'param', index: Number(match![1]), at });
      i += match![0].length;
      continue;
    }
    const previous = tokens[tokens.length - 1];
    const valueExpected =
      !previous || previous.type === 'op' || previous.type === '(' || previous.type === ',';
    const number = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(where.slice(ch === '-' ? i + 1 : i));
    if (number && (ch !== '-' || valueExpected)) {
      const text = (ch === '-' ? '-' : '') + number[0];
      i += text.length;
      if (/^[A-Za-z_]/.test(where[i] ?? '')) fail('a number runs into a word');
      tokens.push({ type: 'number', text, at });
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(where.slice(i));
    if (word) {
      i += word[0].length;
      if (where[i] === "'") {
        i = at;
        fail("escape and typed strings such as E'...' are not supported; write a plain '...' value");
      }
      tokens.push({ type: 'word', text: word[0].toLowerCase(), upper: word[0].toUpperCase(), at });
      continue;
    }
    const op = /^(<>|!=|<=|>=|=|<|>)/.exec(where.slice(i));
    if (op) {
      i += op[0].length;
      tokens.push({
        type: 'op',
        text: op[0] === '!=' ? '<>' : (op[0] as '=' | '<>' | '<' | '<=' | '>' | '>='),
        at,
      });
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ type: ch, at });
      i++;
      continue;
    }
    fail(`"${ch}" is not supported (only comparisons, AND, OR, NOT, IN, IS [NOT] NULL, LIKE and ILIKE are)`);
  }
  tokens.push({ type: 'end', at: where.length });
  return tokens;
}
