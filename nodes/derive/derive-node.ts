import {
  ColumnarBatch,
  partsOf,
  rowAt,
  rowsPart,
  type ColumnValues,
  type RowsPart,
} from '../../runtime/engine/columnar-batch';
import type {
  KeyedRow,
  NodeContext,
  NodeFactory,
  Row,
  Value,
  ValueSource,
} from '../../runtime/engine/node-api';
import { toCell, UNFIT, type DerivedType } from './cell-types';
import { compileFormula, type CompiledFormula, type FormulaScope } from './formula';

export interface DeriveColumn {
  name: string;
  expression: string;
  type?: DerivedType;
  unit?: string;
}

export type DeriveConfig = {
  columns: DeriveColumn[];
};

interface Derived {
  name: string;
  expression: string;
  type: DerivedType;
  formula: CompiledFormula;
  warned: boolean;
}

/**
 * core/derive: adds columns computed by formulas (jexl syntax, compiled once). Formulas read the row's columns
 * (and the columns derived before them) and parameters by name; when a parameter changes, every row is sent
 * again as an update with the recomputed columns. PTR210 when a formula cannot be read (the node stops), PTR211
 * once per formula when it gives no usable value for some rows (those cells are null), PTR212 when a formula
 * names something that neither arrives nor is a connected parameter, PTR213 when a parameter value arrives
 * from an unknown place.
 * @example
 * ```ts
 * const node = create(ctx); // ctx.config = { columns: [{ name: 'kw', expression: 'p * q / 36', type: 'float8' }] }
 * node.receive?.('rows', { inserts: [{ key: '1', row: { p: 6, q: 12 } }], updates: [], deletes: [] });
 * ```
 */
export const create: NodeFactory<DeriveConfig> = (ctx) => {
  const derived: Derived[] = [];
  const unreadable: string[] = [];
  for (const column of ctx.config.columns ?? []) {
    const result = compileFormula(column.expression);
    if (result.ok)
      derived.push({
        name: column.name,
        expression: column.expression,
        type: column.type ?? 'float8',
        formula: result.formula,
        warned: false,
      });
    else unreadable.push(`The formula for "${column.name}" cannot be read: ${result.message}.`);
  }
  if (unreadable.length > 0) {
    ctx.report({
      code: 'PTR210',
      severity: 'error',
      message: `${unreadable.join(' ')} Correct it in the node's settings.`,
      details: { formulas: unreadable },
    });
    return {};
  }
  const paramNames = paramNamesByEdge(ctx);
  const params: Record<string, Value> = startingParams(ctx, paramNames);
  warnUnknownNames(ctx, derived, new Set(paramNames.values()));
  // Rows are kept only to recompute them when a parameter changes; without parameters a count will do.
  const keepRows = paramNames.size > 0;
  const rows = new Map<string, Row>();
  let rowCount = 0;
  let recent: Row[] = [];
  const scope: FormulaScope = { row: {}, params };
  let unknownParamWarned = false;

  /**
   * Computes the derived cells of one row, pushing each onto its column. A formula reads the row's columns and
   * those derived before it; with one formula the row is read as it is, with several a copy collects them.
   */
  const computeInto = (key: string, input: Row, columns: Value[][]): void => {
    const building: Record<string, Value> | undefined =
      derived.length > 1 ? Object.assign({}, input) : undefined;
    scope.row = building ?? input;
    for (let c = 0; c < derived.length; c++) {
      const d = derived[c];
      let result: Value | undefined;
      let failure: string | undefined;
      try {
        result = d.formula.evaluate(scope);
      } catch (error) {
        failure = (error as Error).message;
      }
      let cell = failure === undefined ? toCell(result, d.type) : UNFIT;
      if (cell === UNFIT) {
        cell = null;
        if (!d.warned) {
          d.warned = true;
          ctx.report({
            code: 'PTR211',
            severity: 'warning',
            message: `The formula for "${d.name}" (${d.expression}) gave no usable ${d.type} value for some rows, e.g. row ${key}, where it gave ${failure ?? describeResult(result)}; those cells are left empty.`,
            details: { column: d.name, expression: d.expression, key },
          });
        }
      }
      if (building) building[d.name] = cell as Value;
      columns[c].push(cell as Value);
    }
  };

  /**
   * The rows of one list with the derived columns added (columnar-batch.ts): the input's own columns, as they
   * came, plus one column per formula, so no row is copied to add them. `rows` are the same rows as `part`.
   */
  const derivePart = (part: RowsPart, rows: readonly KeyedRow[]): RowsPart => {
    if (rows.length === 0) return part;
    const columns = derived.map((): Value[] => []);
    for (const { key, row } of rows) computeInto(key, row, columns);
    const added: Record<string, ColumnValues> = { ...part.added };
    derived.forEach((d, c) => (added[d.name] = columns[c]));
    return { keys: part.keys, base: part.base, added };
  };

  /** The last rows of a part, built, for the preview. */
  const lastRows = (part: RowsPart): Row[] => {
    const from = Math.max(0, part.keys.length - 20);
    return Array.from({ length: part.keys.length - from }, (_, i) => rowAt(part, from + i));
  };

  return {
    receive(_port, batch) {
      const parts = partsOf(batch);
      const inserts = derivePart(parts.inserts, batch.inserts);
      const updates = derivePart(parts.updates, batch.updates);
      if (keepRows) {
        for (const item of batch.inserts) rows.set(item.key, item.row);
        for (const item of batch.updates) rows.set(item.key, item.row);
        for (const key of batch.deletes) rows.delete(key);
      }
      rowCount += inserts.keys.length - batch.deletes.length;
      const last = updates.keys.length ? updates : inserts;
      if (last.keys.length) recent = lastRows(last);
      ctx.emit('rows', new ColumnarBatch(inserts, updates, batch.deletes));
    },
    receiveValue(_port, value, from?: ValueSource) {
      const name = from
        ? (paramNames.get(from.edge) ?? nameOfNode(ctx, from.node))
        : paramNames.size === 1
          ? [...paramNames.values()][0]
          : undefined;
      if (name === undefined) {
        if (!unknownParamWarned) {
          unknownParamWarned = true;
          ctx.report({
            code: 'PTR213',
            severity: 'warning',
            message:
              'A parameter value arrived, but this node cannot tell which of its parameters it is; formulas keep the values they had.',
          });
        }
        return;
      }
      if (params[name] === value) return;
      params[name] = value;
      if (rows.size === 0) return;
      const kept: KeyedRow[] = [];
      for (const [key, row] of rows) kept.push({ key, row });
      ctx.emit('rows', new ColumnarBatch(rowsPart([]), derivePart(rowsPart(kept), kept), []));
    },
    preview() {
      return { rowCount: keepRows ? rows.size : rowCount, sample: recent };
    },
  };
};

