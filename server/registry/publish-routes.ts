import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { ArtifactStore } from '../artifacts/artifact-store';
import {
  isMultipart,
  readLimitedText,
  readMultipartUpload,
  type MultipartUpload,
  type UploadedFile,
} from '../artifacts/multipart-upload';
import { requireUser } from '../auth/authenticate';
import { ApiError } from '../http/api-error';
import { errorResponses, jsonResponse } from '../http/openapi-common';
import { entryName, entryTarget } from './entry-paths';
import { assertMayPublish, publishVersion, type ArtifactInput } from './publish-version';
import { KINDS, assertValidName, type EntryKind } from './registry-kinds';
import { PublishedSchema } from './registry-schemas';

/** How each kind's document and file arrive. */
const UPLOADS = {
  model: { document: 'card', file: 'model', mediaType: 'application/octet-stream' },
  component: { document: 'manifest', file: 'bundle', mediaType: 'text/javascript' },
} as const;

const binary = { type: 'string', format: 'binary' } as const;

function requestBody(kind: EntryKind) {
  const schemaUrl = `https://projecttwin.dev/schemas/${KINDS[kind].record.kind}/1.json`;
  const json = {
    schema: { type: 'object', description: `A ${KINDS[kind].record.kind} document (${schemaUrl}).` },
  } as const;
  if (kind === 'blueprint' || kind === 'layout') {
    const schema = z.unknown().openapi({ type: 'object', description: json.schema.description });
    return { required: true, content: { 'application/json': { schema } } };
  }
  const { document, file } = UPLOADS[kind];
  const multipart = {
    schema: {
      type: 'object',
      required: kind === 'model' ? [document, file] : [document],
      properties: {
        [document]: { ...json.schema, description: `${json.schema.description} As a field or a file.` },
        [file]: {
          ...binary,
          description:
            kind === 'model'
              ? 'The model file (.onnx; other formats are stored but cannot run yet).'
              : 'The ES module implementing the node type.',
        },
      },
    },
  } as const;
  return {
    required: true,
    content:
      kind === 'component'
        ? { 'multipart/form-data': multipart, 'application/json': json }
        : { 'multipart/form-data': multipart },
  };
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(
      400,
      'malformed_json',
      `${what} is not valid JSON; check its brackets, commas and quotes.`,
    );
  }
}

function artifactOf(file: UploadedFile, mediaType: string, store: ArtifactStore): ArtifactInput {
  return {
    sha256: file.sha256,
    bytes: file.bytes,
    mediaType,
    path: file.path,
    promote: () => store.promote(file),
  };
}

async function readUpload(c: Context<AppEnv>, kind: 'model' | 'component') {
  const { config } = c.var.deps;
  const { document, file, mediaType } = UPLOADS[kind];
  const store = ArtifactStore.inDataDir(config.dataDir);
  if (kind === 'component' && !isMultipart(c.req.raw)) {
    if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
      throw new ApiError(
        415,
        'unsupported_media_type',
        'Send the manifest as application/json, or as multipart/form-data with a "manifest" part and an optional "bundle" part.',
      );
    }
    const text = await readLimitedText(c.req.raw, config.maxBodyBytes);
    return { document: parseJson(text, 'The request body'), artifact: undefined, upload: undefined };
  }
  if (!isMultipart(c.req.raw)) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      'Send the model as multipart/form-data with a "card" part (the model card JSON) and a "model" part (the model file).',
    );
  }
  const upload: MultipartUpload = await readMultipartUpload(
    c.req.raw,
    {
      text: [document],
      files: [file],
      maxTextBytes: config.maxBodyBytes,
      maxFileBytes: config.maxArtifactBytes,
    },
    store,
  );
  try {
    const text = upload.text.get(document);
    if (text === undefined) {
      throw new ApiError(
        400,
        'missing_part',
        `The upload has no "${document}" part; add the ${document} JSON.`,
      );
    }
    const staged = upload.files.get(file);
    return {
      document: parseJson(text, `The "${document}" part`),
      artifact: staged ? artifactOf(staged, mediaType, store) : undefined,
      upload,
    };
  } catch (error) {
    await upload.discard();
    throw error;
  }
}

/**
 * The publish route of one registry: POST .../versions. Blueprints and layouts take the document as JSON;
 * models take multipart/form-data (`card` + `model`); components take JSON (the manifest) or multipart
 * (`manifest` + optional `bundle`). Uploads are streamed to the artifact store and kept only on success.
 * @example app.route('/', publishRoutes('model'))
 */
export function publishRoutes(kind: EntryKind) {
  const app = new OpenAPIHono<AppEnv>();
  const target = entryTarget(kind);
  const { word, segment } = KINDS[kind];
  const route = createRoute({
    method: 'post',
    path: `${target.base}/versions`,
    tags: [segment],
    summary: `Publish a version of a ${word} (the first version creates it)`,
    request: { params: target.params, body: requestBody(kind) },
    responses: {
      201: jsonResponse(PublishedSchema, 'Published'),
      ...errorResponses(400, 401, 403, 409, 413, 422),
    },
  });
  app.openapi(route, async (c) => {
    const user = requireUser(c.var.user);
    const { db } = c.var.deps.database;
    const name = entryName(c.req.valid('param'));
    if (kind === 'blueprint' || kind === 'layout') {
      const document: unknown = c.req.valid('json' as never);
      return c.json(await publishVersion(db, { kind, name, document, user }), 201);
    }
    assertValidName(kind, name);
    await assertMayPublish(db, kind, name, user);
    const { document, artifact, upload } = await readUpload(c, kind);
    try {
      return c.json(await publishVersion(db, { kind, name, document, user, artifact }), 201);
    } finally {
      await upload?.discard();
    }
  });
  return app;
}
