import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinManifests } from '../nodes/builtins';
import { freePort } from './db/free-port';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'projecttwin-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs `tsx server/main.ts` (what npm start runs) and resolves once it prints its URL. */
async function start(port: number): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), PROJECTTWIN_DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 90 s:\n${output}`)), 90_000);
    child.stdout!.on('data', () => {
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

function postgresPid(): number {
  return Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start (server/main.ts) on the embedded default', () => {
  it('serves API and editor on one port, stops cleanly on SIGTERM, and keeps data across a restart', async () => {
    const port = await freePort(18787);
    const first = await start(port);
    expect(first.url).toBe(`http://localhost:${port}`);
    expect(await (await fetch(`${first.url}/api/health`)).json()).toEqual({ ok: true });
    const page = await fetch(`${first.url}/twins/anything`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('<div id="root">');
    const signup = await fetch(`${first.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'keeper@example.com', password: 'keeper-password', name: 'Keeper' }),
    });
    expect(signup.status).toBe(201);
    const components = (await (await fetch(`${first.url}/api/components?limit=100`)).json()) as {
      total: number;
    };
    // Every built-in node type is seeded as a component.
    expect(components.total).toBe(builtinManifests.length);
    const pid = postgresPid();
    expect(alive(pid)).toBe(true);
    expect(await stop(first.child)).toBe(0);
    expect(first.output()).toContain('stopped.');
    expect(alive(pid)).toBe(false);

    const second = await start(port);
    const login = await fetch(`${second.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'keeper@example.com', password: 'keeper-password' }),
    });
    expect(login.status).toBe(200);
    // Seeding again on restart is idempotent.
    const again = (await (await fetch(`${second.url}/api/components?limit=100`)).json()) as { total: number };
    expect(again.total).toBe(builtinManifests.length);
    expect(await stop(second.child)).toBe(0);
  }, 240_000);
});