function describeResult(result: Value | undefined): string {
  if (result === undefined) return 'nothing (a name it uses has no value)';
  if (typeof result === 'number') return String(result);
  return JSON.stringify(result);
}

/** Parameter name per connected `params` edge: the upstream parameter node's `name`, else its id. */
function paramNamesByEdge(ctx: NodeContext<DeriveConfig>): Map<string, string> {
  const names = new Map<string, string>();
  for (const edgeId of ctx.inputs.params?.edges ?? []) {
    const edge = ctx.plan.edges.find((e) => e.id === edgeId);
    if (edge) names.set(edgeId, nameOfNode(ctx, edge.from.node));
  }
  return names;
}

function nameOfNode(ctx: NodeContext<DeriveConfig>, nodeId: string): string {
  const node = ctx.plan.nodes.find((n) => n.id === nodeId);
  const name = node?.config.name;
  return typeof name === 'string' && name !== '' ? name : nodeId;
}

/** Each connected parameter starts at its configured starting value until it sends one. */
function startingParams(ctx: NodeContext<DeriveConfig>, names: Map<string, string>): Record<string, Value> {
  const params: Record<string, Value> = {};
  for (const [edgeId, name] of names) {
    const edge = ctx.plan.edges.find((e) => e.id === edgeId);
    const node = ctx.plan.nodes.find((n) => n.id === edge?.from.node);
    const start = node?.config.default;
    if (start !== undefined) params[name] = start as Value;
  }
  return params;
}

function warnUnknownNames(ctx: NodeContext<DeriveConfig>, derived: Derived[], params: Set<string>): void {
  const columns = ctx.inputs.rows?.columns;
  if (!columns) return;
  const known = new Set([...columns.map((c) => c.name), ...params]);
  const unknown: string[] = [];
  for (const d of derived) {
    for (const name of d.formula.names)
      if (!known.has(name)) unknown.push(`"${name}" (in the formula for "${d.name}")`);
    known.add(d.name);
  }
  if (unknown.length > 0)
    ctx.report({
      code: 'PTR212',
      severity: 'warning',
      message: `These names are neither columns arriving at this node nor connected parameters: ${unknown.join(', ')}. Cells that use them stay empty until they arrive.`,
      details: { unknown },
    });
}
