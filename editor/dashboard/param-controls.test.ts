import { describe, expect, it } from 'vitest';
import type { PlanNode } from '../../runtime/compiler/plan';
import { paramSpecs, parseParamNumber } from './param-controls';

function param(id: string, config: Record<string, unknown>): PlanNode {
  return {
    id,
    title: id,
    typeId: 'core/param',
    range: '^1',
    version: '1.0.0',
    category: 'source',
    config: { type: 'float8', default: 0, ...config },
    inputs: {},
    outputs: { value: { kind: 'value' } },
  };
}

const chart: PlanNode = { ...param('trend', {}), typeId: 'core/chart.line', category: 'component' };

describe('parameter controls', () => {
  it('gives a bounded number a slider, an open one a number box, and keeps plan order', () => {
    const specs = paramSpecs(
      [
        param('speed', {
          name: 'speed_rpm',
          label: 'Pump speed',
          min: 0,
          max: 3000,
          unit: 'rpm',
          default: 1450,
        }),
        chart,
        param('count', { name: 'pumps', type: 'int8', min: 1, default: 4 }),
      ],
      () => undefined,
    );
    expect(specs).toEqual([
      {
        nodeId: 'speed',
        label: 'Pump speed',
        unit: 'rpm',
        control: { kind: 'slider', min: 0, max: 3000, step: 20 },
        initial: 1450,
      },
      {
        nodeId: 'count',
        label: 'pumps',
        unit: undefined,
        control: { kind: 'number', min: 1, max: undefined, step: 1, integer: true },
        initial: 4,
      },
    ]);
  });

  it('starts from the twin’s value input when the parameter reads one', () => {
    const [spec] = paramSpecs(
      [param('alert', { name: 'alert_level', input: 'alert_level', default: 2 })],
      (input) => (input === 'alert_level' ? 7.5 : undefined),
    );
    expect(spec.initial).toBe(7.5);
    const [fallback] = paramSpecs(
      [param('alert', { name: 'alert_level', input: 'alert_level', default: 2 })],
      () => undefined,
    );
    expect(fallback.initial).toBe(2);
  });

  it('uses a switch for yes/no and a text box for text, and the configured step on sliders', () => {
    const specs = paramSpecs(
      [
        param('on', { name: 'on', type: 'bool', default: true }),
        param('site', { name: 'site', type: 'text', default: 'north' }),
        param('f', { name: 'f', min: 0, max: 1, step: 0.25 }),
      ],
      () => undefined,
    );
    expect(specs.map((s) => [s.control, s.initial])).toEqual([
      [{ kind: 'switch' }, true],
      [{ kind: 'text' }, 'north'],
      [{ kind: 'slider', min: 0, max: 1, step: 0.25 }, 0],
    ]);
  });

  it('reads typed numbers and explains what is wrong in plain words', () => {
    expect(parseParamNumber(' 12,5 ', {})).toEqual({ ok: true, value: 12.5 });
    expect(parseParamNumber('abc', {})).toEqual({ ok: false, message: 'Type a number.' });
    expect(parseParamNumber('', {})).toEqual({ ok: false, message: 'Type a number.' });
    expect(parseParamNumber('2.5', { integer: true })).toEqual({
      ok: false,
      message: 'Type a whole number.',
    });
    expect(parseParamNumber('-1', { min: 0 })).toEqual({ ok: false, message: 'The smallest value is 0.' });
    expect(parseParamNumber('11', { max: 10 })).toEqual({ ok: false, message: 'The largest value is 10.' });
  });
});
