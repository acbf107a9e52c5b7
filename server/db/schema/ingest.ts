import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  json,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';

export const ingestSourceEnum = pgEnum('ingest_source', ['csv', 'http', 'mqtt']);

/**
 * A data table in the platform's own database (schema `data`) that a user created by ingestion; twins bind to it
 * with the `builtin` connection.
 */
export const dataTables = pgTable(
  'data_tables',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The table's name inside the `data` schema. */
    tableName: text('table_name').notNull().unique(),
    title: text('title').notNull(),
    source: ingestSourceEnum('source').notNull(),
    /** Column names, types and the primary key, as created. */
    columns: json('columns').notNull(),
    primaryKey: text('primary_key').array().notNull(),
    rowCount: integer('row_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('data_tables_owner_idx').on(t.ownerId)],
);

/** Idempotency keys of the HTTP ingest endpoint: a retried batch with the same key is not applied twice. */
export const ingestRequests = pgTable(
  'ingest_requests',
  {
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    idempotencyKey: text('idempotency_key').notNull(),
    dataTableId: uuid('data_table_id')
      .notNull()
      .references(() => dataTables.id, { onDelete: 'cascade' }),
    /** SHA-256 of the request body: the same key with another body is refused. */
    bodySha256: text('body_sha256').notNull(),
    response: json('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ingest_requests_key_idx').on(t.ownerId, t.idempotencyKey)],
);

/** MQTT subscriptions that map JSON payloads to rows of a data table. */
export const mqttBridges = pgTable(
  'mqtt_bridges',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The broker's address, with the user name but never the password. */
    brokerUrl: text('broker_url').notNull(),
    /** The broker password encrypted with the server's secret key, bound to `mqtt-bridge:<id>`; null when none. */
    brokerPasswordEncrypted: text('broker_password_encrypted'),
    topic: text('topic').notNull(),
    dataTableId: uuid('data_table_id')
      .notNull()
      .references(() => dataTables.id, { onDelete: 'cascade' }),
    /** For each table column, the JSON pointer in the payload it is read from. */
    mapping: json('mapping').notNull(),
    enabled: integer('enabled').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mqtt_bridges_owner_idx').on(t.ownerId)],
);

/** A CSV upload waiting for the user to confirm its preview (column names and types). */
export const csvUploads = pgTable('csv_uploads', {
  id: uuid('id')
    .primaryKey()
    .default(sql`gen_random_uuid()`),
  ownerId: uuid('owner_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  filename: text('filename').notNull(),
  artifactSha256: text('artifact_sha256').notNull(),
  preview: json('preview').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
