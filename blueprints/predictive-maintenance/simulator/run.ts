/**
 * Command line: writes a simulated pump fleet into a PostgreSQL table until Ctrl+C (or --seconds).
 * `tsx blueprints/predictive-maintenance/simulator/run.ts --database-url postgres://... --rate 2 --create-table`
 */
import postgres from 'postgres';
import { startPumpSimulator } from './pump-simulator';
import { parseRunOptions, unreachable, USAGE } from './run-options';
import { SimulatorError } from './simulator-problems';

async function main(): Promise<number> {
  const options = parseRunOptions(process.argv.slice(2), process.env);
  if (!options) {
    console.log(USAGE);
    return 0;
  }
  let sql: postgres.Sql;
  try {
    sql = postgres(options.databaseUrl, { max: 2, onnotice: () => {}, connect_timeout: 10 });
    await sql`select 1`;
  } catch (error) {
    throw unreachable(options.databaseUrl, error);
  }
  try {
    const simulator = await startPumpSimulator(sql, {
      ...options.simulator,
      onProblem: (problem) => console.error(`${problem.code}: ${problem.message}`),
    });
    const { table, pumps = 8, stepsPerSecond = 1 } = options.simulator;
    console.log(
      `Writing ${pumps} pumps into ${table} at ${stepsPerSecond} step(s) per second from step ${simulator.stats().firstStep}; Ctrl+C stops.`,
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
      if (options.seconds !== undefined) setTimeout(resolve, options.seconds * 1000);
    });
    await simulator.stop();
    const stats = simulator.stats();
    console.log(`Stopped at step ${stats.nextStep}: ${stats.rows} rows in ${stats.inserts} inserts.`);
    return 0;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof SimulatorError) console.error(`${error.code}: ${error.message}`);
    else
      console.error(`The pump simulator stopped: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
