/**
 * Documents, ONNX models and request helpers shared by the registry and artifact tests (not a test itself).
 */
import onnxProto from 'onnx-proto';
import chartLine from '../../nodes/chart.line/manifest.json';
import pumpFleet from '../../runtime/compiler/fixtures/valid/pump-fleet.json';
import { seedBuiltins } from '../seed/seed-builtins';
import { createTestApp, type TestApp, type TestUser } from '../test-support/test-app';

const { onnx } = onnxProto;

/** ONNX element types by the model card's names. */
export const ELEM = { float32: 1, int32: 6, int64: 7, string: 8, bool: 9, float64: 11 } as const;

/**
 * A small real ONNX model: each output is an Identity of the first input (names and element types as given).
 * @example const bytes = onnxModel({ inputs: [['x', 'float32']], outputs: [['y', 'float32']] })
 */
export function onnxModel(spec: {
  inputs: [string, keyof typeof ELEM][];
  outputs: [string, keyof typeof ELEM][];
  initializers?: string[];
}): Uint8Array {
  const valueInfo = ([name, dtype]: [string, keyof typeof ELEM]) => ({
    name,
    type: { tensorType: { elemType: ELEM[dtype], shape: { dim: [{ dimParam: 'N' }, { dimValue: 2 }] } } },
  });
  const initializers = spec.initializers ?? [];
  const bytes = onnx.ModelProto.encode({
    irVersion: 8,
    producerName: 'projecttwin-tests',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'identity',
      node: spec.outputs.map(([name]) => ({
        opType: 'Identity',
        input: [spec.inputs[0][0]],
        output: [name],
      })),
      input: [...spec.inputs.map(valueInfo), ...initializers.map((name) => valueInfo([name, 'float32']))],
      initializer: initializers.map((name) => ({ name, dataType: 1, dims: [1], floatData: [1] })),
      output: spec.outputs.map(valueInfo),
    },
  }).finish();
  return new Uint8Array(bytes); // a plain copy: protobufjs hands out a Buffer in Node
}

/**
 * A valid model card whose signature is one float32 input `x` (two features) and one float32 output `y`.
 * @example const card = modelCard('pump-rul', '1.0.0', { format: 'keras' })
 */
export function modelCard(name: string, version: string, overrides: Record<string, unknown> = {}) {
  return {
    schemaVersion: 1,
    name,
    version,
    title: 'Pump remaining useful life',
    description: 'Predicts the hours a pump has left from its vibration and temperature.',
    task: 'regression',
    format: 'onnx',
    tags: ['pumps'],
    license: 'Apache-2.0',
    inputs: [
      {
        tensor: 'x',
        dtype: 'float32',
        shape: ['N', 2],
        features: [
          { name: 'vib_mean', unit: 'mm/s' },
          { name: 'temp_max', unit: 'degC' },
        ],
      },
    ],
    outputs: [
      { tensor: 'y', dtype: 'float32', shape: ['N', 1], columns: [{ name: 'rul_hours', unit: 'h' }] },
    ],
    ...overrides,
  };
}

/** The identity model matching modelCard(). */
export const MATCHING_MODEL = onnxModel({ inputs: [['x', 'float32']], outputs: [['y', 'float32']] });

/**
 * A multipart form with a JSON document part (as a field) and an optional file part.
 * @example modelForm({ card: modelCard('m', '1.0.0') }, { model: MATCHING_MODEL })
 */
export function uploadForm(text: Record<string, unknown>, files: Record<string, Uint8Array | string> = {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries(text)) {
    form.append(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  for (const [name, bytes] of Object.entries(files)) {
    form.append(name, new Blob([bytes as BlobPart]), `${name}.bin`);
  }
  return form;
}

/**
 * Posts a multipart form as `user`, as a browser on this origin would (Origin header for the CSRF check).
 * @example await upload(t, ada, '/api/models/pump-rul/versions', form)
 */
export function upload(t: TestApp, user: TestUser | null, path: string, form: FormData) {
  return t.as(user).request('POST', path, undefined, { body: form, headers: { origin: 'http://localhost' } });
}

/**
 * A node-type manifest copied from the built-in line chart under another id and version.
 * @example componentManifest('acme/gauge', '1.0.0', { title: 'Gauge' })
 */
export function componentManifest(id: string, version: string, overrides: Record<string, unknown> = {}) {
  return { ...structuredClone(chartLine), id, version, ...overrides };
}

/**
 * The pump-fleet example blueprint (valid against the built-ins) under another name and version.
 * @example blueprintDoc('pumps', '1.0.0', { title: 'Pumps' })
 */
export function blueprintDoc(name: string, version: string, overrides: Record<string, unknown> = {}) {
  return { ...structuredClone(pumpFleet), name, version, ...overrides } as Record<string, unknown>;
}

/**
 * A stand-alone layout document.
 * @example layoutDoc('ops-wall', '1.0.0')
 */
export function layoutDoc(name: string, version: string, overrides: Record<string, unknown> = {}) {
  return {
    schemaVersion: 1,
    name,
    version,
    title: 'Operations wall',
    kind: 'mosaic',
    root: { direction: 'row', first: 'trend', second: 'health' },
    ...overrides,
  } as Record<string, unknown>;
}

/**
 * Row counts of every registry table, to show that a refused request changed nothing.
 * @example expect(await registryCounts(t)).toEqual(before)
 */
export async function registryCounts(t: TestApp) {
  const [row] = await t.database.sql`
    select (select count(*)::int from registry_entries) as entries,
           (select count(*)::int from registry_versions) as versions,
           (select count(*)::int from registry_dependencies) as dependencies,
           (select count(*)::int from artifacts) as artifacts,
           (select coalesce(sum(use_count + download_count), 0)::int from registry_entries) as counts`;
  return row;
}

/**
 * The JSON body of a response, typed loosely for assertions.
 * @example const body = await json(response)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function json(response: Response): Promise<any> {
  return response.json();
}

/**
 * The error of an error response.
 * @example expect((await errorOf(response)).code).toBe('not_found')
 */
export async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string; details?: unknown } }).error;
}

/**
 * Makes a user an administrator (directly in SQL, as an operator would).
 * @example await makeAdmin(t, root)
 */
export async function makeAdmin(t: TestApp, user: TestUser): Promise<void> {
  await t.database.sql`update users set role = 'admin' where id = ${user.id}`;
}

/**
 * A test app with the built-in node types and three users: ada and bob, and root, an administrator.
 * @example beforeAll(async () => ({ t, ada, bob, root } = await registryTestApp()))
 */
export async function registryTestApp(): Promise<{
  t: TestApp;
  ada: TestUser;
  bob: TestUser;
  root: TestUser;
}> {
  const t = await createTestApp();
  await seedBuiltins(t.database);
  const ada = await t.signup('ada');
  const bob = await t.signup('bob');
  const root = await t.signup('root');
  await makeAdmin(t, root);
  return { t, ada, bob, root };
}
