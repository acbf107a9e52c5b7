import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CliFailure } from './cli-failure';
import { terminalInput } from './terminal-input';

/** A fake terminal: typed text goes in, what the CLI writes (prompt, echo) is collected. */
function fakeTerminal() {
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    rawMode: [] as boolean[],
    setRawMode(mode: boolean) {
      input.rawMode.push(mode);
      return input;
    },
  });
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk: Buffer) => (written += chunk.toString()));
  const terminal = terminalInput(
    input as unknown as NodeJS.ReadStream,
    output as unknown as NodeJS.WriteStream,
  );
  return { terminal, input, written: () => written };
}

describe('terminalInput', () => {
  it('asks for a password without echoing it; backspace edits, escape sequences are ignored', async () => {
    const { terminal, input, written } = fakeTerminal();
    const answer = terminal.ask('Password: ', { hidden: true });
    input.write('sx\u007fecr\u001b[Det\r');
    expect(await answer).toBe('secret');
    expect(written()).toBe('Password: \n');
    expect(input.rawMode).toEqual([true, false]);
  });

  it('echoes a visible answer', async () => {
    const { terminal, input, written } = fakeTerminal();
    const answer = terminal.ask('Email: ');
    input.write('ada@example.com\n');
    expect(await answer).toBe('ada@example.com');
    expect(written()).toBe('Email: ada@example.com\n');
  });

  it('turns Ctrl-C into a CliFailure with exit code 130, leaving raw mode', async () => {
    const { terminal, input } = fakeTerminal();
    const answer = terminal.ask('Password: ', { hidden: true });
    input.write('sec\u0003');
    const error = await answer.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliFailure);
    expect((error as CliFailure).exitCode).toBe(130);
    expect(input.rawMode).toEqual([true, false]);
  });

  it('reads all of stdin for --password-stdin', async () => {
    const { terminal, input } = fakeTerminal();
    const all = terminal.readAll();
    input.end('pass\nword\n');
    expect(await all).toBe('pass\nword\n');
  });
});
