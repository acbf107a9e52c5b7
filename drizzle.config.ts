import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate` writes a new migration into server/db/migrations after a schema change;
// the server applies pending migrations at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema/index.ts',
  out: './server/db/migrations',
});
