import { z } from '@hono/zod-openapi';
import { CHECKS } from './findings';

// Shapes for request validation and the OpenAPI document. No response shape has a password field: a stored
// password never leaves the server.

const TlsModeSchema = z.enum(['disable', 'require', 'verify-full']).openapi('TlsMode', {
  description:
    'disable: no encryption (only on this machine or a private network); require: encrypted, certificate not ' +
    'checked; verify-full: encrypted, and the certificate must be valid for the host.',
});

const NameSchema = z.string().trim().min(1).max(120).openapi({ example: 'Plant floor database' });
const HostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(
    /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.:-]+)$/,
    'should be a host name or an IP address, such as db.example.com or 192.168.1.20.',
  )
  .openapi({ example: 'db.example.com' });
const PortSchema = z.number().int().min(1).max(65535).openapi({ example: 5432 });
const DatabaseSchema = z.string().min(1).max(63).openapi({ example: 'plant' });
const UsernameSchema = z.string().min(1).max(63).openapi({ example: 'projecttwin' });
const PasswordSchema = z
  .string()
  .max(1000)
  .openapi({ description: 'Stored encrypted; never sent back.', example: 'a long password' });

export const NewConnectionSchema = z
  .object({
    name: NameSchema,
    host: HostSchema,
    port: PortSchema.default(5432),
    database: DatabaseSchema,
    username: UsernameSchema,
    password: PasswordSchema,
    tlsMode: TlsModeSchema.default('require'),
  })
  .strict()
  .openapi('NewConnection');

export const ConnectionPatchSchema = z
  .object({
    name: NameSchema.optional(),
    host: HostSchema.optional(),
    port: PortSchema.optional(),
    database: DatabaseSchema.optional(),
    username: UsernameSchema.optional(),
    password: PasswordSchema.optional(),
    tlsMode: TlsModeSchema.optional(),
  })
  .strict()
  .openapi('ConnectionPatch', {
    description:
      'The fields to change. Any change but the name is tested first and saved only if the server can be reached.',
  });

export const FindingSchema = z
  .object({
    check: z.enum(CHECKS),
    ok: z.boolean(),
    message: z.string().openapi({ example: 'wal_level is "replica"; it needs to be "logical".' }),
    fix: z.string().nullable().openapi({ example: 'ALTER SYSTEM SET wal_level = logical; then restart.' }),
    tables: z.array(z.string()).optional(),
  })
  .openapi('Finding');

export const CheckReportSchema = z
  .object({ ok: z.boolean(), checkedAt: z.string(), findings: z.array(FindingSchema) })
  .openapi('CheckReport');

export const ConnectionSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    owner: z.object({ id: z.string().uuid(), name: z.string() }),
    host: z.string(),
    port: z.number().int(),
    database: z.string(),
    username: z.string(),
    tlsMode: TlsModeSchema,
    passwordNeedsReentry: z
      .boolean()
      .describe(
        "True when the stored password cannot be decrypted (the server's key changed): enter it again.",
      ),
    publication: z.string().nullable().describe('The publication ProjectTwin made on that server, if any.'),
    tables: z.array(z.string()).describe('The tables in that publication (schema.table).'),
    lastCheck: CheckReportSchema.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Connection');

export const ConnectionListSchema = z
  .object({ connections: z.array(ConnectionSchema) })
  .openapi('ConnectionList');

const ColumnSchema = z.object({
  name: z.string(),
  pgType: z.string().openapi({ example: 'double precision' }),
  type: z
    .string()
    .nullable()
    .describe('The blueprint column type, or null when a blueprint cannot declare it.'),
  nullable: z.boolean(),
});

export const TableListSchema = z
  .object({
    tables: z.array(
      z.object({
        name: z.string().openapi({ example: 'public.readings' }),
        schema: z.string(),
        table: z.string(),
        columns: z.array(ColumnSchema),
        primaryKey: z.array(z.string()),
        canSelect: z.boolean(),
        isOwner: z.boolean(),
        replicaIdentity: z.enum(['default', 'full', 'index', 'nothing']),
        published: z.boolean().describe("Whether it is in this connection's publication."),
        streamable: z
          .boolean()
          .describe('Whether the table itself can be streamed (primary key, readable); see `problems`.'),
        problems: z.array(z.string()),
      }),
    ),
    serverReady: z.boolean().describe('Whether the server itself can stream changes; see `findings`.'),
    findings: z.array(FindingSchema),
  })
  .openapi('TableList');

export const PublicationRequestSchema = z
  .object({
    tables: z
      .array(z.string().min(1).max(300))
      .min(1)
      .max(200)
      .openapi({ example: ['public.readings'], description: 'The tables to stream, written schema.table.' }),
  })
  .strict()
  .openapi('PublicationRequest');

export const PublicationResultSchema = z
  .object({
    publication: z.string().openapi({ example: 'projecttwin_3f2a9c1e77b0' }),
    tables: z.array(z.string()),
    findings: z.array(FindingSchema),
  })
  .openapi('PublicationResult');

export const DeletedConnectionSchema = z
  .object({
    deleted: z.literal(true),
    publication: z
      .object({ name: z.string(), dropped: z.boolean(), message: z.string() })
      .nullable()
      .describe("What became of the connection's publication on the user's server."),
  })
  .openapi('DeletedConnection');

export const ConnectionIdParams = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' } }),
});
