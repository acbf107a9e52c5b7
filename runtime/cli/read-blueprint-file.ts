import { readFile, stat } from 'node:fs/promises';

/** A file's text, or a one-line reason why it cannot be read. */
export type FileText = { ok: true; text: string } | { ok: false; error: string };

const reasons: Record<string, string> = {
  ENOENT: 'file not found',
  ENOTDIR: 'file not found (a part of the path is not a folder)',
  EISDIR: 'this is a folder, not a file; give the path of a blueprint file (.json)',
  EACCES: 'permission denied: the file cannot be read',
  EPERM: 'permission denied: the file cannot be read',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'the path has too many symbolic links (a loop?)',
};

function reasonFor(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code in reasons) return reasons[code];
  const message = error instanceof Error ? error.message : String(error);
  return `the file cannot be read: ${message}`;
}

/**
 * Reads a blueprint file as UTF-8 text. A missing path, a folder, something that is not a regular file or an
 * unreadable file gives a one-line reason instead of an exception. Empty or malformed content is left to the
 * compiler, which reports it as a problem (PT001, PT002).
 * @example
 * const file = await readBlueprintFile('pump.blueprint.json')
 * if (!file.ok) console.error(`pump.blueprint.json: error: ${file.error}`)
 */
export async function readBlueprintFile(path: string): Promise<FileText> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { ok: false, error: reasons.EISDIR };
    if (!info.isFile())
      return { ok: false, error: 'this is not a regular file; give the path of a blueprint file' };
    return { ok: true, text: await readFile(path, 'utf8') };
  } catch (error) {
    return { ok: false, error: reasonFor(error) };
  }
}
