import { and, desc, eq } from 'drizzle-orm';
import type { JSONValue } from 'hono/utils/types';
import type { AuthUser } from '../app-env';
import { canManage, requireUser } from '../auth/authenticate';
import type { Db } from '../db/database';
import { blueprintDrafts } from '../db/schema/index';
import { ApiError } from '../http/api-error';

type DraftRow = typeof blueprintDrafts.$inferSelect;

/** The editor's preview settings kept with a draft: blueprint input name → demo table name. */
export interface DraftPreview {
  samples: Record<string, string>;
}

export interface DraftInput {
  title: string;
  document: Record<string, unknown>;
  /** Left out: a new draft gets none, a saved draft keeps its own. */
  preview?: DraftPreview;
}

/** A draft as the API lists it. */
export interface DraftSummary {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

/** A draft with its document. */
export interface DraftView extends DraftSummary {
  document: { [key: string]: JSONValue };
  preview: DraftPreview;
}

/** The stored preview settings, read defensively (a row written before they existed holds the default). */
function previewOf(stored: unknown): DraftPreview {
  const samples = (stored as { samples?: unknown } | null)?.samples;
  if (!samples || typeof samples !== 'object' || Array.isArray(samples)) return { samples: {} };
  return {
    samples: Object.fromEntries(
      Object.entries(samples).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    ),
  };
}

const summary = (row: DraftRow): DraftSummary => ({
  id: row.id,
  title: row.title,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
const view = (row: DraftRow): DraftView => ({
  ...summary(row),
  document: row.document as { [key: string]: JSONValue },
  preview: previewOf(row.preview),
});

function draftNotFound(): ApiError {
  return new ApiError(404, 'draft_not_found', 'There is no draft with this id, or it is not yours.');
}

async function ownedDraft(db: Db, user: AuthUser | null, id: string): Promise<DraftRow> {
  const caller = requireUser(user);
  const [row] = await db.select().from(blueprintDrafts).where(eq(blueprintDrafts.id, id));
  if (!row || !canManage(caller, row.ownerId)) throw draftNotFound();
  return row;
}

/**
 * Saves a new draft for the caller.
 * @example const draft = await createDraft(db, user, { title: 'First try', document })
 */
export async function createDraft(db: Db, user: AuthUser | null, input: DraftInput): Promise<DraftView> {
  const caller = requireUser(user);
  const [row] = await db
    .insert(blueprintDrafts)
    .values({
      ownerId: caller.id,
      title: input.title,
      document: input.document,
      preview: input.preview ?? { samples: {} },
    })
    .returning();
  return view(row);
}

/**
 * The caller's drafts, latest change first, without their documents.
 * @example const { drafts } = await listMyDrafts(db, user)
 */
export async function listMyDrafts(db: Db, user: AuthUser | null): Promise<{ drafts: DraftSummary[] }> {
  const caller = requireUser(user);
  const rows = await db
    .select()
    .from(blueprintDrafts)
    .where(eq(blueprintDrafts.ownerId, caller.id))
    .orderBy(desc(blueprintDrafts.updatedAt), desc(blueprintDrafts.id));
  return { drafts: rows.map(summary) };
}

/**
 * One draft with its document (its owner or an administrator).
 * @example const draft = await getDraft(db, user, id)
 */
export async function getDraft(db: Db, user: AuthUser | null, id: string): Promise<DraftView> {
  return view(await ownedDraft(db, user, id));
}

/**
 * Replaces a draft's title and document, and its preview settings when given (its owner or an administrator).
 * @example await saveDraft(db, user, id, { title, document, preview: { samples: { telemetry: 'pump_telemetry' } } })
 */
export async function saveDraft(
  db: Db,
  user: AuthUser | null,
  id: string,
  input: DraftInput,
): Promise<DraftView> {
  const current = await ownedDraft(db, user, id);
  const [row] = await db
    .update(blueprintDrafts)
    .set({
      title: input.title,
      document: input.document,
      ...(input.preview ? { preview: input.preview } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(blueprintDrafts.id, current.id), eq(blueprintDrafts.ownerId, current.ownerId)))
    .returning();
  if (!row) throw draftNotFound();
  return view(row);
}

/**
 * Deletes a draft (its owner or an administrator).
 * @example await deleteDraft(db, user, id)
 */
export async function deleteDraft(db: Db, user: AuthUser | null, id: string): Promise<void> {
  const current = await ownedDraft(db, user, id);
  await db.delete(blueprintDrafts).where(eq(blueprintDrafts.id, current.id));
}
