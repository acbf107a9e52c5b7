import type { Blueprint, NodeManifest } from '../../runtime/compiler/document-types';
import type { Problem } from '../../schemas/problems';

/** What the editor asks the compile worker: take these node types, or compile this document. */
export type CompileRequest =
  { kind: 'registry'; manifests: readonly NodeManifest[] } | { kind: 'compile'; id: number; doc: Blueprint };

/** The worker's answer to one compile request. */
export type CompileReply =
  { id: number; ok: true; valid: boolean; problems: Problem[] } | { id: number; ok: false; message: string };
