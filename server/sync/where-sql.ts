import type { ColumnInfo } from './table-catalog';
import type { WhereNode, WhereValue } from './where-parser';

/**
 * Quotes an identifier for SQL.
 * @example quoteIdent('Status-Check') // '"Status-Check"'
 */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Turns a parsed where clause into SQL for the snapshot query. Every value becomes a bound parameter cast to the
 * column's type (numbered from `firstParam`); identifiers come from the catalog and are quoted; text is ordered
 * with COLLATE "C" so that Postgres and the change evaluator agree.
 * @example compileWhere(tree) // { sql: '"status" = $1::text', params: ['open'] }
 */
export function compileWhere(tree: WhereNode, firstParam = 1): { sql: string; params: (string | null)[] } {
  const params: (string | null)[] = [];
  const bind = (column: ColumnInfo, value: WhereValue): string => {
    params.push(value.text);
    return `$${firstParam + params.length - 1}::${column.sqlType}`;
  };
  const columnSql = (column: ColumnInfo, ordered: boolean) =>
    ordered && column.kind === 'text' ? `${quoteIdent(column.name)} COLLATE "C"` : quoteIdent(column.name);

  const walk = (node: WhereNode): string => {
    switch (node.type) {
      case 'and':
      case 'or':
        return `(${walk(node.left)} ${node.type.toUpperCase()} ${walk(node.right)})`;
      case 'not':
        return `(NOT ${walk(node.operand)})`;
      case 'const':
        return node.value ? 'true' : 'false';
      case 'bool':
        return quoteIdent(node.column.name);
      case 'compare':
        return `${columnSql(node.column, node.op !== '=' && node.op !== '<>')} ${node.op} ${bind(node.column, node.value)}`;
      case 'in':
        return `${quoteIdent(node.column.name)} ${node.negated ? 'NOT IN' : 'IN'} (${node.values.map((v) => bind(node.column, v)).join(', ')})`;
      case 'null':
        return `${quoteIdent(node.column.name)} IS ${node.negated ? 'NOT ' : ''}NULL`;
      case 'like': {
        params.push(node.pattern.text);
        const op = `${node.negated ? 'NOT ' : ''}${node.ilike ? 'ILIKE' : 'LIKE'}`;
        return `${quoteIdent(node.column.name)}::text ${op} $${firstParam + params.length - 1}::text`;
      }
    }
  };
  return { sql: walk(tree), params };
}
