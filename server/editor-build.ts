import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const EDITOR_DIST = join(ROOT, 'dist', 'editor');
const SOURCES = ['editor', 'runtime', 'schemas', 'nodes'].map((d) => join(ROOT, d));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the editor with Vite when there is no build yet or a source file is newer than the build.
 * @example await ensureEditorBuilt(console.log)
 */
export async function ensureEditorBuilt(log: (line: string) => void): Promise<void> {
  const index = join(EDITOR_DIST, 'index.html');
  if (existsSync(index)) {
    const built = statSync(index).mtimeMs;
    if (SOURCES.every((dir) => !existsSync(dir) || newestMtime(dir) <= built)) return;
  }
  log('building the web app (first start, or its sources changed)...');
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}
