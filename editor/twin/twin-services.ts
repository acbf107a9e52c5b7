/**
 * The `RuntimeServices` a twin's engine runs with in the browser: the twin-scoped shape endpoint for each bound
 * table input (or its share-link form) with the binding's column mapping, value inputs from the twin's bindings (or the blueprint's defaults),
 * models from the model registry and files from the artifact store.
 */
import semver from 'semver';
import type { LoadedModel, RuntimeServices, ShapeEndpoint, Value } from '../../runtime/engine/node-api';
import type { Twin } from '../../schemas/twin/twin.types';
import { readResponse } from './api-client';
import type { TwinSource } from './load-twin';

/** What the services need to know about the twin. */
export interface TwinServiceOptions {
  source: TwinSource;
  bindings: Twin['bindings'];
  /** The blueprint's declared inputs (for value inputs' defaults). */
  inputs: Record<string, unknown>;
  /** The page's origin, e.g. `https://twins.example.com`. */
  origin: string;
  /** The `fetch` to use (the page's own by default). */
  fetch?: typeof fetch;
}

/**
 * The shape URL of a twin's table input, as the twin-scoped endpoint serves it.
 * @example shapeUrlFor({ kind: 'twin', id: 't1' }, 'https://x.dev', 'telemetry') // https://x.dev/api/twins/t1/inputs/telemetry/shape
 */
export function shapeUrlFor(source: TwinSource, origin: string, input: string): string {
  const base =
    source.kind === 'twin'
      ? `/api/twins/${encodeURIComponent(source.id)}`
      : `/api/shared/${encodeURIComponent(source.token)}`;
  return `${origin}${base}/inputs/${encodeURIComponent(input)}/shape`;
}

/**
 * Splits `name@range` (a model reference) into its parts; undefined when it is not one.
 * @example parseModelRef('pump-rul@^1') // { name: 'pump-rul', range: '^1' }
 */
export function parseModelRef(ref: string): { name: string; range: string } | undefined {
  const match = /^([a-z][a-z0-9-]{0,63})@(\S+)$/.exec(ref);
  if (!match || semver.validRange(match[2]) === null) return undefined;
  return { name: match[1], range: match[2] };
}

async function bytesOf(response: Response, what: string): Promise<Uint8Array> {
  if (!response.ok) {
    await readResponse(response).catch((error: unknown) => {
      throw new Error(`${what} could not be downloaded: ${error instanceof Error ? error.message : error}`);
    });
  }
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * The runtime services of one twin.
 * @example createEngine(plan, { implementations: builtinImplementations, services: twinServices({ ... }) })
 */
export function twinServices(options: TwinServiceOptions): RuntimeServices {
  const fetcher = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const getJson = async <T>(path: string, signal: AbortSignal): Promise<T> =>
    readResponse<T>(await fetcher(`${options.origin}${path}`, { signal, credentials: 'same-origin' }));

  return {
    fetch: fetcher,
    shapeFor(input: string): ShapeEndpoint | undefined {
      const binding = options.bindings[input];
      if (!binding || binding.kind !== 'table') return undefined;
      // The shape streams the table's own column names; `columns` maps the blueprint's names to them.
      return { url: shapeUrlFor(options.source, options.origin, input), columns: { ...binding.columns } };
    },
    inputValue(input: string): Value | undefined {
      const binding = options.bindings[input];
      if (binding?.kind === 'value') return binding.value as Value;
      const declared = options.inputs[input] as { kind?: string; default?: unknown } | undefined;
      return declared?.kind === 'value' && declared.default !== undefined
        ? (declared.default as Value)
        : undefined;
    },
    async loadModel(ref: string, signal: AbortSignal): Promise<LoadedModel> {
      const parsed = parseModelRef(ref);
      if (!parsed)
        throw new Error(`"${ref}" is not a model reference of the form name@range, e.g. pump-rul@^1.`);
      const path = `/api/models/${encodeURIComponent(parsed.name)}`;
      const { versions } = await getJson<{ versions: { version: string }[] }>(`${path}/versions`, signal);
      const version = semver.maxSatisfying(
        versions.map((v) => v.version),
        parsed.range,
      );
      if (!version)
        throw new Error(`The model registry has no version of ${parsed.name} that matches ${parsed.range}.`);
      const found = await getJson<{
        document: Record<string, unknown>;
        artifact: { url: string } | null;
      }>(`${path}/versions/${encodeURIComponent(version)}`, signal);
      if (!found.artifact) throw new Error(`The model ${parsed.name}@${version} has no ONNX file.`);
      const onnx = await bytesOf(
        await fetcher(new URL(found.artifact.url, options.origin).toString(), { signal }),
        `The ONNX file of ${parsed.name}@${version}`,
      );
      return { name: parsed.name, version, card: found.document, onnx };
    },
    async fetchFile(ref: string, signal: AbortSignal): Promise<Uint8Array> {
      const url = /^[0-9a-f]{64}$/.test(ref)
        ? `${options.origin}/api/artifacts/${ref}`
        : new URL(ref, options.origin).toString();
      return bytesOf(await fetcher(url, { signal, credentials: 'same-origin' }), `The file ${ref}`);
    },
  };
}
