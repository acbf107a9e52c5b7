import type { InputStream } from './cli-io';
import { CliFailure } from './cli-failure';
import { ExitCode } from './exit-codes';

const ENTER = new Set(['\r', '\n']);
const BACKSPACE = new Set(['\u007f', '\b']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const CTRL_U = '\u0015';
const ESCAPE = '\u001b';

/** What one keystroke (or pasted character) does to the answer being typed. */
type Key = { done: true } | { cancelled: true } | { answer: string; echo: string };

/** Applies one character typed in raw mode to the answer so far; escape sequences are skipped by the caller. */
function applyKey(char: string, answer: string, hidden: boolean): Key {
  if (ENTER.has(char) || char === CTRL_D) return { done: true };
  if (char === CTRL_C) return { cancelled: true };
  if (BACKSPACE.has(char)) {
    const chars = Array.from(answer);
    if (chars.length === 0) return { answer, echo: '' };
    return { answer: chars.slice(0, -1).join(''), echo: hidden ? '' : '\b \b' };
  }
  if (char === CTRL_U) {
    const erase = hidden ? '' : '\b \b'.repeat(Array.from(answer).length);
    return { answer: '', echo: erase };
  }
  if (char < ' ') return { answer, echo: '' };
  return { answer: answer + char, echo: hidden ? '' : char };
}

/**
 * Reads one line from a terminal in raw mode, echoing it unless `hidden` (a password). Enter or Ctrl-D ends the
 * answer; Ctrl-C rejects with a CliFailure (exit 130); backspace and Ctrl-U edit; escape sequences (arrow keys)
 * are ignored.
 */
function askOnTerminal(
  input: NodeJS.ReadStream,
  output: NodeJS.WriteStream,
  question: string,
  hidden: boolean,
): Promise<string> {
  output.write(question);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let answer = '';
    let inEscape = false;
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (inEscape) {
          // A CSI sequence ends with a letter or ~; a lone ESC followed by something else ends at once.
          inEscape = char === '[' || !/[A-Za-z~]/.test(char);
          continue;
        }
        if (char === ESCAPE) {
          inEscape = true;
          continue;
        }
        const key = applyKey(char, answer, hidden);
        if ('done' in key) {
          finish();
          resolve(answer);
          return;
        }
        if ('cancelled' in key) {
          finish();
          reject(new CliFailure('cancelled', 'cancelled', { exitCode: ExitCode.interrupted }));
          return;
        }
        answer = key.answer;
        if (key.echo) output.write(key.echo);
      }
    };
    input.on('data', onData);
  });
}

/**
 * The CLI's input bound to a process stream: whether it is a terminal, reading all of it (for
 * `--password-stdin`), and asking questions on the terminal with the prompt on `prompts` (stderr, so stdout
 * stays clean for scripts).
 * @example const password = await terminalInput(process.stdin, process.stderr).ask('Password: ', { hidden: true })
 */
export function terminalInput(input: NodeJS.ReadStream, prompts: NodeJS.WriteStream): InputStream {
  return {
    isTTY: input.isTTY === true,
    async readAll() {
      const chunks: Buffer[] = [];
      for await (const chunk of input) chunks.push(Buffer.from(chunk as Buffer | string));
      return Buffer.concat(chunks).toString('utf8');
    },
    ask(question, options = {}) {
      if (input.isTTY !== true) {
        return Promise.reject(new Error('cannot ask a question: stdin is not a terminal'));
      }
      return askOnTerminal(input, prompts, question, options.hidden === true);
    },
  };
}
