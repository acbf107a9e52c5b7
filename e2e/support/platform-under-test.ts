/**
 * The real platform for end-to-end tests: the editor built into a folder of its own, a fresh test database, and
 * startPlatform serving both (not a test itself).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { startPlatform, type RunningPlatform } from '../../server/platform';
import { stopSync } from '../../server/sync/sync-registry';
import { testConfig } from '../../server/test-support/test-app';
import { createTestDatabase } from '../../server/test-support/test-database';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** One JavaScript file of the editor build and the source modules bundled into it. */
export interface BuiltChunk {
  fileName: string;
  moduleIds: string[];
}

/** A running platform with its own editor build. */
export interface PlatformUnderTest {
  platform: RunningPlatform;
  /** The platform's address, e.g. http://localhost:41234. */
  url: string;
  /** The JavaScript files of the editor build. */
  chunks: BuiltChunk[];
  /** Stops the platform, drops its database and removes its build and data folders. */
  stop(): Promise<void>;
}

interface OutputLike {
  output: { type: string; fileName: string; moduleIds?: string[]; modules?: Record<string, unknown> }[];
}

function chunksOf(result: unknown): BuiltChunk[] {
  const outputs = (Array.isArray(result) ? result : [result]) as OutputLike[];
  return outputs.flatMap((o) =>
    (o.output ?? [])
      .filter((item) => item.type === 'chunk')
      .map((chunk) => ({
        fileName: chunk.fileName,
        moduleIds: chunk.moduleIds ?? Object.keys(chunk.modules ?? {}),
      })),
  );
}

/**
 * Builds the editor into dist/editor-<name>-e2e (its own folder, so that no other test or running server sees a
 * half-written build), starts the platform on a fresh test database serving that build, and returns it.
 * @example const pt = await startPlatformUnderTest('library'); await page.goto(`${pt.url}/library`); await pt.stop()
 */
export async function startPlatformUnderTest(name: string): Promise<PlatformUnderTest> {
  const editorDist = join(root, 'dist', `editor-${name}-e2e`);
  const built = await build({
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: editorDist, emptyOutDir: true },
  });
  const created = await createTestDatabase();
  await created.database.close();
  const dataDir = mkdtempSync(join(tmpdir(), `projecttwin-${name}-e2e-`));
  let platform: RunningPlatform;
  try {
    platform = await startPlatform(
      testConfig(dataDir, { databaseUrl: created.url, port: 0, publicUrl: 'http://localhost' }),
      { log: () => {}, buildEditor: false, editorDist },
    );
  } catch (error) {
    await created.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    platform,
    url: platform.url,
    chunks: chunksOf(built),
    stop: async () => {
      // The test database is dropped afterwards, so its replication slot goes too (a server keeps it while
      // shapes exist).
      await stopSync(platform.database, 'always');
      await platform.stop();
      await created.drop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(editorDist, { recursive: true, force: true });
    },
  };
}
