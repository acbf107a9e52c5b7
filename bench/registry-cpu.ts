/**
 * Where the CPU went during a load run, on Linux (/proc): the machine as a whole, this process (the server),
 * the PostgreSQL cluster (postmaster, its live backends and those that exited) and, by difference, everything
 * else. On a shared machine the last figure tells whether other work disturbed the measurement.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Cumulative CPU seconds at one moment. */
export interface CpuSnapshot {
  at: number;
  machineBusy: number;
  server: number;
  postgres: number;
}

/** Cores used on average between two snapshots (1 = one core fully busy). */
export interface CpuShare {
  server: number;
  postgres: number;
  client: number;
  other: number;
  machine: number;
}

/** Linux's USER_HZ: /proc counts CPU time in ticks of 1/100 s on every mainstream architecture. */
const TICKS_PER_SECOND = 100;

/** Fields of /proc/<pid>/stat after the command name: [0] is field 3 (state), [1] ppid, [11] utime... */
function statFields(pid: string): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // exited meanwhile
  }
}

function postgresSeconds(postmaster: string): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const f = statFields(pid);
    if (!f) continue;
    if (pid === postmaster) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    else if (f[1] === postmaster) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / TICKS_PER_SECOND;
}

function machineBusySeconds(): number {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = values.map(Number);
  return (user + nice + system + irq + softirq + (steal || 0)) / TICKS_PER_SECOND;
}

/**
 * The CPU used so far by the machine, this process and the PostgreSQL cluster whose data directory is
 * `postgresDir`; null where /proc is not available (not Linux).
 * @example const before = cpuSnapshot(dir); ...; const share = cpuShare(before, cpuSnapshot(dir)!, clientSeconds)
 */
export function cpuSnapshot(postgresDir: string): CpuSnapshot | null {
  const pidFile = join(postgresDir, 'postmaster.pid');
  if (!existsSync('/proc/stat') || !existsSync(pidFile)) return null;
  const postmaster = readFileSync(pidFile, 'utf8').split('\n')[0].trim();
  const { user, system } = process.cpuUsage();
  return {
    at: performance.now(),
    machineBusy: machineBusySeconds(),
    server: (user + system) / 1e6,
    postgres: postgresSeconds(postmaster),
  };
}

/**
 * The average cores each party used between two snapshots, given the load generator's own CPU seconds;
 * `other` is what the rest of the machine used (never below 0: tick rounding).
 * @example cpuShare(before, after, 0.8) // { server: 0.3, postgres: 1.2, client: 0.04, other: 0.1, machine: 1.6 }
 */
export function cpuShare(before: CpuSnapshot, after: CpuSnapshot, clientSeconds: number): CpuShare {
  const wall = (after.at - before.at) / 1000;
  const server = (after.server - before.server) / wall;
  const postgres = (after.postgres - before.postgres) / wall;
  const client = clientSeconds / wall;
  const machine = (after.machineBusy - before.machineBusy) / wall;
  return { server, postgres, client, other: Math.max(0, machine - server - postgres - client), machine };
}
