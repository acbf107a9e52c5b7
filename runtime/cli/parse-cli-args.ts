import { parseArgs } from 'node:util';
import { normalizeServerUrl } from './server-url';
import { UsageError } from './usage';

/** A command line the CLI understood. */
export type CliCommand =
  | { name: 'help' }
  | { name: 'validate'; files: string[]; json: boolean }
  | { name: 'compile'; file: string; json: boolean }
  | { name: 'login'; server?: string; token?: string; email?: string; passwordStdin: boolean }
  | { name: 'logout'; server?: string }
  | { name: 'publish'; path: string; server?: string; model?: string; json: boolean };

const commandNames = ['validate', 'compile', 'login', 'logout', 'publish', 'help'];

const optionSpecs = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  server: { type: 'string' },
  token: { type: 'string' },
  email: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  model: { type: 'string' },
} as const;

type OptionName = keyof typeof optionSpecs;

/** The options each command takes (besides --help, which every command takes). */
const commandOptions: Record<string, readonly OptionName[]> = {
  validate: ['json'],
  compile: ['json'],
  login: ['server', 'token', 'email', 'password-stdin'],
  logout: ['server'],
  publish: ['server', 'model', 'json'],
};

interface ParsedOptions {
  positionals: string[];
  values: { [K in OptionName]?: K extends 'json' | 'help' | 'password-stdin' ? boolean : string };
}

function parseOptions(argv: readonly string[]): ParsedOptions {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: optionSpecs,
      allowPositionals: true,
      strict: true,
    });
    return { positionals, values };
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

/** Refuses an option the command does not take, naming the commands that do. */
function checkOptionsFit(command: string, values: ParsedOptions['values']): void {
  const allowed = commandOptions[command] ?? [];
  for (const name of Object.keys(values) as OptionName[]) {
    if (name === 'help' || allowed.includes(name)) continue;
    const takers = Object.keys(commandOptions).filter((c) => commandOptions[c].includes(name));
    throw new UsageError(
      `${command} does not take --${name} (${takers.join(', ')} do${takers.length === 1 ? 'es' : ''})`,
    );
  }
}

function exactlyOne(command: string, what: string, items: string[]): string {
  if (items.length !== 1) {
    throw new UsageError(
      `${command} takes exactly one ${what} (got ${items.length === 0 ? 'none' : items.length})`,
    );
  }
  return items[0];
}

function serverOption(values: ParsedOptions['values']): { server?: string } {
  return values.server === undefined ? {} : { server: normalizeServerUrl(values.server, '--server') };
}

function loginCommand(rest: string[], values: ParsedOptions['values']): CliCommand {
  if (rest.length > 0)
    throw new UsageError(
      `login takes no file or server name (got '${rest[0]}'); name the server with --server`,
    );
  const { token, email } = values;
  const passwordStdin = values['password-stdin'] === true;
  if (token !== undefined && (email !== undefined || passwordStdin)) {
    throw new UsageError('--token cannot be combined with --email or --password-stdin');
  }
  if (token !== undefined && token.trim() === '') throw new UsageError('--token needs the API token');
  if (passwordStdin && email === undefined) {
    throw new UsageError('--password-stdin needs --email (stdin carries the password)');
  }
  return {
    name: 'login',
    ...serverOption(values),
    ...(token === undefined ? {} : { token }),
    ...(email === undefined ? {} : { email }),
    passwordStdin,
  };
}

/**
 * Reads the CLI's arguments (without `node` and the script) with `node:util` parseArgs. `--help` anywhere wins;
 * anything the CLI cannot run (an unknown command or option, an option the command does not take, a wrong
 * number of files, a --server that is not an http(s) URL) throws a UsageError whose message names the problem.
 * @example parseCliArgs(['validate', 'a.json', '--json']) // { name: 'validate', files: ['a.json'], json: true }
 * @example parseCliArgs(['publish', 'pumps.json', '--server', 'https://twins.example.com/'])
 * // { name: 'publish', path: 'pumps.json', server: 'https://twins.example.com', json: false }
 */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const { positionals, values } = parseOptions(argv);
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') return { name: 'help' };
  if (command === undefined) throw new UsageError('no command given');
  if (!commandNames.includes(command)) {
    throw new UsageError(`unknown command '${command}' (the commands are ${commandNames.join(', ')})`);
  }
  checkOptionsFit(command, values);
  const json = values.json === true;
  switch (command) {
    case 'validate':
      if (rest.length === 0) throw new UsageError('validate needs at least one file');
      return { name: 'validate', files: rest, json };
    case 'compile':
      return { name: 'compile', file: exactlyOne('compile', 'file', rest), json };
    case 'login':
      return loginCommand(rest, values);
    case 'logout':
      if (rest.length > 0)
        throw new UsageError(`logout takes no file (got '${rest[0]}'); name the server with --server`);
      return { name: 'logout', ...serverOption(values) };
    default: {
      const path = exactlyOne('publish', 'path', rest);
      return {
        name: 'publish',
        path,
        ...serverOption(values),
        ...(values.model === undefined ? {} : { model: values.model }),
        json,
      };
    }
  }
}
