import { describe, expect, it } from 'vitest';
import { compileBlueprint } from '../../runtime/compiler/compile';
import { builtinRegistry } from '../../runtime/compiler/builtin-registry';
import type { Blueprint } from '../../runtime/compiler/document-types';
import { otherProblemsOfInput, problemsOfInput } from './input-problems';

async function problemsOf(inputs: Record<string, unknown>) {
  const doc = {
    schemaVersion: 1,
    name: 'pumps',
    version: '0.1.0',
    title: 'Pumps',
    inputs,
    nodes: [{ id: 'src', type: 'core/source.table@^1', config: { input: 'telemetry' } }],
    edges: [],
  } as unknown as Blueprint;
  return (await compileBlueprint(doc, { registry: await builtinRegistry() })).problems;
}

const columns = { id: { type: 'text' } };

describe('problemsOfInput', () => {
  it("picks the real compiler's problems about one input's title and description", async () => {
    const problems = await problemsOf({
      telemetry: { kind: 'table', title: 'x'.repeat(121), columns },
      telemetry2: { kind: 'value', type: 'float8', description: 'y'.repeat(2001) },
    });
    expect(problemsOfInput(problems, 'telemetry').map((p) => [p.code, p.pointer])).toEqual([
      ['PT014', '/inputs/telemetry/title'],
    ]);
    expect(problemsOfInput(problems, 'telemetry2').map((p) => [p.code, p.pointer])).toEqual([
      ['PT014', '/inputs/telemetry2/description'],
    ]);
  });

  it('picks its primary key problem (PT153) and the unused-input warning (PT150) of the right input', async () => {
    const problems = await problemsOf({
      telemetry: { kind: 'table', columns, primaryKey: ['uid'] },
      weather: { kind: 'table', columns },
    });
    expect(problemsOfInput(problems, 'telemetry').map((p) => [p.code, p.pointer])).toEqual([
      ['PT153', '/inputs/telemetry/primaryKey/0'],
    ]);
    expect(problemsOfInput(problems, 'weather').map((p) => [p.code, p.pointer])).toEqual([
      ['PT150', '/inputs/weather'],
    ]);
  });

  it('escapes the name as a pointer token', () => {
    const problem = {
      code: 'PT014',
      severity: 'error',
      message: 'm',
      pointer: '/inputs/a~1b/title',
    } as const;
    expect(problemsOfInput([problem], 'a/b')).toEqual([problem]);
    expect(problemsOfInput([problem], 'a')).toEqual([]);
  });

  it('leaves out, for the card, the problems its title, description and primary key fields explain', async () => {
    const problems = await problemsOf({
      telemetry: { kind: 'table', columns, primaryKey: ['uid'] },
      weather: { kind: 'table', columns },
    });
    expect(otherProblemsOfInput(problems, 'telemetry')).toEqual([]);
    expect(otherProblemsOfInput(problems, 'weather').map((p) => p.code)).toEqual(['PT150']);
    const titled = { code: 'PT014', severity: 'error', message: 'm', pointer: '/inputs/a/titles' } as const;
    expect(otherProblemsOfInput([titled], 'a')).toEqual([titled]);
  });
});
