import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../runtime/compiler/builtin-registry';
import { compileBlueprint } from '../../runtime/compiler/compile';
import { schemaValidator } from '../../schemas/ajv';

const read = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Record<string, unknown>;

const blueprint = read('./blueprint.json');
const layout = read('./layout.json');
const cards: Record<
  string,
  { inputs: { features: { name: string }[] }[]; outputs: { columns: unknown[] }[] }
> = {
  'pump-rul': read('./models/pump-rul/model-card.json') as never,
  'pump-anomaly': read('./models/pump-anomaly/model-card.json') as never,
};

async function compiled() {
  const result = await compileBlueprint(blueprint, { registry: await builtinRegistry() });
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result;
}

describe('the pump fleet predictive-maintenance blueprint', () => {
  it('compiles against the built-in node types with no problem at all', async () => {
    const result = await compiled();
    expect(result.problems).toEqual([]);
    expect(result.plan.panels.sort()).toEqual(
      [
        'alerts',
        'fleet_rul',
        'health',
        'rul_trend',
        'vibration',
        'whatif_fleet',
        'whatif_pumps',
        'worst_rul',
      ].sort(),
    );
  });

  it('feeds each model the features its card names, in the card order, from columns the window makes', async () => {
    const { plan } = await compiled();
    const windowOut = plan.edges.find((e) => e.from.node === 'features' && e.to.node === 'rul');
    const arriving = new Set(windowOut?.columns?.map((c) => c.name));
    for (const node of plan.nodes.filter((n) => n.typeId === 'core/model.onnx')) {
      const model = String(node.config.model).split('@')[0];
      const card = cards[model];
      const features = node.config.features as { name: string; column: string }[];
      expect(
        features.map((f) => f.name),
        node.id,
      ).toEqual(card.inputs[0].features.map((f) => f.name));
      const outputs = node.config.outputs as unknown[];
      expect(outputs.length, node.id).toBe(card.outputs.reduce((n, o) => n + o.columns.length, 0));
      if (node.id !== 'whatif_rul')
        for (const f of features) expect(arriving.has(f.column), f.column).toBe(true);
    }
  });

  it('varies speed_last, the what-if feature, from the speed parameter', async () => {
    const { plan } = await compiled();
    const derive = plan.nodes.find((n) => n.id === 'at_speed');
    expect(derive?.config.columns).toEqual([
      { name: 'speed_last', expression: 'speed_setting', type: 'float8', unit: 'rpm' },
    ]);
    const param = plan.nodes.find((n) => n.id === 'speed_setting');
    expect(param?.config).toMatchObject({ name: 'speed_setting', min: 1150, max: 1750 });
    const intoModel = plan.edges.find((e) => e.to.node === 'whatif_rul');
    expect(intoModel?.columns?.find((c) => c.name === 'speed_last')).toMatchObject({
      type: 'float8',
      unit: 'rpm',
    });
  });

  it('ships a layout that is valid, places every panel and is the blueprint’s own', async () => {
    const validate = schemaValidator('https://projecttwin.dev/schemas/layout/1.json');
    expect(validate(layout), JSON.stringify(validate.errors)).toBe(true);
    expect(layout.root).toEqual((blueprint.layout as { root: unknown }).root);
    const placed = JSON.stringify(layout.root).match(/"[a-z_]+"/g) ?? [];
    const { plan } = await compiled();
    for (const panel of plan.panels) expect(placed, panel).toContain(`"${panel}"`);
  });
});
