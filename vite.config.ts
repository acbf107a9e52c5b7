import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

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
  },
  server: { fs: { allow: ['..'] } },
  test: {
    root: '.',
    include: [
      '{schemas,runtime,nodes,server,editor,scripts,bench}/**/*.test.{ts,tsx}',
      'e2e/**/*.e2e.test.ts',
    ],
    globalSetup: ['server/test-support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
