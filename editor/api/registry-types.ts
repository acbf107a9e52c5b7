/**
 * What the registry API answers (server/registry/registry-schemas.ts), as the browser sees it. Kept here so that
 * the editor does not import the server.
 */

/** The four registries. */
export type EntryKind = 'blueprint' | 'model' | 'component' | 'layout';

/** Every kind, in the order the library shows them. */
export const ENTRY_KINDS: readonly EntryKind[] = ['blueprint', 'model', 'component', 'layout'];

/** Words and URL segments of each kind. */
export const KIND_INFO: Readonly<
  Record<EntryKind, { segment: string; singular: string; plural: string; title: string }>
> = {
  blueprint: { segment: 'blueprints', singular: 'blueprint', plural: 'blueprints', title: 'Blueprints' },
  model: { segment: 'models', singular: 'model', plural: 'models', title: 'Models' },
  component: { segment: 'components', singular: 'component', plural: 'components', title: 'Components' },
  layout: { segment: 'layouts', singular: 'layout', plural: 'layouts', title: 'Layouts' },
};

/** One entry as lists show it. */
export interface EntrySummary {
  kind: EntryKind;
  name: string;
  title: string;
  description: string;
  tags: string[];
  /** Components: source|transform|model|component; models: their task. */
  category: string | null;
  usages: string[];
  latestVersion: string;
  owner: { id: string; name: string };
  forkedFrom: { name: string; version: string } | null;
  deprecated: { at: string; message: string } | null;
  /** URL of the picture shown in the library, if any. */
  thumbnail: string | null;
  useCount: number;
  downloadCount: number;
  createdAt: string;
  updatedAt: string;
}

/** A stored file (a model's ONNX file, for instance). */
export interface ArtifactRef {
  sha256: string;
  bytes: number;
  mediaType: string;
  url: string;
}

/** One published version. */
export interface VersionSummary {
  version: string;
  sha256: string;
  artifact: ArtifactRef | null;
  publishedAt: string;
}

/** Whether a model can run in the browser yet. */
export interface ModelStatus {
  code: 'ready' | 'needs_conversion';
  message: string;
}

/** A page of a registry list. */
export interface EntryList {
  items: EntrySummary[];
  total: number;
}

/** An entry's page: its latest document, versions and what uses it. */
export interface EntryDetail extends EntrySummary {
  document: Record<string, unknown>;
  sha256: string;
  artifact: ArtifactRef | null;
  status?: ModelStatus;
  versions: VersionSummary[];
  usedBy: EntrySummary[];
}

/** One exact version with its document. */
export interface VersionDocument extends VersionSummary {
  kind: EntryKind;
  name: string;
  status?: ModelStatus;
  document: Record<string, unknown>;
}

/** What publishing (or forking) answers. */
export interface Published {
  entry: EntrySummary;
  version: VersionSummary;
  document: Record<string, unknown>;
}
