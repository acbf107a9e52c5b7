import { z } from '@hono/zod-openapi';

// Shapes for request validation and the OpenAPI document. They check structure (types, required fields, no
// unexpected fields); the twin JSON Schema (schemas/twin/twin.schema.json), applied by loadDocument, remains
// the authority on names, versions and patterns and answers with coded problems.

export const VisibilitySchema = z.enum(['private', 'unlisted', 'public']).openapi('Visibility', {
  description:
    'private: only the owner (and administrators); unlisted: also whoever holds a share link; public: anyone, and listed.',
});

const TableBindingSchema = z
  .object({
    kind: z.literal('table'),
    connection: z.string().min(1).max(64).openapi({ example: 'builtin' }),
    table: z.string().min(1).max(127).openapi({ example: 'demo.pump_telemetry' }),
    columns: z
      .record(z.string(), z.string().min(1).max(63))
      .openapi({ example: { pump_id: 'pump', ts: 'recorded_at' } }),
  })
  .strict()
  .openapi('TableBinding');

const ValueBindingSchema = z
  .object({ kind: z.literal('value'), value: z.unknown() })
  .strict()
  .openapi('ValueBinding');

const BindingSchema = z.discriminatedUnion('kind', [TableBindingSchema, ValueBindingSchema]);

interface SplitShape {
  direction: 'row' | 'column';
  first: string | SplitShape;
  second: string | SplitShape;
  splitPercentage?: number;
}

// Recursive; it must carry an OpenAPI name, or generating the document recurses forever.
const SplitSchema: z.ZodType<SplitShape> = z
  .lazy(() =>
    z
      .object({
        direction: z.enum(['row', 'column']),
        first: z.union([z.string(), SplitSchema]),
        second: z.union([z.string(), SplitSchema]),
        splitPercentage: z.number().min(0).max(100).optional(),
      })
      .strict(),
  )
  .openapi('LayoutSplit');

export const LayoutSchema = z
  .object({
    $schema: z.string().optional(),
    schemaVersion: z.literal(1).optional(),
    name: z.string().optional(),
    version: z.string().optional(),
    title: z.string().optional(),
    description: z.string().optional(),
    blueprint: z.string().optional(),
    kind: z.literal('mosaic'),
    root: z.union([z.null(), z.string(), SplitSchema]),
    hidden: z.array(z.string()).optional(),
    panels: z.record(z.string(), z.object({ title: z.string().optional() }).strict()).optional(),
  })
  .strict()
  .openapi('Layout', { description: 'A mosaic of panels; each panel is a component node id.' });

const BindingsSchema = z.record(z.string(), BindingSchema).openapi({
  description: 'For each blueprint input, where its data comes from.',
});

const OverridesSchema = z.record(z.string(), z.record(z.string(), z.unknown())).openapi({
  description: "Config values that replace the blueprint's, by node id (a shallow merge into each config).",
  example: { trend: { maxPoints: 5000 } },
});

export const TwinDocumentSchema = z
  .object({
    $schema: z.string().optional(),
    schemaVersion: z.literal(1),
    title: z.string().trim().min(1).max(120).openapi({ example: 'North plant pumps' }),
    description: z.string().max(2000).optional(),
    blueprint: z
      .object({
        name: z.string().openapi({ example: 'pump-fleet-monitor' }),
        version: z.string().openapi({ example: '1.0.0' }),
      })
      .strict(),
    bindings: BindingsSchema,
    overrides: OverridesSchema.optional(),
    layout: LayoutSchema.optional(),
    visibility: VisibilitySchema.optional(),
  })
  .strict()
  .openapi('TwinDocument', { description: 'A twin v1 document (schemas/twin/twin.schema.json).' });

export const TwinPatchSchema = z
  .object({
    title: z.string().trim().min(1).max(120).optional(),
    description: z.string().max(2000).optional(),
    bindings: BindingsSchema.optional(),
    overrides: OverridesSchema.optional(),
    layout: LayoutSchema.nullable()
      .optional()
      .openapi({ description: "null removes the twin's own layout." }),
    visibility: VisibilitySchema.optional(),
  })
  .strict()
  .openapi('TwinPatch', {
    description: 'The fields to change; each replaces the whole field. The blueprint version cannot change.',
  });

const BlueprintRefSchema = z.object({ name: z.string(), version: z.string() });

export const TwinSchema = z
  .object({
    id: z.string().uuid(),
    title: z.string(),
    owner: z.object({ id: z.string().uuid(), name: z.string() }),
    blueprint: BlueprintRefSchema,
    document: TwinDocumentSchema,
    visibility: VisibilitySchema,
    createdAt: z.string(),
    updatedAt: z.string(),
    canEdit: z.boolean().describe('Whether the caller may change, delete and share this twin.'),
  })
  .openapi('Twin');

export const TwinListSchema = z.object({ twins: z.array(TwinSchema) }).openapi('TwinList');

export const ShareLinkSchema = z
  .object({
    url: z.string().openapi({ example: 'https://twins.example.com/s/3q2-…' }),
    token: z.string().describe('The link token. Shown only now: it is stored only as a hash.'),
    createdAt: z.string(),
  })
  .openapi('ShareLink');

export const SharedTwinSchema = z
  .object({
    twin: z.object({
      id: z.string().uuid(),
      title: z.string(),
      blueprint: BlueprintRefSchema,
      document: TwinDocumentSchema,
      visibility: VisibilitySchema,
    }),
    blueprint: z.record(z.string(), z.unknown()).describe('The published blueprint version the twin runs.'),
    readOnly: z.literal(true),
  })
  .openapi('SharedTwin');

export const TwinIdParams = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const ShareTokenParams = z.object({
  token: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'token', in: 'path' } }),
});

export const PublicListQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(50)
    .openapi({ param: { name: 'limit', in: 'query' } }),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .openapi({ param: { name: 'offset', in: 'query' } }),
});
