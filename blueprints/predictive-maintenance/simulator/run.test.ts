import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../server/test-support/test-database';

const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const RUN = fileURLToPath(new URL('./run.ts', import.meta.url));

let url: string;
let drop: () => Promise<void>;

beforeAll(async () => {
  const test = await createTestDatabase();
  url = test.url;
  drop = test.drop;
});

afterAll(async () => drop?.());

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, [RUN, ...args], { env: { ...process.env, DATABASE_URL: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('the simulator command line', () => {
  it('writes the fleet into a new table for the given time, then stops', async () => {
    const result = await run([
      '--database-url',
      url,
      '--table',
      'demo.cli_pumps',
      '--create-table',
      '--pumps',
      '2',
      '--rate',
      '20',
      '--seconds',
      '1',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const steps = Number(/Stopped at step (\d+)/.exec(result.stdout)?.[1]);
    expect(steps).toBeGreaterThan(5);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    const [{ count }] = await sql<{ count: string }[]>`select count(*) from demo.cli_pumps`;
    await sql.end();
    expect(Number(count)).toBe(steps * 2);
  });

  it('says in plain words what is wrong, and exits with 1', async () => {
    const badTable = await run(['--database-url', url, '--table', 'no such table']);
    expect(badTable.code).toBe(1);
    expect(badTable.stderr).toContain('PTR601');
    const missing = await run(['--database-url', url, '--table', 'demo.absent']);
    expect(missing.stderr).toContain('PTR602: The table demo.absent does not exist');
  });
});
