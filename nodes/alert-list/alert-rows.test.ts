import { describe, expect, it } from 'vitest';
import { countBySeverity, newestFirst, toAlert } from './alert-rows';

const row = (key: string, severity: unknown, ts: unknown) => ({
  key,
  row: { alert_id: key, rule: 'hot', severity, message: `m ${key}`, entity: null, ts, value: 90.5 } as never,
});

describe('alert rows', () => {
  it('reads rows into alerts, tolerating bad fields', () => {
    expect(toAlert(row('a1', 'alarm', 5))).toEqual({
      key: 'a1',
      alertId: 'a1',
      rule: 'hot',
      severity: 'alarm',
      unknownSeverity: false,
      message: 'm a1',
      entity: null,
      ts: 5,
      value: 90.5,
    });
    const odd = toAlert({
      key: 'k',
      row: { severity: 'critical', ts: 'yesterday', entity: 'P-1', value: null },
    });
    expect(odd).toMatchObject({
      alertId: 'k',
      severity: 'warning',
      unknownSeverity: true,
      ts: null,
      entity: 'P-1',
    });
  });

  it('orders newest first, undated last, ties by id', () => {
    const alerts = [
      row('a', 'warning', 1),
      row('b', 'alarm', 3),
      row('c', 'alarm', null),
      row('d', 'warning', 3),
    ].map(toAlert);
    expect(newestFirst(alerts).map((a) => a.key)).toEqual(['b', 'd', 'a', 'c']);
    expect(countBySeverity(alerts)).toEqual({ alarm: 2, warning: 2 });
  });
});
