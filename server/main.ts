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
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (error) {
  console.error(`ProjectTwin could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
