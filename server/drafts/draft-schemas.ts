import { z } from '@hono/zod-openapi';

/** The most bytes a draft's document may take as JSON (a 2,000-node blueprint is about 600 KB). */
export const MAX_DRAFT_BYTES = 2 * 1024 * 1024;

const DraftDocument = z
  .record(z.string(), z.unknown())
  .refine((document) => JSON.stringify(document).length <= MAX_DRAFT_BYTES, {
    message: `The blueprint is larger than ${MAX_DRAFT_BYTES / 1024 / 1024} MB, the most a draft may hold.`,
  })
  .openapi({
    description: 'The blueprint as the editor holds it. It may still have problems: drafts are not compiled.',
    example: { schemaVersion: 1, name: 'my-twin', version: '0.1.0', title: 'My twin', nodes: [], edges: [] },
  });

/** The most blueprint inputs a draft's preview settings may name. */
export const MAX_PREVIEW_SAMPLES = 200;

/**
 * The editor's preview settings saved with a draft: which demo table feeds which blueprint input in the live
 * preview. The editor checks on load that each table still exists.
 */
export const DraftPreviewSchema = z
  .object({
    samples: z
      .record(
        z.string().min(1, 'An input name in the preview settings is empty.').max(200),
        z
          .string()
          .regex(
            /^[A-Za-z_][A-Za-z0-9_]{0,62}$/,
            'A demo table name in the preview settings is not a table name (letters, digits and _, at most 63).',
          ),
      )
      .refine((samples) => Object.keys(samples).length <= MAX_PREVIEW_SAMPLES, {
        message: `The preview settings may pick sample data for at most ${MAX_PREVIEW_SAMPLES} inputs.`,
      })
      .openapi({
        description: 'Blueprint input name → the demo table whose rows feed it in the live preview.',
      }),
  })
  .strict()
  .openapi('DraftPreview', { example: { samples: { telemetry: 'pump_telemetry' } } });

export const DraftInputSchema = z
  .object({
    title: z.string().trim().min(1).max(200).openapi({ example: 'Pump monitoring, first try' }),
    document: DraftDocument,
    preview: DraftPreviewSchema.optional().openapi({
      description:
        "The editor's preview settings; when left out, a new draft has none and a saved one keeps its own.",
    }),
  })
  .strict()
  .openapi('DraftInput');

export const DraftSummarySchema = z
  .object({
    id: z.string().uuid(),
    title: z.string(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('DraftSummary');

export const DraftSchema = DraftSummarySchema.extend({
  document: z.record(z.string(), z.unknown()),
  preview: DraftPreviewSchema,
}).openapi('Draft');

export const DraftListSchema = z.object({ drafts: z.array(DraftSummarySchema) }).openapi('DraftList');

export const DraftIdParams = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' } }),
});
