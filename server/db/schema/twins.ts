import { sql } from 'drizzle-orm';
import { index, json, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

export const visibilityEnum = pgEnum('visibility', ['private', 'unlisted', 'public']);

/** A deployed twin: a blueprint version bound to data, with overrides and layout (the twin v1 document). */
export const twins = pgTable(
  'twins',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    blueprintName: text('blueprint_name').notNull(),
    blueprintVersion: text('blueprint_version').notNull(),
    document: json('document').notNull(),
    visibility: visibilityEnum('visibility').notNull().default('private'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('twins_owner_idx').on(t.ownerId), index('twins_blueprint_idx').on(t.blueprintName)],
);

/** Read-only share links: the link's token is a capability; only its SHA-256 is stored. */
export const shareLinks = pgTable(
  'share_links',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    twinId: uuid('twin_id')
      .notNull()
      .references(() => twins.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('share_links_twin_idx').on(t.twinId)],
);
