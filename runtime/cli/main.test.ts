import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from './cli-io';
import { main } from './main';
import { linesOf, removeFixtureFiles, runCli, stackFrame, writeFixtureFiles } from './test-support';

let dir: string;
beforeAll(async () => {
  dir = await writeFixtureFiles();
});
afterAll(() => removeFixtureFiles(dir));

describe.concurrent('usage', () => {
  it.each([['--help'], ['-h'], ['help'], ['validate', '--help'], ['publish', '--help']])(
    '%s prints the usage on stdout, exit 0',
    async (...args) => {
      const run = await runCli(args, dir);
      expect(run.code).toBe(0);
      expect(linesOf(run.stdout)[0]).toBe('Usage: projecttwin <command> [options]');
      expect(run.stdout).toMatch(/^ {2}validate <file\.\.\.> /m);
      expect(run.stdout).toMatch(/^ {2}compile <file> /m);
      expect(run.stdout).toMatch(/^ {2}login {2,}/m);
      expect(run.stdout).toMatch(/^ {2}logout {2,}/m);
      expect(run.stdout).toMatch(/^ {2}publish <path> /m);
      expect(run.stderr).toBe('');
    },
  );

  it.each([
    [[], 'projecttwin: no command given'],
    [
      ['frob', 'good.json'],
      "projecttwin: unknown command 'frob' (the commands are validate, compile, login, logout, publish, help)",
    ],
    [['validate', '--frob', 'good.json'], "projecttwin: unknown option '--frob'"],
    [['validate', '-x', 'good.json'], "projecttwin: unknown option '-x'"],
    [['validate', '--json=yes', 'good.json'], "projecttwin: option '--json' does not take an argument"],
    [['validate'], 'projecttwin: validate needs at least one file'],
    [['compile'], 'projecttwin: compile takes exactly one file (got none)'],
    [['compile', 'good.json', 'warn.json'], 'projecttwin: compile takes exactly one file (got 2)'],
    [
      ['validate', '--server', 'http://x', 'good.json'],
      'projecttwin: validate does not take --server (login, logout, publish do)',
    ],
    [
      ['compile', '--model', 'm.onnx', 'good.json'],
      'projecttwin: compile does not take --model (publish does)',
    ],
    [['logout', '--json'], 'projecttwin: logout does not take --json (validate, compile, publish do)'],
    [
      ['login', 'https://twins.example.com'],
      "projecttwin: login takes no file or server name (got 'https://twins.example.com'); name the server with --server",
    ],
    [
      ['login', '--token', 'pt_x', '--email', 'a@b.c'],
      'projecttwin: --token cannot be combined with --email or --password-stdin',
    ],
    [
      ['login', '--password-stdin'],
      'projecttwin: --password-stdin needs --email (stdin carries the password)',
    ],
    [['login', '--token', ''], 'projecttwin: --token needs the API token'],
    [['login', '--server'], "projecttwin: option '--server <value>' argument missing"],
    [
      ['login', '--server', 'ftp://example.com'],
      "projecttwin: --server 'ftp://example.com' is not an http or https URL; write it like http://localhost:8787 or https://twins.example.com",
    ],
    [
      ['login', '--server', 'https://ada:secret@example.com'],
      'projecttwin: --server must not hold a user name or password; log in with projecttwin login',
    ],
    [['logout', 'x'], "projecttwin: logout takes no file (got 'x'); name the server with --server"],
  ])('%j is a usage error: the reason then the usage on stderr, exit 2', async (args, reason) => {
    const run = await runCli(args, dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = linesOf(run.stderr);
    expect(lines[0]).toBe(reason);
    expect(lines[2]).toBe('Usage: projecttwin <command> [options]');
    expect(run.stderr).not.toMatch(stackFrame);
  });

  it('refuses a PROJECTTWIN_SERVER that is not a URL as a usage error', async () => {
    const run = await runCli(['publish', 'good.json'], dir, { PROJECTTWIN_SERVER: 'twins' });
    expect(run.code).toBe(2);
    expect(linesOf(run.stderr)[0]).toBe(
      "projecttwin: PROJECTTWIN_SERVER 'twins' is not a URL; write it with http:// or https://, e.g. http://localhost:8787",
    );
  });

  it('treats arguments after -- as files', async () => {
    const run = await runCli(['validate', '--', '--json'], dir);
    expect(run.code).toBe(1);
    expect(linesOf(run.stdout)[0]).toBe('--json: error: file not found');
  });
});

describe('an unexpected exception', () => {
  const failingIo = (debug: boolean) => {
    const io = memoryIo({ debug });
    io.stdout.line = () => {
      throw new Error('disk on fire\nsecond line');
    };
    return io;
  };

  it('is one line "projecttwin: internal error: <message>" and exit 70, without a stack', async () => {
    const io = failingIo(false);
    expect(await main(['validate', `${dir}/good.json`], io)).toBe(70);
    expect(io.err).toEqual(['projecttwin: internal error: disk on fire\\nsecond line']);
  });

  it('shows its stack when PROJECTTWIN_DEBUG=1', async () => {
    const io = failingIo(true);
    expect(await main(['validate', `${dir}/good.json`], io)).toBe(70);
    expect(io.err[0]).toBe('projecttwin: internal error: disk on fire\\nsecond line');
    expect(io.err[1]).toMatch(stackFrame);
  });
});

describe('main in process', () => {
  it('runs validate against an in-memory io', async () => {
    const io = memoryIo();
    expect(await main(['validate', `${dir}/good.json`, `${dir}/broken.json`], io)).toBe(1);
    expect(io.out.at(-1)).toBe('2 files checked: 1 with errors, 2 errors, 0 warnings');
    expect(io.err).toEqual([]);
  });
});
