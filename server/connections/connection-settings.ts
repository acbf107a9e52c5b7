import { persistentSecret } from '../config';
import { parseHostPolicy, type HostPolicy } from './host-allowlist';

/** What the data-connection feature reads from the environment. */
export interface ConnectionSettings {
  /** The AES-256 key that encrypts stored passwords. */
  secretKey: Buffer;
  /** The hosts the server may connect to. */
  hosts: HostPolicy;
}

/** The variables this feature reads (see docs/deployment.md). */
export type ConnectionEnv = Partial<
  Record<'PROJECTTWIN_SECRET_KEY' | 'PROJECTTWIN_CONNECTION_HOSTS', string | undefined>
>;

/**
 * Decodes PROJECTTWIN_SECRET_KEY (32 bytes in base64 or base64url); throws a plain error when it is not that.
 * @example parseSecretKey(execSync('openssl rand -base64 32').toString())
 */
export function parseSecretKey(value: string, name = 'PROJECTTWIN_SECRET_KEY'): Buffer {
  const text = value.trim();
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : Buffer.alloc(0);
  if (key.length !== 32) {
    throw new Error(
      `${name} must be 32 random bytes written in base64 (for example the output of "openssl rand -base64 32"), ` +
        `but it ${key.length ? `decodes to ${key.length} bytes` : 'is not base64'}.`,
    );
  }
  return key;
}

/**
 * Checks the feature's environment variables without touching the disk, so that a bad value stops the server at
 * start rather than at the first request.
 * @example checkConnectionEnv(process.env)
 */
export function checkConnectionEnv(env: ConnectionEnv): void {
  if (env.PROJECTTWIN_SECRET_KEY) parseSecretKey(env.PROJECTTWIN_SECRET_KEY);
  parseHostPolicy(env.PROJECTTWIN_CONNECTION_HOSTS);
}

/**
 * Reads the settings: the key from PROJECTTWIN_SECRET_KEY, or else generated once into `<dataDir>/secret-key`
 * (mode 0600); the host policy from PROJECTTWIN_CONNECTION_HOSTS.
 * @example const { secretKey, hosts } = readConnectionSettings(process.env, config.dataDir)
 */
export function readConnectionSettings(env: ConnectionEnv, dataDir: string): ConnectionSettings {
  const secretKey = env.PROJECTTWIN_SECRET_KEY
    ? parseSecretKey(env.PROJECTTWIN_SECRET_KEY)
    : parseSecretKey(persistentSecret(dataDir, 'secret-key'), `${dataDir}/secret-key`);
  return { secretKey, hosts: parseHostPolicy(env.PROJECTTWIN_CONNECTION_HOSTS) };
}

const cache = new Map<string, ConnectionSettings>();

/**
 * The settings for a server whose data directory is `dataDir`, read from the environment when first needed and
 * again whenever the variables change.
 * @example const settings = connectionSettings(c.var.deps.config.dataDir)
 */
export function connectionSettings(dataDir: string, env: ConnectionEnv = process.env): ConnectionSettings {
  const id = [dataDir, env.PROJECTTWIN_SECRET_KEY ?? '', env.PROJECTTWIN_CONNECTION_HOSTS ?? ''].join('\n');
  let settings = cache.get(id);
  if (!settings) {
    settings = readConnectionSettings(env, dataDir);
    cache.set(id, settings);
  }
  return settings;
}
