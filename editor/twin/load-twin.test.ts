import { describe, expect, it } from 'vitest';
import example from '../../docs/examples/pump-fleet.blueprint.json';
import { planForTwin, TwinLoadError, withOverrides } from './load-twin';

const blueprint = example as unknown as Record<string, unknown>;

describe('compiling a twin’s blueprint in the browser', () => {
  it('merges overrides into node configs without touching the blueprint', () => {
    const merged = withOverrides(blueprint, { trend: { maxPoints: 500 } });
    const trend = (merged.nodes as { id: string; config: Record<string, unknown> }[]).find(
      (n) => n.id === 'trend',
    );
    expect(trend!.config).toEqual({ x: 'ts', y: ['vibration_rms'], color: 'pump_id', maxPoints: 500 });
    expect(JSON.stringify(example)).not.toContain('"maxPoints":500');
  });

  it('plans the blueprint with the overrides applied', async () => {
    const { plan } = await planForTwin(blueprint, { trend: { maxPoints: 500 } });
    expect(plan.panels).toContain('trend');
    expect(plan.nodes.find((n) => n.id === 'trend')!.config.maxPoints).toBe(500);
  });

  it('refuses a blueprint that does not compile with PTR503 and the compiler’s problems', async () => {
    const error = await planForTwin(blueprint, { trend: { y: ['no_such_column'] } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TwinLoadError);
    expect((error as TwinLoadError).code).toBe('PTR503');
    expect((error as TwinLoadError).message).toBe(
      'This twin’s blueprint has a problem that stops it from running.',
    );
    expect((error as TwinLoadError).problems.map((p) => p.code)).toEqual(['PT130']);
  });
});
