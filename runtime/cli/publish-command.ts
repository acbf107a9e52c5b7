import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import type { Problem } from '../../schemas/problems';
import { ApiClient } from './api-client';
import { checkPublishable } from './check-publishable';
import type { CliIo } from './cli-io';
import { CliFailure } from './cli-failure';
import { loginCommandFor, notLoggedIn, serverAuth, type ServerAuth } from './credentials';
import { ExitCode } from './exit-codes';
import { formatFileError, formatProblem } from './format-problems';
import { createPalette, oneLine } from './palette';
import { findPublishable, type Publishable, type PublishKind } from './publishable';

/** What `projecttwin publish` was given. */
export interface PublishOptions {
  path: string;
  server?: string;
  model?: string;
  json: boolean;
}

/** The parts of the server's answer to a publish the CLI shows. */
interface PublishedAnswer {
  entry: { kind: PublishKind; name: string };
  version: {
    version: string;
    sha256: string;
    artifact: { sha256: string; bytes: number; mediaType: string; url: string } | null;
  };
  status?: { code: string; message: string };
  problems: Problem[];
}

/** The output of `publish --json`. */
export type PublishJson =
  | {
      ok: true;
      kind: PublishKind;
      name: string;
      version: string;
      url: string;
      sha256: string;
      artifact: PublishedAnswer['version']['artifact'];
      status?: PublishedAnswer['status'];
      problems: Problem[];
    }
  | {
      ok: false;
      kind: PublishKind | null;
      error: { code: string; message: string; status?: number; reasons?: string[] };
      problems: Problem[];
    };

const SEGMENTS: Record<PublishKind, string> = {
  blueprint: 'blueprints',
  layout: 'layouts',
  model: 'models',
  component: 'components',
};

/**
 * The API path of a registry entry: `/api/blueprints/pumps`, `/api/components/acme/gauge` (a component's id is
 * its scope and name, two path segments).
 * @example entryPath('component', 'acme/gauge') // '/api/components/acme/gauge'
 */
