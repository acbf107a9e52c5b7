import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseJsonText } from '../compiler/parse';
import { CliFailure } from './cli-failure';
import { readBlueprintFile } from './read-blueprint-file';
import { UsageError } from './usage';

/** The four registries a path can be published to. */
export type PublishKind = 'blueprint' | 'layout' | 'model' | 'component';

/** A file sent with the document: the model file (`model` part) or the component's bundle (`bundle` part). */
export interface PublishUpload {
  part: 'model' | 'bundle';
  path: string;
  mediaType: string;
}

/** What a path holds, ready to check and send. */
export interface Publishable {
  kind: PublishKind;
  /** The document's file, as the user would name it (problem lines start with it). */
  file: string;
  /** The parsed document. */
  document: Record<string, unknown>;
  upload?: PublishUpload;
}

/** The files a card's `format` may come in; a model card without `format` is ONNX. */
const MODEL_EXTENSIONS: Record<string, string[]> = {
  onnx: ['.onnx'],
  keras: ['.keras', '.h5'],
  h5: ['.h5'],
  pytorch: ['.pt', '.pth'],
  tensorflow: ['.pb', '.tflite'],
};

const CARD_FILES = ['model-card.json', 'card.json'];

const WHAT_CAN_BE_PUBLISHED =
  'a blueprint has "nodes", a layout has "kind": "mosaic", a model card has "task" and "inputs", and a component is a folder with a manifest.json';

async function statOf(path: string) {
  try {
    return await stat(path);
  } catch {
    return undefined;
  }
}

async function isFile(path: string): Promise<boolean> {
  return (await statOf(path))?.isFile() === true;
}

/** Reads and parses a JSON document; a file that cannot be read or is not JSON is a CliFailure. */
async function readDocument(file: string): Promise<Record<string, unknown>> {
  const read = await readBlueprintFile(file);
  if (!read.ok) throw new CliFailure(read.error, 'file_error', { file });
  const parsed = parseJsonText(read.text);
  if (!parsed.ok) {
    throw new CliFailure(`not published: ${file} is not valid JSON`, 'invalid_json', {
      file,
      problems: parsed.problems,
    });
  }
  const data = parsed.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new CliFailure(
      `this is not a document ProjectTwin can publish: ${WHAT_CAN_BE_PUBLISHED}`,
      'unknown_document',
      { file },
    );
  }
  return data as Record<string, unknown>;
}

/** Which registry a JSON document belongs in, by the fields that only that kind of document has. */
function kindOf(document: Record<string, unknown>): PublishKind | undefined {
  if ('nodes' in document || 'wires' in document) return 'blueprint';
  if (document.kind === 'mosaic') return 'layout';
  if ('task' in document && 'inputs' in document) return 'model';
  if ('id' in document && 'category' in document) return 'component';
  return undefined;
}

