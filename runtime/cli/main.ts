import { builtinRegistry } from '../compiler/builtin-registry';
import { processIo, type CliIo } from './cli-io';
import { CliFailure } from './cli-failure';
import { compileCommand } from './compile-command';
import { ExitCode } from './exit-codes';
import { loginCommand } from './login-command';
import { logoutCommand } from './logout-command';
import { oneLine } from './palette';
import { parseCliArgs, type CliCommand } from './parse-cli-args';
import { publishCommand } from './publish-command';
import { UsageError, usageText } from './usage';
import { validateCommand } from './validate-command';

function explainUsage(error: UsageError, io: CliIo): ExitCode {
  io.stderr.line(`projecttwin: ${oneLine(error.message)}`);
  io.stderr.line('');
  io.stderr.line(usageText());
  return ExitCode.usage;
}

async function runCommand(command: CliCommand, io: CliIo): Promise<ExitCode> {
  switch (command.name) {
    case 'help':
      io.stdout.line(usageText());
      return ExitCode.ok;
    case 'login':
      return loginCommand(command, io);
    case 'logout':
      return logoutCommand(command, io);
    case 'publish':
      return publishCommand(command, io);
    case 'validate':
      return validateCommand(command.files, command, io, await builtinRegistry());
    case 'compile':
      return compileCommand(command.file, command, io, await builtinRegistry());
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  try {
    return await runCommand(parseCliArgs(argv), io);
  } catch (error) {
    if (error instanceof UsageError) return explainUsage(error, io);
    if (!(error instanceof CliFailure)) throw error;
    io.stderr.line(`projecttwin: ${oneLine(error.message)}`);
    return error.exitCode;
  }
}

/**
 * Runs the `projecttwin` CLI on its arguments (without `node` and the script) and resolves to the exit code:
 * 0 no errors, 1 errors found (or the server refused, or could not be reached), 2 usage error, 70 internal
 * error. Never throws: an unexpected exception is one line `projecttwin: internal error: <message>` on stderr
 * (with its stack when PROJECTTWIN_DEBUG=1); an expected failure (CliFailure) is one line
 * `projecttwin: <message>`.
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
