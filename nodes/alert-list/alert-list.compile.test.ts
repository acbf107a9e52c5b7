import { describe, expect, it } from 'vitest';
import { compilePanel } from '../panel-kit/compile-fixture';

const ALERTS = {
  alert_id: { type: 'text', role: 'key' },
  rule: { type: 'text' },
  severity: { type: 'text' },
  message: { type: 'text' },
  entity: { type: 'text', role: 'entity' },
  ts: { type: 'timestamptz', role: 'time' },
  value: { type: 'float8' },
};

describe('core/alert-list in a blueprint', () => {
  it('compiles on rows with the alert columns', async () => {
    const result = await compilePanel('core/alert-list@^1', {}, { columns: ALERTS });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.nodes.find((n) => n.id === 'panel')!.config).toEqual({
      title: 'Alerts',
      maxShown: 200,
      decimals: 2,
    });
  });

  it('names an alert column that does not arrive', async () => {
    const withoutSeverity = Object.fromEntries(
      Object.entries(ALERTS).filter(([name]) => name !== 'severity'),
    );
    const result = await compilePanel('core/alert-list@^1', {}, { columns: withoutSeverity });
    expect(result.ok).toBe(false);
    const missing = result.problems.find((p) => p.code === 'PT130');
    expect(missing?.message).toContain('severity');
  });
});
