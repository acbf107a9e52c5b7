import { describe, expect, it } from 'vitest';
import { createEngine } from '../../runtime/engine/engine';
import { compileTestPlan, testImplementations, type TestSink } from '../../runtime/engine/engine-test-nodes';
import type { RuntimeServices, Value } from '../../runtime/engine/node-api';
import { builtinImplementations } from '../implementations';
import { checkParamValue } from './param-value';

async function run(
  config: Record<string, unknown>,
  services: RuntimeServices = {},
  inputs: Record<string, unknown> = {},
) {
  const plan = await compileTestPlan(
    [
      { id: 'speed', type: 'core/param', config: { name: 'speed', ...config } },
      { id: 'watch', type: 'test/sink' },
    ],
    [['speed.value', 'watch.value']],
    inputs,
  );
  const engine = createEngine(plan, {
    implementations: { ...builtinImplementations, ...testImplementations() },
    services,
  });
  await engine.start();
  await engine.flush();
  const watch = engine.instance('watch') as unknown as TestSink;
  return { engine, values: watch.values };
}

describe('core/param', () => {
  it('sends its starting value when it starts, and each value the viewer sets', async () => {
    const { engine, values } = await run({ default: 1500, min: 0, max: 3000 });
    expect(values).toEqual([1500]);
    engine.setValue('speed', 1800);
    await engine.flush();
    engine.setValue('speed', '2000');
    await engine.flush();
    expect(values).toEqual([1500, 1800, 2000]);
    expect(engine.instance('speed')?.preview?.()).toEqual({ rowCount: 1, sample: [{ speed: 2000 }] });
    expect(engine.problems()).toEqual({});
    await engine.dispose();
  });

  it('refuses a value of the wrong type in plain words and keeps the previous one', async () => {
    const { engine, values } = await run({ default: 3, type: 'int8' });
    engine.setValue('speed', 'fast');
    engine.setValue('speed', 2.5);
    await engine.flush();
    expect(values).toEqual([3]);
    expect(engine.problems().speed).toEqual([
      {
        code: 'PTR120',
        severity: 'warning',
        message:
          'The parameter "speed" ignored the value you set: a whole number is needed, not 2.5. It keeps its previous value.',
        details: { nodeId: 'speed', value: 2.5, type: 'int8' },
      },
    ]);
    expect(engine.stats('speed').failed).toBe(false);
    engine.setValue('speed', 4); // a good value clears the warning
    await engine.flush();
    expect(values).toEqual([3, 4]);
    expect(engine.problems().speed).toBeUndefined();
    await engine.dispose();
  });

  it('brings a value outside min..max within it, with a warning', async () => {
    const { engine, values } = await run({ default: 10, min: 0, max: 100, label: 'Pump speed' });
    engine.setValue('speed', 250);
    await engine.flush();
    expect(values).toEqual([10, 100]);
    expect(engine.problems().speed?.[0]).toMatchObject({
      code: 'PTR121',
      message:
        'The parameter "Pump speed" was given 250 (the value you set), outside its range 0 to 100; it uses 100 instead.',
    });
    await engine.dispose();
  });

  it("starts from the twin's value for the input its manifest binds, else the input's default", async () => {
    const inputs = { speed_default: { kind: 'value', type: 'float8', default: 1200 } };
    const asked: string[] = [];
    const bound: RuntimeServices = {
      inputValue: (name) => {
        asked.push(name);
        return name === 'speed_default' ? (1750 as Value) : undefined;
      },
    };
    const fromTwin = await run({ default: 1500, input: 'speed_default' }, bound, inputs);
    expect(fromTwin.values).toEqual([1750]);
    expect(asked).toEqual(['speed_default']);
    await fromTwin.engine.dispose();
    const fromDefault = await run(
      { default: 1500, input: 'speed_default' },
      { inputValue: () => undefined },
      inputs,
    );
    expect(fromDefault.values).toEqual([1200]);
    await fromDefault.engine.dispose();
    const wrong = await run({ default: 1500, input: 'speed_default' }, { inputValue: () => 'lots' }, inputs);
    expect(wrong.values).toEqual([1200]);
    expect(wrong.engine.problems().speed?.[0].message).toBe(
      `The parameter "speed" ignored the twin's value for the input "speed_default": a number is needed, not the text "lots".`,
    );
    await wrong.engine.dispose();
  });
});

describe('checkParamValue', () => {
  it.each([
    ['2.5', 'float8', 2.5],
    [' 7 ', 'int8', 7],
    [1, 'bool', true],
    ['false', 'bool', false],
    [12, 'text', '12'],
    ['x', 'text', 'x'],
  ] as const)('accepts %j as %s', (value, type, expected) => {
    expect(checkParamValue(value, type)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'float8'],
    ['1e', 'float8'],
    [Infinity, 'float8'],
    [null, 'int8'],
    ['yes', 'bool'],
    [{ a: 1 }, 'text'],
  ] as const)('refuses %j as %s', (value, type) => {
    expect(checkParamValue(value, type)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/is needed, not/),
    });
  });
});
