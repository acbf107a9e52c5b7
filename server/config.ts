import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Everything the server reads from its environment, parsed once. */
export interface ServerConfig {
  port: number;
  host: string;
  /** Where the embedded database, artifacts and generated secrets live. */
  dataDir: string;
  /** A PostgreSQL URL; when unset the server starts an embedded PostgreSQL in `dataDir/postgres`. */
  databaseUrl?: string;
  /** Largest JSON request body, in bytes. */
  maxBodyBytes: number;
  /** Largest uploaded artifact (ONNX model, component bundle, thumbnail), in bytes. */
  maxArtifactBytes: number;
  /** Secret the built-in shape sync requires (PROJECTTWIN_SYNC_SECRET), generated and kept in dataDir when unset. */
  syncSecret: string;
  /** Send cookies with the Secure flag (set when served over https). */
  secureCookies: boolean;
  /** Public base URL used in share links, e.g. https://twins.example.com. */
  publicUrl: string;
}

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${name} must be a positive whole number, not "${value}"`);
  return n;
}

/**
 * A secret kept in a file of the data directory, created on first use (mode 0600).
 * @example persistentSecret('.projecttwin', 'sync-secret')
 */
export function persistentSecret(dataDir: string, name: string): string {
  const file = resolve(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * Reads the server configuration from environment variables (see docs/deployment.md for the list).
 * @example const config = loadConfig(process.env)
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const dataDir = resolve(env.PROJECTTWIN_DATA_DIR || '.projecttwin');
  const port = positiveInt(env.PORT, 8787, 'PORT');
  const host = env.HOST || '0.0.0.0';
  return {
    port,
    host,
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    maxBodyBytes: positiveInt(env.PROJECTTWIN_MAX_BODY_BYTES, 1024 * 1024, 'PROJECTTWIN_MAX_BODY_BYTES'),
    maxArtifactBytes: positiveInt(
      env.PROJECTTWIN_MAX_ARTIFACT_BYTES,
      100 * 1024 * 1024,
      'PROJECTTWIN_MAX_ARTIFACT_BYTES',
    ),
    syncSecret: env.PROJECTTWIN_SYNC_SECRET || persistentSecret(dataDir, 'sync-secret'),
    secureCookies: env.PROJECTTWIN_SECURE_COOKIES === '1',
    publicUrl: (env.PROJECTTWIN_PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ''),
  };
}
