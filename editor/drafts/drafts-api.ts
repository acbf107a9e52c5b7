import type { Blueprint } from '../../runtime/compiler/document-types';
import type { PreviewSettings } from '../graph/sample-choice';
import { apiRequest } from '../twin/api-client';

/** A saved draft as the server lists it. */
export interface DraftSummary {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

/** A draft with its blueprint document and the editor's preview settings. */
export interface Draft extends DraftSummary {
  document: Blueprint;
  /** Absent from a server that predates preview settings. */
  preview?: PreviewSettings;
}

/**
 * The title a draft is saved under: the blueprint's title, else its name, else a plain default.
 * @example draftTitle({ title: 'Pumps' } as Blueprint) // 'Pumps'
 */
export function draftTitle(doc: Partial<Blueprint>): string {
  const title = typeof doc.title === 'string' ? doc.title.trim() : '';
  const name = typeof doc.name === 'string' ? doc.name.trim() : '';
  return (title || name || 'Untitled blueprint').slice(0, 200);
}

/**
 * Saves the document (and the editor's preview settings, when given) as a new draft (no id) or over an existing
 * one; returns the saved draft.
 * @example const saved = await saveDraft(undefined, doc, { samples: { telemetry: 'pump_telemetry' } })
 */
export function saveDraft(id: string | undefined, doc: Blueprint, preview?: PreviewSettings): Promise<Draft> {
  const body = { title: draftTitle(doc), document: doc, ...(preview ? { preview } : {}) };
  return id
    ? apiRequest<Draft>('PUT', `/api/drafts/${encodeURIComponent(id)}`, body)
    : apiRequest<Draft>('POST', '/api/drafts', body);
}

/**
 * One of the signed-in user's drafts.
 * @example const draft = await loadDraft(id)
 */
export function loadDraft(id: string): Promise<Draft> {
  return apiRequest<Draft>('GET', `/api/drafts/${encodeURIComponent(id)}`);
}

/**
 * The signed-in user's drafts, latest change first.
 * @example const { drafts } = await listDrafts()
 */
export function listDrafts(): Promise<{ drafts: DraftSummary[] }> {
  return apiRequest<{ drafts: DraftSummary[] }>('GET', '/api/drafts');
}

/**
 * Publishes the blueprint as a new version in the registry (the server compiles and locks it).
 * @example await publishBlueprint(doc)
 */
export function publishBlueprint(doc: Blueprint): Promise<unknown> {
  return apiRequest('POST', `/api/blueprints/${encodeURIComponent(doc.name)}/versions`, doc);
}
