import { describe, expect, it } from 'vitest';
import type { RuntimeProblem } from '../../runtime/engine/node-api';
import { PanelProblems } from './panel-problems';
import { checkSummaryConfig, readSummaryConfig, reportSkipped } from './summary-config';

const inputs = {
  rows: {
    kind: 'table' as const,
    columns: [
      { name: 'rul', type: 'float8' as const, unit: 'h' },
      { name: 'ts', type: 'timestamptz' as const },
    ],
  },
};

function setup() {
  const reported: RuntimeProblem[] = [];
  const ctx = {
    inputs,
    report: (p: RuntimeProblem) => void reported.push(p),
    clearProblems: () => undefined,
  };
  return { ctx, reported, problems: new PanelProblems(ctx) };
}

describe('summary config', () => {
  it('fills defaults and takes the unit from the arriving column', () => {
    expect(readSummaryConfig({ value: 'rul' }, { inputs })).toEqual({
      label: undefined,
      value: 'rul',
      aggregate: 'last',
      time: undefined,
      unit: 'h',
      decimals: 1,
      warnAt: undefined,
      alarmAt: undefined,
      higherIsBetter: true,
    });
    expect(readSummaryConfig({ value: 'rul', unit: 'days', decimals: 99 }, { inputs })).toMatchObject({
      unit: 'days',
      decimals: 10,
    });
  });

  it('reports a missing column, an empty column setting and levels out of order', () => {
    const { ctx, reported, problems } = setup();
    checkSummaryConfig(
      ctx,
      problems,
      readSummaryConfig({ value: 'nope', time: 'ts', warnAt: 1, alarmAt: 5 }, ctx),
    );
    expect(reported.map((p) => p.code)).toEqual(['PTR450', 'PTR458']);
    expect(reported[1]!.message).toContain('never shows');
    const other = setup();
    checkSummaryConfig(other.ctx, other.problems, readSummaryConfig({}, other.ctx));
    expect(other.reported[0]!.message).toContain('"Column" setting is empty');
  });

  it('reports values that are not numbers once', () => {
    const { reported, problems } = setup();
    reportSkipped(problems, 'rul', 0);
    reportSkipped(problems, 'rul', 2);
    reportSkipped(problems, 'rul', 3);
    expect(reported.map((p) => [p.code, p.severity])).toEqual([['PTR451', 'warning']]);
  });
});
