import { z } from '@hono/zod-openapi';

/** The problems a document or blueprint has, as the compiler and loader report them. */
export const ProblemSchema = z
  .object({
    code: z.string().openapi({ example: 'PT130' }),
    severity: z.enum(['error', 'warning']),
    message: z.string(),
    pointer: z.string().openapi({ example: '/nodes/3/config/y/0' }),
    nodeId: z.string().optional(),
    edgeId: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('Problem');

export const ArtifactRefSchema = z
  .object({
    sha256: z.string(),
    bytes: z.number().int(),
    mediaType: z.string(),
    url: z.string().openapi({ example: '/api/artifacts/9f86d0...' }),
  })
  .openapi('ArtifactRef');

export const ModelStatusSchema = z
  .object({
    code: z.enum(['ready', 'needs_conversion']),
    message: z.string(),
  })
  .openapi('ModelStatus');

export const EntrySummarySchema = z
  .object({
    kind: z.enum(['blueprint', 'model', 'component', 'layout']),
    name: z.string().openapi({ example: 'pump-fleet-monitor' }),
    title: z.string(),
    description: z.string(),
    tags: z.array(z.string()),
    category: z.string().nullable().describe('Components: source|transform|model|component; models: task.'),
    usages: z.array(z.string()),
    latestVersion: z.string(),
    owner: z.object({ id: z.string(), name: z.string() }),
    forkedFrom: z.object({ name: z.string(), version: z.string() }).nullable(),
    deprecated: z.object({ at: z.string(), message: z.string() }).nullable(),
    thumbnail: z.string().nullable().describe('URL of the picture shown in the library, if any.'),
    useCount: z.number().int(),
    downloadCount: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('EntrySummary');

export const VersionSummarySchema = z
  .object({
    version: z.string(),
    sha256: z.string().describe("SHA-256 of the document's canonical JSON (keys sorted)."),
    artifact: ArtifactRefSchema.nullable(),
    publishedAt: z.string(),
  })
  .openapi('VersionSummary');

const DocumentSchema = z.record(z.string(), z.unknown()).openapi({ description: 'The published document.' });

export const EntryListSchema = z
  .object({ items: z.array(EntrySummarySchema), total: z.number().int() })
  .openapi('EntryList');

export const EntryDetailSchema = EntrySummarySchema.extend({
  document: DocumentSchema.describe("The latest version's document."),
  sha256: z.string(),
  artifact: ArtifactRefSchema.nullable(),
  status: ModelStatusSchema.optional(),
  versions: z.array(VersionSummarySchema).describe('Newest first.'),
  usedBy: z.array(EntrySummarySchema).describe('Entries whose latest version depends on this one.'),
}).openapi('EntryDetail');

export const VersionListSchema = z.object({ versions: z.array(VersionSummarySchema) }).openapi('VersionList');

export const VersionDocumentSchema = VersionSummarySchema.extend({
  kind: EntrySummarySchema.shape.kind,
  name: z.string(),
  status: ModelStatusSchema.optional(),
  document: DocumentSchema,
}).openapi('VersionDocument');

export const PublishedSchema = z
  .object({
    entry: EntrySummarySchema,
    version: VersionSummarySchema,
    document: DocumentSchema.describe('The document as stored (for blueprints, with the resolved lock).'),
    status: ModelStatusSchema.optional(),
    problems: z.array(ProblemSchema).describe('Warnings found while checking (never errors).'),
  })
  .openapi('Published');

export const DeprecateSchema = z
  .object({
    message: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .openapi({ example: 'Use pump-fleet-monitor-v2, which reads the new sensor table.' }),
  })
  .strict()
  .openapi('Deprecate');

export const UseCountSchema = z.object({ useCount: z.number().int() }).openapi('UseCount');

/** A blueprint, model or layout name in a path or body (slug). */
export const slugSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes, starting with a letter');

/** A component's name in a body: its node-type id, scope/name. */
export const typeIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}\/[a-z][a-z0-9.-]{0,79}$/, 'a node-type id such as acme/gauge');

export const ForkSlugSchema = z
  .object({ name: slugSchema.openapi({ example: 'my-pump-monitor' }) })
  .strict()
  .openapi('Fork');

export const ForkComponentSchema = z
  .object({ name: typeIdSchema.openapi({ example: 'acme/chart.line' }) })
  .strict()
  .openapi('ForkComponent');

const usageEnum = z.enum(['monitor', 'predict', 'simulate', 'diagnose', 'optimise']);
const booleanText = z.enum(['true', 'false', 'only']);

const commonQuery = {
  q: z.string().max(200).optional().openapi({ description: 'Words to search for; "pum" finds "pump".' }),
  tag: z.string().max(32).optional(),
  owner: z.string().uuid().optional().openapi({ description: "The owner's user id." }),
  deprecated: booleanText.default('false').openapi({
    description: 'false (default): hide deprecated entries; true: include them; only: only them.',
  }),
  sort: z.enum(['relevance', 'recent', 'popular', 'name']).optional().openapi({
    description: 'Default: relevance when q is given, else recent. popular = uses + downloads.',
  }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
};

export const BlueprintQuerySchema = z.object({ ...commonQuery, usage: usageEnum.optional() }).strict();
export const ModelQuerySchema = z
  .object({
    ...commonQuery,
    category: z
      .enum(['regression', 'classification', 'anomaly-detection', 'forecasting', 'clustering', 'other'])
      .optional()
      .openapi({ description: "The model's task." }),
  })
  .strict();
export const ComponentQuerySchema = z
  .object({ ...commonQuery, category: z.enum(['source', 'transform', 'model', 'component']).optional() })
  .strict();
export const LayoutQuerySchema = z.object(commonQuery).strict();

/** Every filter a list accepts, whatever the kind. */
export type ListQuery = z.infer<typeof LayoutQuerySchema> & { usage?: string; category?: string };
export type EntrySummary = z.infer<typeof EntrySummarySchema>;
export type EntryDetail = z.infer<typeof EntryDetailSchema>;
export type VersionSummary = z.infer<typeof VersionSummarySchema>;
export type VersionDocument = z.infer<typeof VersionDocumentSchema>;
export type Published = z.infer<typeof PublishedSchema>;
export type ArtifactRef = z.infer<typeof ArtifactRefSchema>;
export type ModelStatus = z.infer<typeof ModelStatusSchema>;
