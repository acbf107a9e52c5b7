import { defineConfig } from 'vitest/config';

// Builds the editor (editor/) and runs the unit tests (files named *.test.ts beside the code).
export default defineConfig({
  root: 'editor',
  build: { outDir: '../dist/editor', emptyOutDir: true, reportCompressedSize: false },
  test: {
    root: '.',
    include: ['{schemas,runtime,nodes,server,editor,scripts,bench}/**/*.test.ts', 'e2e/**/*.e2e.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
