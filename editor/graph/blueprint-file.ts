import { blueprintRecord } from '../../schemas/blueprint/blueprint.record';
import { loadDocument } from '../../schemas/load';
import type { Blueprint } from '../../runtime/compiler/document-types';

/** The result of reading a blueprint file: the document, or a plain reason why it cannot be opened. */
export type BlueprintFileResult = { ok: true; doc: Blueprint } | { ok: false; message: string };

/**
 * Reads a blueprint file's text: it must be JSON and a blueprint (older versions are upgraded). Graph problems
 * (unknown types, bad connections) do not stop the import: the problems panel shows them afterwards.
 * @example const result = readBlueprintFile(await file.text()); if (!result.ok) alert(result.message)
 */
export function readBlueprintFile(text: string, fileName = 'The file'): BlueprintFileResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {
      ok: false,
      message: `${fileName} is not a blueprint: it is not valid JSON. Your graph was not changed.`,
    };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data) || !('nodes' in data)) {
    return {
      ok: false,
      message: `${fileName} is not a blueprint: a blueprint has a list of nodes. Your graph was not changed.`,
    };
  }
  const loaded = loadDocument<Blueprint>(blueprintRecord, data);
  if (!loaded.ok) {
    const first = loaded.problems
      .slice(0, 3)
      .map((p) => `${p.message}${p.pointer ? ` (at ${p.pointer})` : ''}`);
    const more = loaded.problems.length > 3 ? ` And ${loaded.problems.length - 3} more.` : '';
    return {
      ok: false,
      message: `${fileName} cannot be opened: ${first.join(' ')}${more} Your graph was not changed.`,
    };
  }
  return { ok: true, doc: loaded.value };
}

/**
 * The text of a blueprint file for download: the document as indented JSON with a final newline.
 * @example writeBlueprintFile(doc).endsWith('}\n') // true
 */
export function writeBlueprintFile(doc: Blueprint): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * The file name a blueprint is downloaded as.
 * @example blueprintFileName({ name: 'pumps', version: '1.0.0' }) // 'pumps-1.0.0.blueprint.json'
 */
export function blueprintFileName(doc: Pick<Blueprint, 'name' | 'version'>): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-') || 'blueprint';
  return `${safe(doc.name)}-${safe(doc.version)}.blueprint.json`;
}
