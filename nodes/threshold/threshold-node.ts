import type { NodeFactory, Row, Value } from '../../runtime/engine/node-api';
import { KeyedOutput } from '../transform-kit/keyed-output';
import { numberOf } from '../transform-kit/values';

type RuleOp = '>' | '>=' | '<' | '<=' | '=' | '!=';

export type ThresholdRule = {
  name?: string;
  column: string;
  op?: RuleOp;
  value: number;
  severity?: 'warning' | 'alarm';
  message?: string;
};

export type ThresholdConfig = {
  rules: ThresholdRule[];
  entity?: string;
  time?: string;
};

const BREAKS: Record<RuleOp, (x: number, limit: number) => boolean> = {
  '>': (x, l) => x > l,
  '>=': (x, l) => x >= l,
  '<': (x, l) => x < l,
  '<=': (x, l) => x <= l,
  '=': (x, l) => x === l,
  '!=': (x, l) => x !== l,
};

/** The columns of an alert row, exactly as the manifest declares them. */
export const ALERT_COLUMNS = ['alert_id', 'rule', 'severity', 'message', 'entity', 'ts', 'value'] as const;

const DEFAULT_MESSAGE = '{column} is {value} ({op} {limit})';

function show(value: Value | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(Number(value.toPrecision(6)));
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Fills a message template: {entity}, {column}, {value}, {limit}, {op}, {rule}, {severity}, then any column of
 * the row by name; an unknown name is left as written.
 * @example fillMessage('{column} is {value}', { column: 'v', value: 7.5 }, {}) // 'v is 7.5'
 */
export function fillMessage(template: string, fields: Record<string, Value>, row: Row): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) =>
    name in fields ? show(fields[name]) : name in row ? show(row[name]) : whole,
  );
}

/**
 * core/threshold: an alert row (alert_id, rule, severity, message, entity, ts, value) exists for each rule and
 * each row breaking it, and is deleted when the row recovers or leaves. alert_id is the rule's name and the
 * row's key. Without a time column, ts is when the alert was raised.
 * @example
 * ```ts
 * const node = create(ctx); // ctx.config = { rules: [{ column: 'v', op: '>', value: 7, severity: 'alarm' }], entity: 'pump_id' }
 * node.receive?.('rows', { inserts: [{ key: '1', row: { pump_id: 'a', v: 8 } }], updates: [], deletes: [] });
 * ```
 */
export const create: NodeFactory<ThresholdConfig> = (ctx) => {
  const config = ctx.config;
  const labels = new Map<string, number>();
  const rules = config.rules.map((rule) => {
    const op = rule.op ?? '>';
    let label = rule.name?.trim() || `${rule.column} ${op} ${rule.value}`;
    const seen = labels.get(label) ?? 0;
    labels.set(label, seen + 1);
    if (seen > 0) label = `${label} #${seen + 1}`;
    return {
      ...rule,
      op,
      label,
      severity: rule.severity ?? 'warning',
      test: BREAKS[op],
      template: rule.message?.trim() || DEFAULT_MESSAGE,
    };
  });
  const output = new KeyedOutput();

  const evaluate = (key: string, row: Row | null) => {
    for (const rule of rules) {
      const id = `${rule.label}|${key}`;
      const x = row ? numberOf(row[rule.column]) : NaN;
      if (!row || Number.isNaN(x) || !rule.test(x, rule.value)) {
        if (output.get(id) !== undefined) output.remove(id);
        continue;
      }
      const before = output.get(id);
      const rawEntity = config.entity ? row[config.entity] : null;
      const entity = rawEntity === null || rawEntity === undefined ? null : show(rawEntity);
      const time = config.time ? numberOf(row[config.time]) : NaN;
      const ts = !Number.isNaN(time) ? time : ((before?.ts as number | undefined) ?? Date.now());
      const fields: Record<string, Value> = {
        entity,
        column: rule.column,
        value: x,
        limit: rule.value,
        op: rule.op,
        rule: rule.label,
        severity: rule.severity,
      };
      const alert: Row = {
        alert_id: id,
        rule: rule.label,
        severity: rule.severity,
        message: fillMessage(rule.template, fields, row),
        entity,
        ts,
        value: x,
      };
      if (before && ALERT_COLUMNS.every((c) => before[c] === alert[c])) continue;
      output.set(id, alert);
    }
  };

  return {
    receive(_port, batch) {
      for (const key of batch.deletes) evaluate(key, null);
      for (const { key, row } of batch.updates) evaluate(key, row);
      for (const { key, row } of batch.inserts) evaluate(key, row);
      const out = output.flush();
      if (out) ctx.emit('alerts', out);
    },
    preview() {
      const sample: Row[] = [];
      for (const { row } of output.rows()) {
        if (sample.length >= 20) break;
        sample.push(row);
      }
      return { rowCount: output.size, sample };
    },
  };
};
