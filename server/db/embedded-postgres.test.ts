import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-postgres';

const isRoot = process.getuid?.() === 0;
const dir = mkdtempSync(join(tmpdir(), 'projecttwin-embedded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the embedded PostgreSQL', () => {
  it('keeps data across restarts, runs with logical WAL, and leaves no process behind', async () => {
    const first = await startEmbeddedPostgres({ dir: join(dir, 'pg') });
    const pid = Number(readFileSync(join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    let sql = postgres(first.url, { max: 1, onnotice: () => {} });
    expect((await sql`show wal_level`)[0].wal_level).toBe('logical');
    expect((await sql`show listen_addresses`)[0].listen_addresses).toBe('127.0.0.1');
    await sql`create table kept (id int primary key, note text)`;
    await sql`insert into kept values (1, 'still here')`;
    await sql.end();
    await first.stop();
    expect(isRunning(pid)).toBe(false);
    expect(existsSync(join(dir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = await startEmbeddedPostgres({ dir: join(dir, 'pg') });
    sql = postgres(second.url, { max: 1, onnotice: () => {} });
    expect(await sql`select note from kept`).toEqual([{ note: 'still here' }]);
    await sql.end();
    await second.stop();
  }, 120_000);

  it('never takes a port that is already in use', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    const db = await startEmbeddedPostgres({ dir: join(dir, 'pg'), port: taken });
    expect(db.port).not.toBe(taken);
    await db.stop();
    blocker.close();
  }, 120_000);

  // Only a root run can show this; an ordinary user's run has no postgres user to switch to.
  it.skipIf(!isRoot)(
    'runs postgres as the postgres user when started as root (skipped when not run as root)',
    async () => {
      const db = await startEmbeddedPostgres({ dir: join(dir, 'pg') });
      const pid = readFileSync(join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0];
      expect(execFileSync('ps', ['-o', 'user=', '-p', pid], { encoding: 'utf8' }).trim()).toBe('postgres');
      await db.stop();
    },
    120_000,
  );
});

describe('the embedded PostgreSQL as an ordinary user', () => {
  // Switching to nobody needs root; a suite run as an ordinary user is this case already (the tests above).
  it.skipIf(!isRoot)(
    'starts and stops for a user without root rights (run as nobody; skipped when not run as root, as the other tests already run without root then)',
    () => {
      const home = mkdtempSync(join(tmpdir(), 'projecttwin-nobody-'));
      execFileSync('chown', ['nobody', home]);
      const root = join(import.meta.dirname, '..', '..');
      const code = `
      const { startEmbeddedPostgres } = await import('./server/db/embedded-postgres.ts');
      const db = await startEmbeddedPostgres({ dir: ${JSON.stringify(join(home, 'pg'))} });
      const postgres = (await import('postgres')).default;
      const sql = postgres(db.url, { max: 1 });
      const [row] = await sql\`select current_setting('wal_level') as wal\`;
      await sql.end();
      await db.stop();
      console.log(JSON.stringify({ uid: process.getuid(), wal: row.wal }));`;
      const output = execFileSync(
        'runuser',
        [
          '-u',
          'nobody',
          '--',
          'env',
          `HOME=${home}`,
          process.execPath,
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          code,
        ],
        { cwd: root, encoding: 'utf8', timeout: 120_000 },
      );
      const nobody = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim());
      expect(JSON.parse(output.trim().split('\n').at(-1)!)).toEqual({ uid: nobody, wal: 'logical' });
      rmSync(home, { recursive: true, force: true });
    },
    150_000,
  );
});
