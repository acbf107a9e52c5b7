import { z } from '@hono/zod-openapi';
import { COLUMN_TYPES } from './column-types';
import { DELIMITERS } from './csv-dialect';

// Shapes for request validation and the OpenAPI document. Names, keys and values are checked further (with
// plain messages) by the ingest functions.

export const ColumnTypeSchema = z.enum(COLUMN_TYPES).openapi('IngestColumnType', {
  description: 'int8 (whole numbers), float8 (numbers), bool, timestamptz (date and time), date or text.',
});

const name = z.string().min(1).max(63).openapi({ example: 'temperature' });

const idParam = (param: string) =>
  z.object({
    [param]: z
      .string()
      .uuid()
      .openapi({ param: { name: param, in: 'path' } }),
  });
export const TableIdParams = idParam('id');
export const UploadIdParams = idParam('uploadId');
export const BridgeIdParams = idParam('id');

export const DataColumnSchema = z.object({
  name: z.string(),
  type: ColumnTypeSchema,
  nullable: z.boolean(),
  generated: z.boolean().optional().openapi({ description: 'The generated key (bigint identity).' }),
});

export const DataTableSchema = z
  .object({
    id: z.string().uuid(),
    title: z.string(),
    tableName: z.string().openapi({ example: 'pump_telemetry' }),
    qualifiedName: z.string().openapi({ example: 'data.pump_telemetry' }),
    source: z.enum(['csv', 'http', 'mqtt']),
    columns: z.array(DataColumnSchema),
    primaryKey: z.array(z.string()),
    keyGenerated: z
      .boolean()
      .openapi({ description: 'True when the key is a generated id (rows are appended).' }),
    rowCount: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('DataTable');

export const DataTableListSchema = z.object({ tables: z.array(DataTableSchema) }).openapi('DataTableList');

const columnsField = z
  .array(z.object({ name, type: ColumnTypeSchema }).strict())
  .min(1)
  .max(1000);
const keyField = z.array(name).min(1).max(32).optional().openapi({
  description: 'Key columns; rows are then upserted by them. Without it, a generated id column is the key.',
});
const tableNameField = name.optional().openapi({
  description: 'The name in schema data; derived from the title when absent.',
  example: 'pump_telemetry',
});

export const NewTableSchema = z
  .object({
    title: z.string().min(1).max(200),
    tableName: tableNameField,
    columns: columnsField,
    primaryKey: keyField,
    source: z.enum(['http', 'mqtt']).optional().openapi({ description: 'What will fill it (default http).' }),
  })
  .strict()
  .openapi('NewDataTable');

export const CsvImportSchema = z
  .object({
    title: z.string().min(1).max(200),
    tableName: tableNameField,
    columns: columnsField.openapi({ description: "One per column of the file, in the file's order." }),
    primaryKey: keyField,
  })
  .strict()
  .openapi('CsvImport');

export const CsvPreviewSchema = z
  .object({
    uploadId: z.string().uuid(),
    filename: z.string(),
    expiresAt: z.string(),
    delimiter: z.enum(DELIMITERS),
    header: z.boolean(),
    columns: z.array(
      z.object({
        name: z.string(),
        sourceName: z.string(),
        type: ColumnTypeSchema,
        nullable: z.boolean(),
        examples: z.array(z.string()),
      }),
    ),
    rowCount: z.number().int(),
    sampleRows: z.array(z.array(z.string().nullable())),
    problems: z.array(z.string()),
    problemCount: z.number().int(),
  })
  .openapi('CsvPreview');

export const CsvUploadStatusSchema = z
  .object({
    uploadId: z.string().uuid(),
    status: z.enum(['ready', 'importing', 'imported', 'failed']),
    progress: z.object({ rowsDone: z.number().int(), rowsTotal: z.number().int() }),
    preview: CsvPreviewSchema.nullable().openapi({ description: 'Null once imported.' }),
    table: DataTableSchema.nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  })
  .openapi('CsvUploadStatus');

export const IngestRowsSchema = z
  .object({
    rows: z
      .array(z.record(z.string(), z.unknown()))
      .min(1)
      .max(10_000)
      .openapi({ example: [{ pump_id: 'p1', ts: '2024-05-01T12:00:00Z', temperature: 21.5 }] }),
  })
  .strict()
  .openapi('IngestRows');

export const IngestResultSchema = z
  .object({
    tableId: z.string().uuid(),
    received: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
  })
  .openapi('IngestResult');

export const NewBridgeSchema = z
  .object({
    brokerUrl: z
      .string()
      .min(1)
      .max(2048)
      .openapi({
        description:
          'mqtt://, mqtts://, ws:// or wss://, with user:password@ when the broker asks for them; the password is ' +
          'stored apart from the address, encrypted, and never shown again.',
        example: 'mqtt://device:s3cret@127.0.0.1:1883',
      }),
    topic: z.string().min(1).max(1024).openapi({ example: 'plant/+/telemetry' }),
    tableId: z.string().uuid(),
    mapping: z.record(name, z.string().max(1024)).openapi({
      description: 'Column → JSON pointer into the payload (or $topic, $timestamp).',
      example: { pump_id: '$topic', temperature: '/reading/temperature' },
    }),
  })
  .strict()
  .openapi('NewMqttBridge');

export const BridgeStatusSchema = z.object({
  state: z.enum(['connecting', 'connected', 'reconnecting', 'needs_password', 'stopped']).openapi({
    description:
      'needs_password: the saved broker password cannot be read (the secret key changed); enter it again.',
  }),
  connectedAt: z.string().nullable(),
  lastMessageAt: z.string().nullable(),
  received: z.number().int(),
  written: z.number().int(),
  rejected: z.number().int(),
  failed: z.number().int(),
  lastError: z
    .object({
      at: z.string(),
      message: z.string(),
      code: z.string().optional().openapi({ example: 'broker_password_unreadable' }),
    })
    .nullable(),
  lastRejection: z.object({ at: z.string(), reason: z.string() }).nullable(),
  reconnectAttempt: z.number().int(),
  nextAttemptAt: z.string().nullable(),
});

export const BridgeSchema = z
  .object({
    id: z.string().uuid(),
    brokerUrl: z
      .string()
      .openapi({ description: 'Without its password (*** stands for it when there is one).' }),
    passwordNeedsReentry: z.boolean().openapi({
      description:
        "True when the saved broker password cannot be read with the server's secret key any more.",
    }),
    topic: z.string(),
    tableId: z.string().uuid(),
    mapping: z.record(z.string(), z.string()),
    createdAt: z.string(),
    status: BridgeStatusSchema,
  })
  .openapi('MqttBridge');

export const BridgePasswordSchema = z
  .object({
    password: z.string().min(1).max(1024).openapi({ description: 'The broker password (stored encrypted).' }),
  })
  .strict()
  .openapi('MqttBridgePassword');

export const BridgeListSchema = z.object({ bridges: z.array(BridgeSchema) }).openapi('MqttBridgeList');
