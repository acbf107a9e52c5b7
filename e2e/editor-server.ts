import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build, preview, type PreviewServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds the editor as `npm run build` does and serves the build on a free port.
 * @example const { url, close } = await serveBuiltEditor()
 */
export async function serveBuiltEditor(): Promise<{ url: string; close(): Promise<void> }> {
  await build({ configFile: `${root}vite.config.ts`, logLevel: 'warn' });
  const server: PreviewServer = await preview({
    configFile: `${root}vite.config.ts`,
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'warn',
  });
  const address = server.httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}
