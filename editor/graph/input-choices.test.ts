import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../runtime/compiler/builtin-registry';
import { withInputChoices } from './input-choices';

describe('input choices in node settings', () => {
  it('offers the declared inputs of the kind a node reads, and says where to declare one when there is none', async () => {
    const registry = await builtinRegistry();
    const source = registry.all().find((r) => r.manifest.id === 'core/source.table')!.manifest;
    const inputs = {
      telemetry: { kind: 'table' as const, columns: { ts: { type: 'timestamptz' as const } } },
      setpoint: { kind: 'value' as const, type: 'float8' as const },
    };
    const schema = withInputChoices(source, source.config as Record<string, unknown>, inputs);
    expect((schema.properties as Record<string, Record<string, unknown>>).input.enum).toEqual(['telemetry']);
    const none = withInputChoices(source, source.config as Record<string, unknown>, undefined);
    expect((none.properties as Record<string, Record<string, unknown>>).input.description).toContain(
      'declares no table input yet',
    );
    const filter = registry.all().find((r) => r.manifest.id === 'core/filter')!.manifest;
    expect(withInputChoices(filter, filter.config as Record<string, unknown>, inputs)).toBe(filter.config);
  });
});
