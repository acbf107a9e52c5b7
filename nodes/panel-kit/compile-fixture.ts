import { builtinRegistry } from '../../runtime/compiler/builtin-registry';
import { compileBlueprint } from '../../runtime/compiler/compile';
import type { CompileResult } from '../../runtime/compiler/plan';

/** The telemetry input the panel compile tests read from. */
export const TELEMETRY_COLUMNS = {
  id: { type: 'int8', role: 'key' },
  pump_id: { type: 'text', role: 'entity' },
  ts: { type: 'timestamptz', role: 'time' },
  bearing_temp: { type: 'float8', unit: 'degC', role: 'measure' },
  snapshot_url: { type: 'text' },
} as const;

/**
 * Compiles a one-panel blueprint with the built-in registry: a `telemetry` table source (when `wired`) feeding
 * the panel's `rows` input, or the panel alone. Test support for the panels' compile tests.
 *
 * @example
 * ```ts
 * const result = await compilePanel('core/gauge@^1', { value: 'bearing_temp' });
 * expect(result.ok).toBe(true);
 * ```
 */
export async function compilePanel(
  type: string,
  config: Record<string, unknown>,
  options: { wired?: boolean; columns?: Record<string, { type: string; unit?: string; role?: string }> } = {},
): Promise<CompileResult> {
  const wired = options.wired ?? true;
  const columns = options.columns ?? TELEMETRY_COLUMNS;
  const key = Object.entries(columns).find(([, c]) => 'role' in c && c.role === 'key')?.[0] ?? 'id';
  const blueprint = {
    schemaVersion: 1,
    name: 'panel-test',
    version: '1.0.0',
    title: 'Panel test',
    usages: ['monitor'],
    inputs: wired ? { telemetry: { kind: 'table', columns, primaryKey: [key] } } : {},
    nodes: [
      ...(wired ? [{ id: 'telemetry', type: 'core/source.table@^1', config: { input: 'telemetry' } }] : []),
      { id: 'panel', type, config },
    ],
    edges: wired ? [{ from: 'telemetry.rows', to: 'panel.rows' }] : [],
    layout: { kind: 'mosaic', root: 'panel' },
  };
  return compileBlueprint(blueprint, { registry: await builtinRegistry() });
}
