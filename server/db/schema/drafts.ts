import { sql } from 'drizzle-orm';
import { index, json, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

/** A blueprint being edited, not yet published: the editor's document as it was last saved, problems and all. */
export const blueprintDrafts = pgTable(
  'blueprint_drafts',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    document: json('document').notNull(),
    /** The editor's preview settings for this draft (which demo table feeds which input), as draft-schemas.ts checks them. */
    preview: json('preview').notNull().default({ samples: {} }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('blueprint_drafts_owner_idx').on(t.ownerId, t.updatedAt)],
);
