/**
 * The simulator's problems (PTR600–PTR609, documented in docs/errors.md): plain words for the person who
 * started it, and a stable code.
 */

/** A problem with the pump simulator's options, its table or its database. */
export class SimulatorError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SimulatorError';
  }
}

/**
 * PTR600: an option of the simulator has a value it cannot use.
 * @example throw badOption('pumps', 0, 'a whole number from 1 to 1000')
 */
export function badOption(name: string, value: unknown, expected: string): SimulatorError {
  return new SimulatorError(
    'PTR600',
    `The pump simulator's "${name}" is ${JSON.stringify(value)}, but it must be ${expected}.`,
  );
}

/**
 * PTR601: the table name is not a plain table or schema.table name.
 * @example throw badTableName('drop table x;')
 */
export function badTableName(table: string): SimulatorError {
  return new SimulatorError(
    'PTR601',
    `"${table}" is not a table name the pump simulator can write to; use letters, digits and underscores, optionally with a schema, e.g. demo.pump_telemetry.`,
  );
}

/**
 * PTR602: the table does not exist and the simulator was not asked to create it.
 * @example throw missingTable('demo.pump_telemetry')
 */
export function missingTable(table: string): SimulatorError {
  return new SimulatorError(
    'PTR602',
    `The table ${table} does not exist; create it, or start the simulator with createTable (--create-table on the command line).`,
  );
}

/**
 * PTR603: the table exists but lacks columns the simulator writes.
 * @example throw missingColumns('demo.pump_telemetry', ['flow'])
 */
export function missingColumns(table: string, columns: string[]): SimulatorError {
  return new SimulatorError(
    'PTR603',
    `The table ${table} has no column${columns.length > 1 ? 's' : ''} ${columns.join(', ')}, which the pump simulator writes; use another table, or let the simulator create a new one.`,
  );
}

/**
 * PTR604: writing a batch of readings failed; the simulator keeps the readings and tries again at the next tick.
 * @example onProblem(writeFailed('demo.pump_telemetry', error))
 */
export function writeFailed(table: string, error: unknown): SimulatorError {
  const reason = error instanceof Error ? error.message : String(error);
  return new SimulatorError(
    'PTR604',
    `The pump simulator could not write to ${table} (${reason}); it will try again at the next tick.`,
  );
}
