import type { TextRow } from './pgoutput-decoder';
import type { WhereNode } from './where-parser';
import { compareValues } from './where-values';

/**
 * Evaluates a where clause on a row of text values with SQL's three-valued logic (null = unknown); a row belongs
 * to the shape only when the result is true.
 * @example evaluateWhere(tree, { status: 'open' }) // true
 */
export function evaluateWhere(node: WhereNode, row: TextRow): boolean | null {
  switch (node.type) {
    case 'and': {
      const left = evaluateWhere(node.left, row);
      if (left === false) return false;
      const right = evaluateWhere(node.right, row);
      if (right === false) return false;
      return left === null || right === null ? null : true;
    }
    case 'or': {
      const left = evaluateWhere(node.left, row);
      if (left === true) return true;
      const right = evaluateWhere(node.right, row);
      if (right === true) return true;
      return left === null || right === null ? null : false;
    }
    case 'not': {
      const value = evaluateWhere(node.operand, row);
      return value === null ? null : !value;
    }
    case 'const':
      return node.value;
    case 'bool': {
      const value = row[node.column.name];
      return value == null ? null : value === 't' || value === 'true';
    }
    case 'null': {
      const isNull = row[node.column.name] == null;
      return node.negated ? !isNull : isNull;
    }
    case 'compare': {
      const value = row[node.column.name];
      if (value == null || node.value.text === null) return null;
      const order = compareValues(node.column.kind, value, node.value.text, node.column.isBpchar);
      switch (node.op) {
        case '=':
          return order === 0;
        case '<>':
          return order !== 0;
        case '<':
          return order < 0;
        case '<=':
          return order <= 0;
        case '>':
          return order > 0;
        case '>=':
          return order >= 0;
      }
      return null;
    }
    case 'in': {
      const value = row[node.column.name];
      if (value == null) return null;
      let sawNull = false;
      for (const candidate of node.values) {
        if (candidate.text === null) sawNull = true;
        else if (compareValues(node.column.kind, value, candidate.text, node.column.isBpchar) === 0)
          return !node.negated;
      }
      return sawNull ? null : node.negated;
    }
    case 'like': {
      const value = row[node.column.name];
      if (value == null || node.regex === null) return null;
      const matched = node.regex.test(node.column.isBpchar ? value.replace(/ +$/, '') : value);
      return node.negated ? !matched : matched;
    }
  }
}
