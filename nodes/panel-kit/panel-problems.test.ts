import { describe, expect, it } from 'vitest';
import type { RuntimeProblem } from '../../runtime/engine/node-api';
import { PanelProblems, reportMissingColumns } from './panel-problems';

function recordingContext() {
  const reported: RuntimeProblem[] = [];
  return {
    reported,
    ctx: {
      report: (p: RuntimeProblem) => void reported.push(p),
      clearProblems: () => void reported.splice(0),
      inputs: {
        rows: {
          kind: 'table' as const,
          columns: [
            { name: 'a', type: 'float8' as const },
            { name: 'b', type: 'text' as const },
          ],
        },
      },
    },
  };
}

describe('PanelProblems', () => {
  it('reports each problem once and shows the first error', () => {
    const { ctx, reported } = recordingContext();
    const problems = new PanelProblems(ctx);
    const warning = { code: 'PTR451', severity: 'warning', message: 'Some values are not numbers.' } as const;
    problems.report(warning);
    problems.report(warning);
    expect(reported).toHaveLength(1);
    expect(problems.error).toBeUndefined();
    problems.report({ code: 'PTR453', severity: 'error', message: 'The image could not be loaded.' });
    expect(problems.error?.code).toBe('PTR453');
    problems.clear('PTR453');
    expect(problems.error).toBeUndefined();
    expect(reported.map((p) => p.code)).toEqual(['PTR451']);
  });

  it('names the configured columns that do not arrive', () => {
    const { ctx, reported } = recordingContext();
    const problems = new PanelProblems(ctx);
    expect(reportMissingColumns(ctx, problems, ['a', 'zz'])).toEqual(['zz']);
    expect(reported[0]).toMatchObject({ code: 'PTR450', severity: 'error', details: { column: 'zz' } });
    expect(reported[0]!.message).toContain('Choose one of: a, b');
    // Unknown columns (an unconnected port) cannot be checked.
    expect(reportMissingColumns({ inputs: {} }, problems, ['zz'])).toEqual([]);
  });
});
