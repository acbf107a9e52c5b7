import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** The machine's Mosquitto (started before the session on this kind of machine). */
export const MACHINE_BROKER = { host: '127.0.0.1', port: 1883 };

/**
 * Whether something accepts TCP connections on host:port (within `timeoutMs`).
 * @example if (await listening('127.0.0.1', 1883)) ...
 */
export function listening(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host, port });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((path) => existsSync(path));

/** Whether the Mosquitto program is installed (for tests that run a broker of their own). */
export const mosquittoInstalled = MOSQUITTO !== undefined;

const MOSQUITTO_PASSWD = ['/usr/bin/mosquitto_passwd', '/usr/sbin/mosquitto_passwd'].find((path) =>
  existsSync(path),
);

/** Whether Mosquitto can be run with a password file (for tests of broker passwords). */
export const mosquittoPasswordsInstalled = MOSQUITTO !== undefined && MOSQUITTO_PASSWD !== undefined;

/**
 * Runs a private Mosquitto broker on 127.0.0.1:port (no persistence), resolving once it listens; `stop()` ends
 * it and resolves when the process is gone. Anonymous unless `users` (name → password) is given: then only
 * those users may connect. Tests use it to make a broker appear, vanish and come back, or to check passwords.
 * @example const broker = await startMosquitto(port, { users: { device: 's3cret' } }); ...; await broker.stop()
 */
export async function startMosquitto(
  port: number,
  options: { users?: Record<string, string> } = {},
): Promise<{ process: ChildProcess; stop(): Promise<void> }> {
  if (!MOSQUITTO) throw new Error('mosquitto is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'projecttwin-mosquitto-'));
  const config = join(dir, 'mosquitto.conf');
  let access = 'allow_anonymous true\n';
  if (options.users) {
    if (!MOSQUITTO_PASSWD) throw new Error('mosquitto_passwd is not installed');
    const passwords = join(dir, 'passwords');
    writeFileSync(passwords, '', { mode: 0o600 });
    for (const [user, password] of Object.entries(options.users))
      execFileSync(MOSQUITTO_PASSWD, ['-b', passwords, user, password], { stdio: 'ignore' });
    // Run as root, Mosquitto switches to its own user, who cannot read a private temporary file: stay this user.
    access = `allow_anonymous false\npassword_file ${passwords}\nuser ${userInfo().username}\n`;
  }
  writeFileSync(config, `listener ${port} 127.0.0.1\n${access}persistence false\nlog_dest none\n`);
  const child = spawn(MOSQUITTO, ['-c', config], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await listening('127.0.0.1', port, 200))) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`mosquitto did not start on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    process: child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
