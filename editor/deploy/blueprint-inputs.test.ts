import { describe, expect, it } from 'vitest';
import { declaredInputs, parseValue, valueFieldText, type ValueInputInfo } from './blueprint-inputs';

const blueprint = {
  inputs: {
    readings: {
      kind: 'table',
      title: 'Temperature readings',
      columns: {
        note: { type: 'text', optional: true },
        ts: { type: 'timestamptz', role: 'time' },
        temp: { type: 'float8', unit: 'degC', role: 'measure' },
      },
    },
    offset: { kind: 'value', title: 'Sensor offset', type: 'float8', unit: 'degC', default: 0.5 },
    broken: 'not an input',
  },
};

describe('declaredInputs', () => {
  it('lists table and value inputs in order, required columns first', () => {
    const inputs = declaredInputs(blueprint);
    expect(inputs.map((i) => i.name)).toEqual(['readings', 'offset']);
    const readings = inputs[0];
    expect(readings.kind === 'table' && readings.columns.map((c) => [c.name, c.optional])).toEqual([
      ['ts', false],
      ['temp', false],
      ['note', true],
    ]);
    expect(inputs[1]).toMatchObject({ kind: 'value', title: 'Sensor offset', type: 'float8', default: 0.5 });
  });

  it('answers no inputs for a blueprint that declares none', () => {
    expect(declaredInputs({ nodes: [] })).toEqual([]);
  });
});

describe('valueFieldText', () => {
  const input: ValueInputInfo = { kind: 'value', name: 'x', title: 'X', type: 'json' };
  it('writes the default as the user would type it', () => {
    expect(valueFieldText({ ...input, default: { limit: 3 } })).toBe('{"limit":3}');
    expect(valueFieldText({ ...input, type: 'bool', default: false })).toBe('false');
    expect(valueFieldText(input)).toBe('');
  });
});

describe('parseValue', () => {
  it('reads each type, or says what to type', () => {
    expect(parseValue('float8', '2,5')).toEqual({ ok: true, value: 2.5 });
    expect(parseValue('int4', '42')).toEqual({ ok: true, value: 42 });
    expect(parseValue('int4', '4.2')).toEqual({ ok: false, reason: 'Type a whole number, such as 42.' });
    expect(parseValue('bool', 'true')).toEqual({ ok: true, value: true });
    expect(parseValue('date', 'soon')).toMatchObject({ ok: false });
    expect(parseValue('jsonb', '{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseValue('jsonb', '{a')).toMatchObject({ ok: false });
    expect(parseValue('text', '')).toEqual({ ok: true, value: '' });
    expect(parseValue('float8', ' ')).toEqual({ ok: false, reason: 'Type a value: numbers go here.' });
  });
});
