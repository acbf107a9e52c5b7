import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build, preview, type PreviewServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds the editor as `npm run build` does, with the harness pages, into a folder of its own under
 * dist/editor-e2e/, and serves the build on a free port; `close` stops the server and removes the folder.
 * @example const { url, close } = await serveBuiltEditor()
 */
export async function serveBuiltEditor(): Promise<{ url: string; close(): Promise<void> }> {
  // A folder per build: test files build in parallel, and none may see another's half-written build.
  const outDir = `${root}dist/editor-e2e/${process.pid}-${randomBytes(4).toString('hex')}`;
  // Include the test harness pages (editor/harness/*.html) in this build.
  process.env.PROJECTTWIN_HARNESS = '1';
  await build({
    configFile: `${root}vite.config.ts`,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  const server: PreviewServer = await preview({
    configFile: `${root}vite.config.ts`,
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'warn',
  });
  const address = server.httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
