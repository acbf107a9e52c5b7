import { describe, expect, it } from 'vitest';
import { parseRunOptions, unreachable } from './run-options';

function refusal(args: string[], env: Record<string, string> = {}) {
  try {
    parseRunOptions(args, env);
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected a refusal');
}

describe('parseRunOptions', () => {
  it('reads every option, with defaults', () => {
    expect(
      parseRunOptions(
        [
          '--database-url',
          'postgres://h/db',
          '--rate',
          '2.5',
          '--pumps',
          '12',
          '--seed',
          '3',
          '--create-table',
        ],
        {},
      ),
    ).toEqual({
      databaseUrl: 'postgres://h/db',
      seconds: undefined,
      simulator: {
        table: 'demo.pump_telemetry',
        stepsPerSecond: 2.5,
        pumps: 12,
        seed: 3,
        createTable: true,
        retainSteps: undefined,
      },
    });
    expect(parseRunOptions([], { DATABASE_URL: 'postgres://env/db' })?.databaseUrl).toBe('postgres://env/db');
    expect(parseRunOptions(['--help'], {})).toBeUndefined();
  });

  it('refuses in plain words what it cannot use', () => {
    expect(refusal([]).message).toContain('--database-url');
    const unknown = refusal(['--database-url', 'postgres://h/db', '--speed', '3']);
    expect(unknown.code).toBe('PTR605');
    expect(unknown.message).toContain('--speed');
    expect(refusal(['--database-url', 'x', '--pumps', '2.5']).message).toContain(
      '--pumps must be a whole number',
    );
    expect(refusal(['--database-url', 'x', '--rate', 'fast']).message).toContain('"fast"');
    expect(refusal(['--database-url', 'x', '--seconds', '0']).code).toBe('PTR605');
  });

  it('names the unreachable database without its password', () => {
    const problem = unreachable(
      'postgres://me:secret@db.example:6543/plant',
      new Error('connect ECONNREFUSED'),
    );
    expect(problem.code).toBe('PTR606');
    expect(problem.message).toContain('plant at db.example:6543');
    expect(problem.message).not.toContain('secret');
    expect(unreachable('not a url', new Error('x')).message).toContain('not a URL');
  });
});