export function entryPath(kind: PublishKind, name: string): string {
  return `/api/${SEGMENTS[kind]}/${name.split('/').map(encodeURIComponent).join('/')}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The name and version a checked document is published under (a manifest's name is its `id`). */
function nameAndVersion(publishable: Publishable): { name: string; version: string } {
  const { kind, document, file } = publishable;
  const name = kind === 'component' ? document.id : document.name;
  const version = document.version;
  if (typeof name !== 'string' || typeof version !== 'string') {
    throw new CliFailure(`the ${kind} needs a name and a version to be published`, 'invalid_document', {
      file,
    });
  }
  return { name, version };
}

/** Sends the document (JSON, or multipart with its file streamed from disk) and resolves to the server's answer. */
async function send(publishable: Publishable, client: ApiClient, name: string): Promise<PublishedAnswer> {
  const { kind, document, upload } = publishable;
  const path = `${entryPath(kind, name)}/versions`;
  const refusal = 'not published';
  if (upload === undefined) {
    return (await client.request<PublishedAnswer>('POST', path, { json: document, refusal })).body;
  }
  const form = new FormData();
  form.append(kind === 'model' ? 'card' : 'manifest', JSON.stringify(document));
  const file = await openAsBlob(upload.path, { type: upload.mediaType });
  form.append(upload.part, file, basename(upload.path));
  return (await client.request<PublishedAnswer>('POST', path, { form, refusal })).body;
}

/** Checks the document locally; errors stop the publish before anything is sent. */
async function checkFirst(publishable: Publishable, server: string): Promise<void> {
  const problems = await checkPublishable(publishable, server);
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (errors === 0) return;
  throw new CliFailure(
    `not published: ${publishable.file} has ${plural(errors, 'error')}; fix ${errors === 1 ? 'it' : 'them'} and publish again`,
    publishable.kind === 'blueprint' ? 'blueprint_invalid' : 'invalid_document',
    { file: publishable.file, problems },
  );
}

/** A 401 (the stored token was deleted, or PROJECTTWIN_TOKEN is wrong) says how to get a working token. */
function withLoginHint(failure: CliFailure, auth: ServerAuth): CliFailure {
  const hint =
    auth.source === 'PROJECTTWIN_TOKEN'
      ? 'PROJECTTWIN_TOKEN holds a token this server does not accept'
      : `log in again with ${loginCommandFor(auth.server)}`;
  return new CliFailure(`${failure.message}; ${hint}`, failure.code, {
    status: failure.status,
    reason: failure.reason,
  });
}

/**
 * A failure on stderr: its problems (compiler-style lines about `file`), its plain reasons, then its one line:
 * `<file>: error: <message>` when it is about a file alone, else `projecttwin: <message>`.
 */
function printFailure(failure: CliFailure, file: string, io: CliIo): void {
  const palette = createPalette(io.stderr.colour);
  for (const p of failure.problems) io.stderr.line(formatProblem(file, p, palette));
  for (const reason of failure.reasons) io.stderr.line(formatFileError(file, reason, palette));
  const detailed = failure.problems.length > 0 || failure.reasons.length > 0;
  if (failure.file !== undefined && !detailed) {
    io.stderr.line(formatFileError(failure.file, failure.message, palette));
  } else {
    io.stderr.line(`projecttwin: ${oneLine(failure.message)}`);
  }
}

function failureJson(failure: CliFailure, kind: PublishKind | null): PublishJson {
  const error: Extract<PublishJson, { ok: false }>['error'] = { code: failure.code, message: failure.reason };
  if (failure.status !== undefined) error.status = failure.status;
  if (failure.reasons.length > 0) error.reasons = failure.reasons;
  return { ok: false, kind, error, problems: failure.problems };
}

function successJson(answer: PublishedAnswer, url: string): PublishJson {
  const { entry, version, status, problems } = answer;
  return {
    ok: true,
    kind: entry.kind,
    name: entry.name,
    version: version.version,
    url,
    sha256: version.sha256,
    artifact: version.artifact,
    ...(status === undefined ? {} : { status }),
    problems,
  };
}

/** Success: the server's warnings and a model's status note on stderr, then the one line on stdout. */
function printSuccess(publishable: Publishable, answer: PublishedAnswer, url: string, io: CliIo): void {
  const palette = createPalette(io.stderr.colour);
  for (const p of answer.problems) io.stderr.line(formatProblem(publishable.file, p, palette));
  if (answer.status && answer.status.code !== 'ready') {
    io.stderr.line(`projecttwin: note: ${oneLine(answer.status.message)}`);
  }
  const { kind, name } = answer.entry;
  io.stdout.line(`Published ${kind} ${name}@${answer.version.version} (${url})`);
}

/**
 * `projecttwin publish <path>`: works out what the path is (see findPublishable), checks it locally with the
 * compiler or its schema (errors stop here, before anything is sent), then publishes it to the server with the
 * stored token (or PROJECTTWIN_TOKEN), streaming a model file or component bundle from disk. Prints
 * `Published <kind> <name>@<version> (<url>)`; a refusal prints the server's problems (compiler-style lines) and
 * then one line with its message and code; exit 1 for any failure, 0 when published. With `json`, prints only
 * one JSON document (PublishJson) on stdout.
 * @example const exitCode = await publishCommand({ path: 'pumps.blueprint.json', json: false }, processIo())
 */
export async function publishCommand(options: PublishOptions, io: CliIo): Promise<ExitCode> {
  let publishable: Publishable | undefined;
  try {
    const auth = await serverAuth(options.server, io.env);
    publishable = await findPublishable(options.path, { model: options.model });
    await checkFirst(publishable, auth.server);
    const { name } = nameAndVersion(publishable);
    if (auth.token === undefined) throw notLoggedIn(auth.server);
    const client = new ApiClient(auth.server, { token: auth.token });
    const answer = await send(publishable, client, name).catch((error: unknown) => {
      throw error instanceof CliFailure && error.status === 401 ? withLoginHint(error, auth) : error;
    });
    const url = `${auth.server}${entryPath(publishable.kind, answer.entry.name)}`;
    if (options.json) io.stdout.line(JSON.stringify(successJson(answer, url), null, 2));
    else printSuccess(publishable, answer, url, io);
    return ExitCode.ok;
  } catch (error) {
    if (!(error instanceof CliFailure)) throw error;
    if (options.json) io.stdout.line(JSON.stringify(failureJson(error, publishable?.kind ?? null), null, 2));
    else printFailure(error, error.file ?? publishable?.file ?? options.path, io);
    return error.exitCode;
  }
}
