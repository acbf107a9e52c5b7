/**
 * The API calls the deploy wizard makes, typed as the server answers them (server/connections, server/ingest,
 * server/twins, server/demo): the user's connections and their tables, CSV upload and import, the user's uploaded
 * tables, the built-in demo tables and their first rows, creating a twin, and its share link and visibility.
 */
import type { ColumnType } from '../../schemas/blueprint/blueprint.types';
import type { Twin } from '../../schemas/twin/twin.types';
import { ApiError, apiRequest, currentUser, readResponse } from '../twin/api-client';

/** One check the server ran on a connection or a table, in plain words, with how to fix it. */
export interface Finding {
  check: string;
  ok: boolean;
  message: string;
  fix: string | null;
  tables?: string[];
}

/** A registered PostgreSQL server of the user (never its password). */
export interface Connection {
  id: string;
  name: string;
  host: string;
  port: number;
  database: string;
  publication: string | null;
  tables: string[];
  passwordNeedsReentry: boolean;
}

/** A table of a connection's database, with whether it can be streamed. */
export interface ConnectionTable {
  name: string;
  schema: string;
  table: string;
  columns: { name: string; pgType: string; type: ColumnType | null; nullable: boolean }[];
  primaryKey: string[];
  published: boolean;
  streamable: boolean;
  problems: string[];
}

/** The tables of a connection and whether the server itself can stream. */
export interface ConnectionTables {
  tables: ConnectionTable[];
  serverReady: boolean;
  findings: Finding[];
}

/** A table the user uploaded or created, in schema `data`. */
export interface DataTable {
  id: string;
  title: string;
  tableName: string;
  qualifiedName: string;
  source: 'csv' | 'http' | 'mqtt';
  columns: { name: string; type: ColumnType; nullable: boolean; generated?: boolean }[];
  primaryKey: string[];
  keyGenerated: boolean;
  rowCount: number;
}

/** The types an uploaded column can take. */
export const UPLOAD_TYPES = ['int8', 'float8', 'bool', 'timestamptz', 'date', 'text'] as const;
export type UploadType = (typeof UPLOAD_TYPES)[number];

/** What the server read from an uploaded CSV file, before anything is created. */
export interface CsvPreview {
  uploadId: string;
  filename: string;
  delimiter: string;
  header: boolean;
  columns: { name: string; sourceName: string; type: UploadType; nullable: boolean; examples: string[] }[];
  rowCount: number;
  sampleRows: (string | null)[][];
  problems: string[];
  problemCount: number;
}

/** A line of a CSV file that does not fit the chosen types (details of a `rows_do_not_fit` refusal). */
export interface BadLine {
  line: number;
  column?: string;
  message: string;
}

/** A created twin as the API answers it. */
export interface CreatedTwin {
  id: string;
  title: string;
  visibility: Visibility;
}

export type Visibility = 'private' | 'unlisted' | 'public';

/** A share link, shown once: the server keeps only a hash of its token. */
export interface ShareLink {
  url: string;
  token: string;
  createdAt: string;
}

/**
 * The signed-in user's registered PostgreSQL connections.
 * @example const connections = await listConnections()
 */
export async function listConnections(): Promise<Connection[]> {
  return (await apiRequest<{ connections: Connection[] }>('GET', '/api/connections')).connections;
}

/**
 * The tables of one connection's database, their columns and whether each can be streamed.
 * @example const { tables, serverReady } = await listConnectionTables(connection.id)
 */
export function listConnectionTables(id: string): Promise<ConnectionTables> {
  return apiRequest<ConnectionTables>('GET', `/api/connections/${encodeURIComponent(id)}/tables`);
}

/**
 * Makes the connection's publication hold exactly `tables` (schema.table), so that they can be streamed.
 * @example await publishConnectionTables(id, [...connection.tables, 'public.readings'])
 */
export function publishConnectionTables(
  id: string,
  tables: string[],
): Promise<{ publication: string; tables: string[]; findings: Finding[] }> {
  return apiRequest('POST', `/api/connections/${encodeURIComponent(id)}/publication`, { tables });
}

/**
 * The tables the signed-in user uploaded or created (schema `data`), newest first.
 * @example const tables = await listDataTables()
 */
export async function listDataTables(): Promise<DataTable[]> {
  return (await apiRequest<{ tables: DataTable[] }>('GET', '/api/ingest/tables')).tables;
}

