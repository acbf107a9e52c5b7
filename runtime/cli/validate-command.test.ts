import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  brokenPointers,
  linesOf,
  removeFixtureFiles,
  runCli,
  stackFrame,
  startingWith,
  writeFixtureFiles,
} from './test-support';

let dir: string;
let pointers: Awaited<ReturnType<typeof brokenPointers>>;
beforeAll(async () => {
  [dir, pointers] = await Promise.all([writeFixtureFiles(), brokenPointers()]);
});
afterAll(() => removeFixtureFiles(dir));

describe.concurrent('projecttwin validate', () => {
  it('accepts the shipped example: exit 0, only the summary, nothing on stderr', async () => {
    const run = await runCli(['validate', 'good.json'], dir);
    expect(run.code).toBe(0);
    expect(linesOf(run.stdout)).toEqual(['1 file checked: 0 with errors, 0 errors, 0 warnings']);
    expect(run.stderr).toBe('');
  });

  it('prints one compiler-style line per problem for an unknown node type and a missing column, exit 1', async () => {
    const run = await runCli(['validate', 'broken.json'], dir);
    expect(run.code).toBe(1);
    const lines = linesOf(run.stdout);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(startingWith(`broken.json:${pointers.unknownType}: error PT102: `));
    expect(lines[0]).toContain('core/no-such-node');
    expect(lines[1]).toMatch(startingWith(`broken.json:${pointers.missingColumn}: error PT130: `));
    expect(lines[1]).toContain('"pressure"');
    expect(lines[2]).toBe('1 file checked: 1 with errors, 2 errors, 0 warnings');
    expect(run.stderr).toBe('');
  });

  it('exits 0 on warnings alone and prints them as warnings', async () => {
    const run = await runCli(['validate', 'warn.json'], dir);
    expect(run.code).toBe(0);
    expect(linesOf(run.stdout)).toEqual([
      expect.stringMatching(/^warn\.json:\/inputs\/unused: warning PT150: .*"unused"/),
      '1 file checked: 0 with errors, 0 errors, 1 warning',
    ]);
  });

  it('checks several files in the order given, one bad, and sums them up', async () => {
    const run = await runCli(['validate', 'good.json', 'broken.json', 'warn.json'], dir);
    expect(run.code).toBe(1);
    const lines = linesOf(run.stdout);
    expect(lines.map((line) => /^([^:]+)(?::\S*)?: (error|warning) (PT\d{3}):/.exec(line)?.slice(1))).toEqual(
      [
        ['broken.json', 'error', 'PT102'],
        ['broken.json', 'error', 'PT130'],
        ['warn.json', 'warning', 'PT150'],
        undefined,
      ],
    );
    expect(lines.at(-1)).toBe('3 files checked: 1 with errors, 2 errors, 1 warning');
  });

  it('with --json prints only [{ file, ok, problems }] on stdout', async () => {
    const run = await runCli(['validate', '--json', 'good.json', 'broken.json', 'warn.json'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const entries = JSON.parse(run.stdout) as {
      file: string;
      ok: boolean;
      problems: Record<string, unknown>[];
    }[];
    expect(entries.map((entry) => Object.keys(entry))).toEqual([
      ['file', 'ok', 'problems'],
      ['file', 'ok', 'problems'],
      ['file', 'ok', 'problems'],
    ]);
    expect(entries.map(({ file, ok }) => [file, ok])).toEqual([
      ['good.json', true],
      ['broken.json', false],
      ['warn.json', true],
    ]);
    expect(entries[0].problems).toEqual([]);
    expect(entries[1].problems).toEqual([
      expect.objectContaining({
        code: 'PT102',
        severity: 'error',
        pointer: pointers.unknownType,
        nodeId: 'features',
      }),
      expect.objectContaining({
        code: 'PT130',
        severity: 'error',
        pointer: pointers.missingColumn,
        nodeId: 'trend',
      }),
    ]);
    expect(entries[2].problems).toEqual([
      expect.objectContaining({ code: 'PT150', severity: 'warning', pointer: '/inputs/unused' }),
    ]);
  });

  it('with --json reports a file it cannot read with an error and no problems', async () => {
    const run = await runCli(['validate', 'missing.json', '--json'], dir);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual([
      { file: 'missing.json', ok: false, problems: [], error: 'file not found' },
    ]);
    expect(run.stderr).toBe('');
  });

  it('with --json exits 0 when all files are valid', async () => {
    const run = await runCli(['validate', '--json', 'good.json'], dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([{ file: 'good.json', ok: true, problems: [] }]);
  });

  it('never prints a stack trace', async () => {
    const run = await runCli(['validate', 'good.json', 'broken.json', 'missing.json', 'folder.json'], dir);
    expect(run.stdout + run.stderr).not.toMatch(stackFrame);
  });
});
