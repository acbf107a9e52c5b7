import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const editorDir = fileURLToPath(new URL('./editor/', import.meta.url));

/**
 * The pages to build: the app, plus the test harness pages in editor/harness/ when PROJECTTWIN_HARNESS=1 (set by
 * the end-to-end tests and benchmarks, so a production build never ships them).
 */
function pages(): Record<string, string> {
  const input: Record<string, string> = { main: `${editorDir}index.html` };
  if (process.env.PROJECTTWIN_HARNESS === '1') {
    for (const file of readdirSync(`${editorDir}harness`)) {
      if (file.endsWith('.html')) input[`harness-${file.slice(0, -5)}`] = `${editorDir}harness/${file}`;
    }
  }
  return input;
}

// Builds the editor (editor/) and runs the unit tests (files named *.test.ts beside the code) and the
// end-to-end tests in e2e/.
export default defineConfig({
  root: 'editor',
  plugins: [react()],
  build: {
    outDir: '../dist/editor',
    emptyOutDir: true,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1024,
    rollupOptions: { input: pages() },
  },
  server: { fs: { allow: ['..'] } },
  test: {
    root: '.',
    include: [
      '{schemas,runtime,nodes,server,editor,scripts,bench}/**/*.test.{ts,tsx}',
      'e2e/**/*.e2e.test.ts',
      'blueprints/**/*.test.ts',
    ],
    globalSetup: ['server/test-support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
