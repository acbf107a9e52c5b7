import type { KeyedRow } from '../../runtime/engine/node-api';

export type Severity = 'warning' | 'alarm';

/** One alert as the list shows it. */
export interface Alert {
  key: string;
  alertId: string;
  rule: string;
  severity: Severity;
  /** True when the row's severity was neither 'warning' nor 'alarm' (shown as a warning). */
  unknownSeverity: boolean;
  message: string;
  entity: string | null;
  ts: number | null;
  value: number | null;
}

/**
 * Reads an alert row (columns alert_id, rule, severity, message, entity, ts, value) into an Alert, tolerating
 * missing or mistyped fields.
 * @example toAlert({ key: 'a1', row: { alert_id: 'a1', severity: 'alarm', message: 'Too hot', ts: 1 } }).severity // 'alarm'
 */
export function toAlert({ key, row }: KeyedRow): Alert {
  const text = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
  const severity = row.severity;
  return {
    key,
    alertId: text(row.alert_id) || key,
    rule: text(row.rule),
    severity: severity === 'alarm' ? 'alarm' : 'warning',
    unknownSeverity: severity !== 'alarm' && severity !== 'warning',
    message: text(row.message),
    entity: typeof row.entity === 'string' && row.entity !== '' ? row.entity : null,
    ts: typeof row.ts === 'number' && Number.isFinite(row.ts) ? row.ts : null,
    value: typeof row.value === 'number' ? row.value : null,
  };
}

/**
 * Orders alerts newest first (by `ts`; alerts without a time last), ties by alert id.
 * @example newestFirst([older, newer]) // [newer, older]
 */
export function newestFirst(alerts: Alert[]): Alert[] {
  return alerts.sort(
    (a, b) =>
      (b.ts ?? Number.NEGATIVE_INFINITY) - (a.ts ?? Number.NEGATIVE_INFINITY) ||
      a.alertId.localeCompare(b.alertId),
  );
}

/**
 * Counts alerts by severity.
 * @example countBySeverity(alerts) // { alarm: 1, warning: 2 }
 */
export function countBySeverity(alerts: readonly Alert[]): Record<Severity, number> {
  const counts = { alarm: 0, warning: 0 };
  for (const alert of alerts) counts[alert.severity]++;
  return counts;
}
