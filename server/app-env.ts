import type { ServerConfig } from './config';
import type { Database } from './db/database';

/** The signed-in user of a request. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: 'user' | 'admin';
}

/** What every route can reach: configuration and the database (and, as features land, their services). */
export interface AppDeps {
  config: ServerConfig;
  database: Database;
}

/** Hono environment of the API app. */
export interface AppEnv {
  Variables: {
    deps: AppDeps;
    user: AuthUser | null;
    /** How the user authenticated: a browser session (cookie), an API token, or not at all. */
    via: 'session' | 'token' | null;
    csrfToken: string | null;
  };
}
