import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linesOf, removeFixtureFiles, runCli, stackFrame, writeFixtureFiles } from './test-support';

let dir: string;
beforeAll(async () => {
  dir = await writeFixtureFiles();
});
afterAll(() => removeFixtureFiles(dir));

/** Each bad file and the one line the CLI must print for it. */
const badFiles: [string, RegExp][] = [
  ['empty.json', /^empty\.json: error PT002: The file is empty/],
  ['not-json.json', /^not-json\.json: error PT001: The file is not valid JSON/],
  ['array.json', /^array\.json: error PT003: This is not a blueprint/],
  ['model-card.json', /^model-card\.json: error PT003: This is not a blueprint: .*"nodes"/],
  ['missing.json', /^missing\.json: error: file not found$/],
  ['folder.json', /^folder\.json: error: this is a folder, not a file/],
];

describe.concurrent('a file that is not a readable blueprint', () => {
  it.each(badFiles)(
    'validate %s: one clear line, the summary, exit 1, no stack trace',
    async (file, line) => {
      const run = await runCli(['validate', file], dir);
      expect(run.code).toBe(1);
      expect(linesOf(run.stdout)).toEqual([
        expect.stringMatching(line),
        '1 file checked: 1 with errors, 1 error, 0 warnings',
      ]);
      expect(run.stderr).toBe('');
      expect(run.stdout).not.toMatch(stackFrame);
    },
  );

  it.each(badFiles)('compile %s: one clear line on stderr, nothing on stdout, exit 1', async (file, line) => {
    const run = await runCli(['compile', file], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(linesOf(run.stderr)).toEqual([
      expect.stringMatching(line),
      '1 file checked: 1 with errors, 1 error, 0 warnings',
    ]);
    expect(run.stderr).not.toMatch(stackFrame);
  });

  it('does not stop the other files from being checked', async () => {
    const files = badFiles.map(([file]) => file);
    const run = await runCli(['validate', ...files, 'good.json', 'warn.json'], dir);
    expect(run.code).toBe(1);
    const lines = linesOf(run.stdout);
    expect(lines.slice(0, badFiles.length).map((text, i) => badFiles[i][1].test(text))).toEqual(
      badFiles.map(() => true),
    );
    expect(lines.slice(badFiles.length)).toEqual([
      expect.stringMatching(/^warn\.json:\/inputs\/unused: warning PT150: /),
      '8 files checked: 6 with errors, 6 errors, 1 warning',
    ]);
  });

  it('gives one JSON entry each with --json', async () => {
    const run = await runCli(['validate', '--json', 'missing.json', 'folder.json', 'empty.json'], dir);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual([
      { file: 'missing.json', ok: false, problems: [], error: 'file not found' },
      { file: 'folder.json', ok: false, problems: [], error: expect.stringMatching(/^this is a folder/) },
      { file: 'empty.json', ok: false, problems: [expect.objectContaining({ code: 'PT002', pointer: '' })] },
    ]);
  });

  it('reports an unreadable file in one line', async () => {
    const file = join(dir, 'locked.json');
    await writeFile(file, '{}');
    await chmod(file, 0o000);
    // Root reads any file, so a root test run makes the CLI run as the unprivileged user nobody.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) await chmod(dir, 0o755);
    const run = await runCli(['validate', 'locked.json'], dir, {}, asRoot ? { user: 'nobody' } : {});
    expect(run.code).toBe(1);
    expect(linesOf(run.stdout)[0]).toBe('locked.json: error: permission denied: the file cannot be read');
  });
});
