import { terminalInput } from './terminal-input';

/** One output stream of the CLI: writes whole lines and knows whether it may use colour. */
export interface OutputStream {
  /** Writes one line; the newline is added. */
  line(text: string): void;
  /** True when ANSI colour may be used on this stream. */
  colour: boolean;
}

/** Where the CLI reads what a person or a script types (login's email and password). */
export interface InputStream {
  /** True when stdin is a terminal, so a person can be asked. */
  isTTY: boolean;
  /** Reads everything on stdin as UTF-8 text (a script's `--password-stdin`). */
  readAll(): Promise<string>;
  /** Asks on the terminal (the question goes to stderr) and resolves to the answer; `hidden` does not echo it. */
  ask(question: string, options?: { hidden?: boolean }): Promise<string>;
}

/** Where the CLI reads and writes, so that commands can be run against real streams or in memory. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: InputStream;
  /** The environment: PROJECTTWIN_SERVER, PROJECTTWIN_TOKEN, XDG_CONFIG_HOME, HOME. */
  env: Record<string, string | undefined>;
  /** True when PROJECTTWIN_DEBUG=1: internal errors also print their stack trace. */
  debug: boolean;
}

/**
 * True when colour may be used on a stream: it is a terminal and NO_COLOR is not set (https://no-color.org:
 * any non-empty value turns colour off).
 * @example colourAllowed(process.stdout.isTTY, process.env) // false when piped or NO_COLOR=1
 */
export function colourAllowed(isTTY: boolean | undefined, env: Record<string, string | undefined>): boolean {
  return isTTY === true && !env.NO_COLOR;
}

/**
 * Writes lines to a process stream. When the reader goes away (`projecttwin compile x | head -1`: EPIPE) or the
 * stream fails, later lines are dropped instead of crashing with a stack trace; the exit code stays the CLI's.
 */
function lineWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let open = true;
  stream.on('error', () => {
    open = false;
  });
  return (text) => {
    if (open) stream.write(`${text}\n`);
  };
}

/**
 * The CLI's io bound to the process: its stdin, stdout and stderr, colour decided per stream, the environment,
 * debug from it.
 * @example const exitCode = await main(process.argv.slice(2), processIo())
 */
export function processIo(): CliIo {
  const env = process.env;
  return {
    stdout: { line: lineWriter(process.stdout), colour: colourAllowed(process.stdout.isTTY, env) },
    stderr: { line: lineWriter(process.stderr), colour: colourAllowed(process.stderr.isTTY, env) },
    stdin: terminalInput(process.stdin, process.stderr),
    env,
    debug: env.PROJECTTWIN_DEBUG === '1',
  };
}

/** An in-memory io that records the lines written to each stream. */
export interface MemoryIo extends CliIo {
  out: string[];
  err: string[];
}

/**
 * An in-memory io for tests: lines are collected in `out` and `err`; colour is off unless asked for; stdin is
 * not a terminal and holds `stdin` (empty unless given); the environment is `env` (empty unless given).
 * @example
 * const io = memoryIo()
 * await main(['--help'], io)
 * io.out.join('\n') // the usage text
 */
export function memoryIo(
  options: { colour?: boolean; debug?: boolean; stdin?: string; env?: Record<string, string> } = {},
): MemoryIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { line: (text) => void out.push(text), colour: options.colour ?? false },
    stderr: { line: (text) => void err.push(text), colour: options.colour ?? false },
    stdin: {
      isTTY: false,
      readAll: async () => options.stdin ?? '',
      ask: async () => {
        throw new Error('memoryIo cannot ask: its stdin is not a terminal');
      },
    },
    env: options.env ?? {},
    debug: options.debug ?? false,
  };
}