/**
 * Uploads a CSV file; the server answers what it read (columns with inferred types, sample rows, problems by
 * line) and keeps the file 24 hours for the import. Nothing is created yet.
 * @example const preview = await uploadCsv(input.files[0])
 */
export async function uploadCsv(file: File): Promise<CsvPreview> {
  const form = new FormData();
  form.append('file', file, file.name);
  const me = await currentUser().catch(() => null);
  let response: Response;
  try {
    response = await fetch('/api/ingest/csv', {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: me?.csrfToken ? { 'x-csrf-token': me.csrfToken, accept: 'application/json' } : {},
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached; check the connection and try again.');
  }
  return readResponse<CsvPreview>(response);
}

/**
 * Creates the table of a previewed upload in schema `data` with the confirmed column types (all rows or none).
 * @example const table = await importCsv(preview.uploadId, { title: 'Oven log', columns })
 */
export function importCsv(
  uploadId: string,
  request: { title: string; columns: { name: string; type: UploadType }[]; primaryKey?: string[] },
): Promise<DataTable> {
  return apiRequest<DataTable>('POST', `/api/ingest/csv/${encodeURIComponent(uploadId)}/import`, request);
}

/**
 * The lines of a file the server refused at import, from the refusal's details (empty for other errors).
 * @example badLinesOf(error) // [{ line: 7, column: 'temp', message: 'line 7: "abc" is not a number…' }]
 */
export function badLinesOf(error: unknown): BadLine[] {
  if (!(error instanceof ApiError)) return [];
  const details = error.details as { badLines?: unknown; line?: unknown } | undefined;
  if (Array.isArray(details?.badLines)) {
    return details.badLines.filter(
      (b): b is BadLine => typeof b === 'object' && b !== null && typeof (b as BadLine).line === 'number',
    );
  }
  if (typeof details?.line === 'number') return [{ line: details.line, message: error.message }];
  return [];
}

/**
 * Creates a twin from a twin document.
 * @example const twin = await createTwin({ schemaVersion: 1, title, blueprint, bindings, visibility: 'private' })
 */
export function createTwin(document: Twin): Promise<CreatedTwin> {
  return apiRequest<CreatedTwin>('POST', '/api/twins', document);
}

/**
 * Changes who may open a twin.
 * @example await setVisibility(twinId, 'unlisted')
 */
export function setVisibility(twinId: string, visibility: Visibility): Promise<CreatedTwin> {
  return apiRequest<CreatedTwin>('PATCH', `/api/twins/${encodeURIComponent(twinId)}`, { visibility });
}

/**
 * Creates the twin's read-only share link; any earlier link stops working.
 * @example const { url } = await createShareLink(twinId)
 */
export function createShareLink(twinId: string): Promise<ShareLink> {
  return apiRequest<ShareLink>('POST', `/api/twins/${encodeURIComponent(twinId)}/share`);
}

/**
 * Turns off every share link of the twin.
 * @example await revokeShareLinks(twinId)
 */
export async function revokeShareLinks(twinId: string): Promise<void> {
  await apiRequest<unknown>('DELETE', `/api/twins/${encodeURIComponent(twinId)}/share`);
}

/** A table of the built-in demo data (schema `demo` of the platform's database), as GET /api/demo/tables answers. */
export interface DemoTable {
  name: string;
  /** `demo.<name>`, the name a binding uses. */
  qualifiedName: string;
  columns: { name: string; pgType: string; type: ColumnType | null; nullable: boolean }[];
  primaryKey: string[];
  rowEstimate: number;
  timeColumn: string | null;
}

/** The first rows of a demo table, values as text, and how they are ordered in plain words. */
export interface DemoRows {
  table: string;
  columns: string[];
  rows: (string | null)[][];
  order: string;
}

/**
 * The built-in demo tables that any twin may read, with their columns and row estimates.
 * @example const tables = await listDemoTables() // [{ qualifiedName: 'demo.pump_telemetry', ... }]
 */
export async function listDemoTables(): Promise<DemoTable[]> {
  return (await apiRequest<{ tables: DemoTable[] }>('GET', '/api/demo/tables')).tables;
}

/**
 * The first `limit` (1..100) rows of a demo table, newest first when it has a time column.
 * @example const { columns, rows } = await demoTableRows('pump_telemetry', 8)
 */
export function demoTableRows(name: string, limit: number): Promise<DemoRows> {
  return apiRequest<DemoRows>('GET', `/api/demo/tables/${encodeURIComponent(name)}/rows?limit=${limit}`);
}
