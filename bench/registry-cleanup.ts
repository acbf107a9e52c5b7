/**
 * Removal of the registry benchmark's temporary directory (and the PostgreSQL running from it) however the
 * benchmark ends.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

/**
 * Waits for the process $1 to end, then stops the PostgreSQL whose pid file is $2/postgres/postmaster.pid (if it
 * still runs) and removes $2. Polls with `kill -0`, which only asks whether the process exists.
 */
const WATCHDOG = `
while kill -0 "$1" 2>/dev/null; do sleep 0.5; done
pid=$(head -n 1 "$2/postgres/postmaster.pid" 2>/dev/null)
if [ -n "$pid" ] && kill -INT "$pid" 2>/dev/null; then
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
fi
rm -rf "$2"
`;

/**
 * Removes `dir` when this process ends, however it ends. A normal exit, an error or Ctrl-C handled in time
 * removes it from the exit handler. A process killed outright never runs that handler: tsx, which runs the
 * benchmark, sends SIGKILL to a script that does not acknowledge Ctrl-C within 60 ms (busy seeding, say), and
 * the embedded PostgreSQL would then keep running. So a small detached watchdog (its own session, so Ctrl-C in
 * the terminal does not reach it) waits for this process to end, stops the PostgreSQL under `dir/postgres` if
 * it still runs, and removes `dir`; after a clean exit it finds nothing left to do.
 * @example const dir = mkdtempSync(join(tmpdir(), 'bench-')); removeOnExit(dir)
 */
export function removeOnExit(dir: string): void {
  process.on('exit', () => {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // PostgreSQL may still be writing there: the watchdog removes it once that has stopped
    }
  });
  if (process.platform === 'win32') return;
  spawn('sh', ['-c', WATCHDOG, 'registry-bench-watchdog', String(process.pid), dir], {
    detached: true,
    stdio: 'ignore',
  }).unref();
}
