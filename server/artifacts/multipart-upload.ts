import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { ApiError } from '../http/api-error';
import { tooLarge, type ArtifactStore, type StagedArtifact } from './artifact-store';

/** Which parts a multipart upload may carry. */
export interface MultipartSpec {
  /** Parts read as text (JSON documents such as `card` or `manifest`), sent as fields or as files. */
  text: readonly string[];
  /** Parts streamed into the artifact store (such as `model` or `bundle`). */
  files: readonly string[];
  maxTextBytes: number;
  maxFileBytes: number;
}

/** A staged file part with what the client said about it. */
export interface UploadedFile extends StagedArtifact {
  filename: string;
  mimeType: string;
}

/** The parts of a parsed upload; `discard()` removes staged files that were not promoted. */
export interface MultipartUpload {
  text: Map<string, string>;
  files: Map<string, UploadedFile>;
  discard(): Promise<void>;
}

function unexpectedPart(name: string, spec: MultipartSpec): ApiError {
  const allowed = [...spec.text, ...spec.files].map((n) => `"${n}"`).join(', ');
  return new ApiError(
    400,
    'unexpected_part',
    `The upload has a part "${name}"; it may only have ${allowed}.`,
  );
}

function duplicatePart(name: string): ApiError {
  return new ApiError(400, 'duplicate_part', `The upload has the part "${name}" twice; send it once.`);
}

/**
 * Whether a request carries multipart/form-data.
 * @example if (isMultipart(c.req.raw)) await readMultipartUpload(...)
 */
export function isMultipart(request: Request): boolean {
  return /^multipart\/form-data\s*;/i.test(request.headers.get('content-type') ?? '');
}

/**
 * Parses a multipart/form-data request as a stream (busboy): text parts are collected (up to `maxTextBytes`),
 * file parts are streamed into the artifact store's staging area while hashed (up to `maxFileBytes`). On any
 * problem (too large, unknown or repeated part, broken form) reading stops, staged files are removed and the
 * error is thrown.
 * @example const upload = await readMultipartUpload(c.req.raw, { text: ['card'], files: ['model'], maxTextBytes, maxFileBytes }, store)
 */
export function readMultipartUpload(
  request: Request,
  spec: MultipartSpec,
  store: ArtifactStore,
): Promise<MultipartUpload> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!isMultipart(request) || !request.body) {
    return Promise.reject(
      new ApiError(415, 'unsupported_media_type', 'Send this upload as multipart/form-data.'),
    );
  }
  const partLimit = spec.text.length + spec.files.length;
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      limits: {
        fieldSize: spec.maxTextBytes,
        fileSize: spec.maxFileBytes + 1,
        parts: partLimit + 1,
      },
    });
  } catch (error) {
    return Promise.reject(
      new ApiError(400, 'malformed_multipart', `The upload cannot be read: ${(error as Error).message}.`),
    );
  }
  const input = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  const text = new Map<string, string>();
  const files = new Map<string, UploadedFile>();
  const staged: StagedArtifact[] = [];
  const pending: Promise<unknown>[] = [];
  const open = new Set<Readable>();
  const discard = async () => {
    await Promise.all(staged.map((s) => store.discard(s)));
  };

  return new Promise<MultipartUpload>((resolve, reject) => {
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      input.unpipe(parser);
      input.destroy();
      for (const stream of open) stream.destroy();
      void Promise.allSettled(pending)
        .then(discard)
        .then(() => reject(error));
    };
    const seen = new Set<string>();
    const claim = (name: string): boolean => {
      if (!spec.text.includes(name) && !spec.files.includes(name)) {
        fail(unexpectedPart(name, spec));
        return false;
      }
      if (seen.has(name)) {
        fail(duplicatePart(name));
        return false;
      }
      seen.add(name);
      return true;
    };

    parser.on('field', (name, value, info) => {
      if (failed || !claim(name)) return;
      if (!spec.text.includes(name)) {
        fail(new ApiError(400, 'missing_file', `The part "${name}" must be a file, not a text field.`));
      } else if (info.valueTruncated) {
        fail(tooLarge(spec.maxTextBytes, `The part "${name}"`));
      } else {
        text.set(name, value);
      }
    });

    parser.on('file', (name, stream, info) => {
      if (failed || !claim(name)) {
        stream.resume();
        return;
      }
      open.add(stream);
      stream.once('close', () => open.delete(stream));
      if (spec.files.includes(name)) {
        pending.push(
          store.stage(stream, spec.maxFileBytes).then((file) => {
            staged.push(file);
            files.set(name, { ...file, filename: info.filename ?? name, mimeType: info.mimeType });
          }, fail),
        );
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > spec.maxTextBytes) fail(tooLarge(spec.maxTextBytes, `The part "${name}"`));
        else chunks.push(chunk);
      });
      stream.on('end', () => text.set(name, Buffer.concat(chunks).toString('utf8')));
    });

    parser.on('partsLimit', () =>
      fail(new ApiError(400, 'too_many_parts', 'The upload has too many parts.')),
    );
    parser.on('error', (error: Error) =>
      fail(new ApiError(400, 'malformed_multipart', `The upload cannot be read: ${error.message}.`)),
    );
    input.on('error', (error) => fail(error));
    parser.on('close', () => {
      void Promise.all(pending).then(() => {
        if (!failed) resolve({ text, files, discard });
      });
    });
    input.pipe(parser);
  });
}

/**
 * Reads a request body as text, refusing more than `maxBytes` with a 413 (for routes outside the body-limit
 * middleware). Stops reading as soon as the limit is passed.
 * @example const json = await readLimitedText(c.req.raw, config.maxBodyBytes)
 */
export async function readLimitedText(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes, 'The request body');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