function listNames(names: readonly string[]): string {
  return names.length <= 3
    ? names.join(', ')
    : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

/**
 * The model file that goes with a card: `--model` when given; else the file beside the card with the card's
 * base name (`pump-rul.json` → `pump-rul.onnx`; a `.card`/`-card` suffix is dropped) and the extension of its
 * `format`; else the only file of that kind in the card's folder.
 */
async function findModelFile(
  card: string,
  document: Record<string, unknown>,
  flag?: string,
): Promise<string> {
  if (flag !== undefined) {
    const info = await statOf(flag);
    if (!info) throw new CliFailure('file not found', 'file_error', { file: flag });
    if (!info.isFile())
      throw new CliFailure('this is not a file; give the model file', 'file_error', { file: flag });
    return flag;
  }
  const format = typeof document.format === 'string' ? document.format : 'onnx';
  const extensions = MODEL_EXTENSIONS[format] ?? MODEL_EXTENSIONS.onnx;
  const folder = dirname(card);
  const base = basename(card, extname(card));
  const bases = [...new Set([base, base.replace(/[.-]?(model-)?card$/, '')])].filter((b) => b !== '');
  for (const name of bases) {
    for (const extension of extensions) {
      const candidate = join(folder, `${name}${extension}`);
      if (await isFile(candidate)) return candidate;
    }
  }
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  const found = entries
    .filter((entry) => entry.isFile() && extensions.includes(extname(entry.name).toLowerCase()))
    .map((entry) => entry.name)
    .sort();
  const kinds = extensions.join(' or ');
  if (found.length === 1) return join(folder, found[0]);
  if (found.length === 0) {
    throw new CliFailure(
      `no ${kinds} model file beside this model card; put it in the same folder or name it with --model <file>`,
      'model_file_missing',
      { file: card },
    );
  }
  throw new CliFailure(
    `there are several ${kinds} files beside this model card (${listNames(found)}); name the model file with --model <file>`,
    'model_file_ambiguous',
    { file: card },
  );
}

/**
 * The bundle of a component folder: the file its manifest's `implementation` names (which must stay inside the
 * folder, so a manifest cannot make the CLI upload a file from elsewhere), else `index.js` when there is one,
 * else none (the manifest alone is published).
 */
async function findBundle(
  manifestFile: string,
  document: Record<string, unknown>,
): Promise<string | undefined> {
  const folder = dirname(manifestFile);
  const implementation = document.implementation;
  if (typeof implementation !== 'string') {
    const index = join(folder, 'index.js');
    return (await isFile(index)) ? index : undefined;
  }
  const path = resolve(folder, implementation);
  const inside = relative(resolve(folder), path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    throw new CliFailure(
      `the manifest's implementation "${implementation}" is outside the component's folder; put the module in the folder`,
      'bundle_outside',
      { file: manifestFile },
    );
  }
  const bundle = join(folder, inside);
  if (!(await isFile(bundle))) {
    throw new CliFailure(
      `the manifest's implementation "${implementation}" is not a file in ${folder}`,
      'bundle_missing',
      { file: manifestFile },
    );
  }
  return bundle;
}

async function component(manifestFile: string, document: Record<string, unknown>): Promise<Publishable> {
  const bundle = await findBundle(manifestFile, document);
  return {
    kind: 'component',
    file: manifestFile,
    document,
    ...(bundle === undefined
      ? {}
      : { upload: { part: 'bundle', path: bundle, mediaType: 'text/javascript' } }),
  };
}

async function model(card: string, document: Record<string, unknown>, flag?: string): Promise<Publishable> {
  const path = await findModelFile(card, document, flag);
  return {
    kind: 'model',
    file: card,
    document,
    upload: { part: 'model', path, mediaType: 'application/octet-stream' },
  };
}

async function fromFolder(folder: string, modelFlag?: string): Promise<Publishable> {
  const manifest = join(folder, 'manifest.json');
  if (await isFile(manifest)) {
    if (modelFlag !== undefined) throw new UsageError('--model goes with a model card, not with a component');
    return component(manifest, await readDocument(manifest));
  }
  for (const name of CARD_FILES) {
    const card = join(folder, name);
    if (await isFile(card)) return model(card, await readDocument(card), modelFlag);
  }
  throw new CliFailure(
    'this folder has no manifest.json (a component) and no model-card.json or card.json (a model); give a folder that has one, or the path of a blueprint, layout or model card file',
    'unknown_folder',
    { file: folder },
  );
}

/**
 * Works out what a path holds and what goes with it: a `.json` file is a blueprint (it has `nodes`), a layout
 * (`"kind": "mosaic"`), a model card (`task` and `inputs`; the model file beside it, or `--model`) or a
 * component manifest (`id` and `category`; its folder's bundle); a folder with `manifest.json` is a component
 * (the bundle its `implementation` names, or `index.js`), a folder with `model-card.json` or `card.json` and
 * one `.onnx` file is a model. A path that cannot be read or recognised is a CliFailure naming it.
 * @example const publishable = await findPublishable('pumps.blueprint.json') // { kind: 'blueprint', ... }
 */
export async function findPublishable(path: string, options: { model?: string } = {}): Promise<Publishable> {
  const info = await statOf(path);
  if (info?.isDirectory()) return fromFolder(path, options.model);
  const document = await readDocument(path);
  const kind = kindOf(document);
  if (kind === undefined) {
    throw new CliFailure(`cannot tell what to publish: ${WHAT_CAN_BE_PUBLISHED}`, 'unknown_document', {
      file: path,
    });
  }
  if (kind === 'model') return model(path, document, options.model);
  if (options.model !== undefined) throw new UsageError(`--model goes with a model card, not with a ${kind}`);
  if (kind === 'component') return component(path, document);
  return { kind, file: path, document };
}
