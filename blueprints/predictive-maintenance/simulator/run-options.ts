/**
 * The command line of the pump simulator (run.ts): options in, plain-words problems (PTR605, PTR606) out.
 */
import { parseArgs } from 'node:util';
import type { PumpSimulatorOptions } from './pump-simulator';
import { SimulatorError } from './simulator-problems';

/** What the command line asks for. */
export interface RunOptions {
  databaseUrl: string;
  simulator: PumpSimulatorOptions;
  /** Stop after this many seconds (default: run until Ctrl+C). */
  seconds?: number;
}

/** The help text. */
export const USAGE = `Usage: tsx blueprints/predictive-maintenance/simulator/run.ts [options]

Writes a simulated pump fleet's telemetry into a PostgreSQL table until stopped (Ctrl+C).

  --database-url URL   the database (default: the DATABASE_URL environment variable)
  --table NAME         the table, name or schema.name (default: demo.pump_telemetry)
  --rate N             simulation steps (operating hours) per second (default: 1)
  --pumps N            pumps in the fleet (default: 8)
  --seed N             seed of the simulation (default: 1)
  --create-table       create the table (and schema) when missing
  --retain-steps N     keep only the last N steps in the table
  --seconds N          stop after N seconds
  --help               show this text`;

function cliError(message: string): SimulatorError {
  return new SimulatorError('PTR605', `${message} Run with --help to see the options.`);
}

function number(name: string, text: string | undefined, integer: boolean): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw cliError(`--${name} must be ${integer ? 'a whole number' : 'a number'}, not "${text}".`);
  }
  return value;
}

/**
 * Reads the command line; `undefined` when help was asked for. Throws a SimulatorError (PTR605) on an unknown
 * option, a missing value or a missing database URL.
 * @example parseRunOptions(['--database-url', 'postgres://localhost/db', '--rate', '5'], {})
 */
export function parseRunOptions(
  args: string[],
  env: Record<string, string | undefined>,
): RunOptions | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        'database-url': { type: 'string' },
        table: { type: 'string' },
        rate: { type: 'string' },
        pumps: { type: 'string' },
        seed: { type: 'string' },
        'create-table': { type: 'boolean' },
        'retain-steps': { type: 'string' },
        seconds: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    const text = error instanceof Error ? error.message.replace(/\. To specify.*$/s, '') : String(error);
    throw cliError(`${text.replace(/\.$/, '')}.`);
  }
  const v = parsed.values;
  if (v.help) return undefined;
  const databaseUrl = v['database-url'] ?? env.DATABASE_URL;
  if (!databaseUrl) throw cliError('Say which database to write to: --database-url postgres://user@host/db.');
  const seconds = number('seconds', v.seconds, false);
  if (seconds !== undefined && !(seconds > 0)) throw cliError(`--seconds must be above 0, not ${seconds}.`);
  return {
    databaseUrl,
    seconds,
    simulator: {
      table: v.table ?? 'demo.pump_telemetry',
      stepsPerSecond: number('rate', v.rate, false),
      pumps: number('pumps', v.pumps, true),
      seed: number('seed', v.seed, true),
      createTable: v['create-table'] ?? false,
      retainSteps: number('retain-steps', v['retain-steps'], true),
    },
  };
}

/**
 * PTR606: plain words for a database connection that failed, without the password.
 * @example unreachable('postgres://u:secret@db:5432/x', new Error('connect ECONNREFUSED')) // code PTR606
 */
export function unreachable(databaseUrl: string, error: unknown): SimulatorError {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    return new SimulatorError(
      'PTR606',
      `"--database-url" is not a URL such as postgres://user@host:5432/db.`,
    );
  }
  const where = `the database ${url.pathname.slice(1) || '(default)'} at ${url.hostname}:${url.port || '5432'}`;
  const reason = error instanceof Error ? error.message : String(error);
  return new SimulatorError(
    'PTR606',
    `Could not reach ${where} (${reason}); check that it runs and the URL is right.`,
  );
}
