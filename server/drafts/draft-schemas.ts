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

export const DraftInputSchema = z
  .object({
    title: z.string().trim().min(1).max(200).openapi({ example: 'Pump monitoring, first try' }),
    document: DraftDocument,
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

export const DraftSchema = DraftSummarySchema.extend({ document: z.record(z.string(), z.unknown()) }).openapi(
  'Draft',
);

export const DraftListSchema = z.object({ drafts: z.array(DraftSummarySchema) }).openapi('DraftList');

export const DraftIdParams = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' } }),
});
