import { builtinRegistry } from '../compiler/builtin-registry';
import { processIo, type CliIo } from './cli-io';
import { compileCommand } from './compile-command';
import { ExitCode } from './exit-codes';
import { oneLine } from './palette';
import { parseCliArgs, type CliCommand } from './parse-cli-args';
import { UsageError, usageText } from './usage';
import { validateCommand } from './validate-command';

function parseOrExplain(argv: readonly string[], io: CliIo): CliCommand | undefined {
  try {
    return parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.line(`projecttwin: ${oneLine(error.message)}`);
    io.stderr.line('');
    io.stderr.line(usageText());
    return undefined;
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const command = parseOrExplain(argv, io);
  if (command === undefined) return ExitCode.usage;
  if (command.name === 'help') {
    io.stdout.line(usageText());
    return ExitCode.ok;
  }
  const registry = await builtinRegistry();
  if (command.name === 'validate') return validateCommand(command.files, command, io, registry);
  return compileCommand(command.file, command, io, registry);
}

/**
 * Runs the `projecttwin` CLI on its arguments (without `node` and the script) and resolves to the exit code:
 * 0 no errors, 1 errors found, 2 usage error, 70 internal error. Never throws: an unexpected exception is one
 * line `projecttwin: internal error: <message>` on stderr (with its stack when PROJECTTWIN_DEBUG=1).
 * @example process.exitCode = await main(process.argv.slice(2))
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<ExitCode> {
  try {
    return await run(argv, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.line(`projecttwin: internal error: ${oneLine(message)}`);
    if (io.debug && error instanceof Error && error.stack !== undefined) io.stderr.line(error.stack);
    return ExitCode.internal;
  }
}
