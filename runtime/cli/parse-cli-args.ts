import { parseArgs } from 'node:util';
import { UsageError } from './usage';

/** A command line the CLI understood. */
export type CliCommand =
  | { name: 'help' }
  | { name: 'validate'; files: string[]; json: boolean }
  | { name: 'compile'; file: string; json: boolean };

const commandNames = ['validate', 'compile', 'help'];

function parseOptions(argv: readonly string[]): { positionals: string[]; json: boolean; help: boolean } {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { positionals, json: values.json ?? false, help: values.help ?? false };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /^Unknown option '([^']*)'/.exec(message);
    const first = message.split('. ')[0];
    throw new UsageError(
      unknown ? `unknown option '${unknown[1]}'` : first.charAt(0).toLowerCase() + first.slice(1),
    );
  }
}

/**
 * Reads the CLI's arguments (without `node` and the script) with `node:util` parseArgs. `--help` anywhere wins;
 * anything the CLI cannot run throws a UsageError whose message names the problem.
 * @example parseCliArgs(['validate', 'a.json', '--json']) // { name: 'validate', files: ['a.json'], json: true }
 */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const { positionals, json, help } = parseOptions(argv);
  const [command, ...files] = positionals;
  if (help || command === 'help') return { name: 'help' };
  if (command === undefined) throw new UsageError('no command given');
  switch (command) {
    case 'validate':
      if (files.length === 0) throw new UsageError('validate needs at least one file');
      return { name: 'validate', files, json };
    case 'compile':
      if (files.length !== 1) {
        throw new UsageError(
          `compile takes exactly one file (got ${files.length === 0 ? 'none' : files.length})`,
        );
      }
      return { name: 'compile', file: files[0], json };
    default:
      throw new UsageError(`unknown command '${command}' (the commands are ${commandNames.join(', ')})`);
  }
}
