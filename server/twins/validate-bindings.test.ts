import { describe, expect, it } from 'vitest';
import type { Input } from '../../schemas/blueprint/blueprint.types';
import { bindingProblems } from './validate-bindings';

const inputs: Record<string, Input> = {
  readings: {
    kind: 'table',
    columns: {
      ts: { type: 'timestamptz', role: 'time' },
      value: { type: 'float8' },
      note: { type: 'text', optional: true },
    },
  },
  limit: { kind: 'value', type: 'float8' },
};

const readings = {
  kind: 'table' as const,
  connection: 'builtin',
  table: 'r',
  columns: { ts: 't', value: 'v' },
};

describe('bindingProblems', () => {
  it('accepts complete bindings, optional columns left out', () => {
    expect(bindingProblems(inputs, { readings, limit: { kind: 'value', value: 2.5 } })).toEqual([]);
  });

  it('names the input and column of each problem, with a pointer into the twin', () => {
    const problems = bindingProblems(inputs, {
      readings: { ...readings, columns: { value: 'v', colour: 'c' } },
      extra: { kind: 'value', value: 1 },
    });
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'column_unmapped',
        input: 'readings',
        column: 'ts',
        pointer: '/bindings/readings/columns',
      }),
      expect.objectContaining({
        code: 'column_unknown',
        input: 'readings',
        column: 'colour',
        pointer: '/bindings/readings/columns/colour',
      }),
      expect.objectContaining({ code: 'binding_missing', input: 'limit', pointer: '/bindings' }),
      expect.objectContaining({ code: 'binding_unknown', input: 'extra', pointer: '/bindings/extra' }),
    ]);
    for (const p of problems) expect(p.message).not.toMatch(/undefined|\[object Object\]/);
  });

  it('refuses a binding of the other kind without looking further', () => {
    expect(bindingProblems(inputs, { readings: { kind: 'value', value: 1 }, limit: readings })).toEqual([
      expect.objectContaining({
        code: 'binding_kind_mismatch',
        input: 'readings',
        pointer: '/bindings/readings/kind',
      }),
      expect.objectContaining({ code: 'binding_kind_mismatch', input: 'limit' }),
    ]);
  });

  it.each([
    ['float8', 2.5, true],
    ['float8', '2.5', false],
    ['float8', Number.NaN, false],
    ['int4', 3, true],
    ['int8', 3.5, false],
    ['bool', false, true],
    ['bool', 'yes', false],
    ['text', 'north', true],
    ['text', 7, false],
    ['timestamptz', '2024-05-01T10:00:00Z', true],
    ['date', 'tomorrow', false],
    ['uuid', '0b6f3d4e-8f1a-4c2b-9d3e-5f6a7b8c9d0e', true],
    ['uuid', 'abc', false],
    ['jsonb', { any: ['thing'] }, true],
    ['json', null, true],
    ['float8', null, false],
  ] as const)('a %s value input takes %j: %s', (type, value, ok) => {
    const problems = bindingProblems({ v: { kind: 'value', type } }, { v: { kind: 'value', value } });
    expect(problems.map((p) => p.code)).toEqual(ok ? [] : ['binding_value_invalid']);
  });
});
