/** One output stream of the CLI: writes whole lines and knows whether it may use colour. */
export interface OutputStream {
  /** Writes one line; the newline is added. */
  line(text: string): void;
  /** True when ANSI colour may be used on this stream. */
  colour: boolean;
}

/** Where the CLI writes, so that commands can be run against real streams or in memory. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
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
 * The CLI's io bound to the process: its stdout and stderr, colour decided per stream, debug from the environment.
 * @example const exitCode = await main(process.argv.slice(2), processIo())
 */
export function processIo(): CliIo {
  const env = process.env;
  return {
    stdout: { line: lineWriter(process.stdout), colour: colourAllowed(process.stdout.isTTY, env) },
    stderr: { line: lineWriter(process.stderr), colour: colourAllowed(process.stderr.isTTY, env) },
    debug: env.PROJECTTWIN_DEBUG === '1',
  };
}

/** An in-memory io that records the lines written to each stream. */
export interface MemoryIo extends CliIo {
  out: string[];
  err: string[];
}

/**
 * An in-memory io for tests: lines are collected in `out` and `err`; colour is off unless asked for.
 * @example
 * const io = memoryIo()
 * await main(['--help'], io)
 * io.out.join('\n') // the usage text
 */
export function memoryIo(options: { colour?: boolean; debug?: boolean } = {}): MemoryIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { line: (text) => void out.push(text), colour: options.colour ?? false },
    stderr: { line: (text) => void err.push(text), colour: options.colour ?? false },
    debug: options.debug ?? false,
  };
}
