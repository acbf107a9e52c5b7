import { sql } from 'drizzle-orm';
import { index, integer, json, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

export const tlsModeEnum = pgEnum('tls_mode', ['disable', 'require', 'verify-full']);

/** A user's own PostgreSQL that twins may read from. The password is stored encrypted (AES-256-GCM). */
export const connections = pgTable(
  'connections',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    host: text('host').notNull(),
    port: integer('port').notNull().default(5432),
    database: text('database').notNull(),
    username: text('username').notNull(),
    /** base64url of iv | auth tag | ciphertext, with the key id: `v1:<iv>:<tag>:<ciphertext>`. */
    passwordEncrypted: text('password_encrypted').notNull(),
    tlsMode: tlsModeEnum('tls_mode').notNull().default('require'),
    /** The publication ProjectTwin created on that server, and the tables in it. */
    publication: text('publication'),
    tables: text('tables')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The last test's findings (plain-word checks), for the UI. */
    lastCheck: json('last_check'),
    lastCheckedAt: timestamp('last_checked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('connections_owner_idx').on(t.ownerId)],
);
