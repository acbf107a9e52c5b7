import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestUser } from '../../server/test-support/test-app';
import {
  MATCHING_MODEL,
  modelCard,
  registryTestApp,
  upload,
  uploadForm,
} from '../../server/registry/test-fixtures';
import { parseModelRef, shapeUrlFor, twinServices } from './twin-services';

let t: TestApp;
let ada: TestUser;

const origin = 'http://localhost';
/** The real API app, reached in-process as the browser's fetch would reach it. */
const appFetch = ((input: RequestInfo | URL, init?: RequestInit) =>
  Promise.resolve(t.app.request(input.toString(), init))) as typeof fetch;

beforeAll(async () => {
  ({ t, ada } = await registryTestApp());
  for (const version of ['1.0.0', '1.2.0', '2.0.0']) {
    const form = uploadForm({ card: modelCard('pump-rul', version) }, { model: MATCHING_MODEL });
    const response = await upload(t, ada, '/api/models/pump-rul/versions', form);
    expect(response.status).toBe(201);
  }
});
afterAll(() => t?.close());

const bindings = {
  telemetry: {
    kind: 'table' as const,
    connection: 'builtin',
    table: 'demo.pumps',
    columns: { id: 'id', vibration_rms: 'vib_rms' },
  },
  alert_level: { kind: 'value' as const, value: 4.5 },
};
const inputs = {
  telemetry: { kind: 'table', columns: {} },
  alert_level: { kind: 'value', type: 'float8' },
  speed: { kind: 'value', type: 'float8', default: 1450 },
};

describe('a twin’s runtime services', () => {
  it('points table inputs at the twin-scoped shape endpoint, or its share-link form', () => {
    const own = twinServices({
      source: { kind: 'twin', id: 't-1' },
      bindings,
      inputs,
      origin,
    });
    expect(own.shapeFor!('telemetry')).toEqual({
      url: 'http://localhost/api/twins/t-1/inputs/telemetry/shape',
      columns: { id: 'id', vibration_rms: 'vib_rms' },
    });
    expect(own.shapeFor!('alert_level')).toBeUndefined();
    expect(own.shapeFor!('nothing')).toBeUndefined();
    expect(shapeUrlFor({ kind: 'shared', token: 'a/b' }, 'https://x.dev', 'telemetry')).toBe(
      'https://x.dev/api/shared/a%2Fb/inputs/telemetry/shape',
    );
  });

  it('reads value inputs from the bindings, then from the blueprint’s defaults', () => {
    const services = twinServices({
      source: { kind: 'twin', id: 't' },
      bindings,
      inputs,
      origin,
    });
    expect(services.inputValue!('alert_level')).toBe(4.5);
    expect(services.inputValue!('speed')).toBe(1450);
    expect(services.inputValue!('telemetry')).toBeUndefined();
  });

  it('loads the newest model version in range, with its card and ONNX bytes, from the real registry', async () => {
    const services = twinServices({
      source: { kind: 'twin', id: 't' },
      bindings,
      inputs,
      origin,
      fetch: appFetch,
    });
    const model = await services.loadModel!('pump-rul@^1', new AbortController().signal);
    expect(model).toMatchObject({ name: 'pump-rul', version: '1.2.0', card: { task: 'regression' } });
    expect(model.onnx).toEqual(MATCHING_MODEL);
    await expect(services.loadModel!('pump-rul@^3', new AbortController().signal)).rejects.toThrow(
      'no version of pump-rul that matches ^3',
    );
    await expect(services.loadModel!('no-such-model@^1', new AbortController().signal)).rejects.toThrow(
      /no model|not found|does not exist/i,
    );
    await expect(services.loadModel!('Pump RUL', new AbortController().signal)).rejects.toThrow(
      'not a model reference',
    );
  });

  it('fetches artifacts by SHA-256 and says which file failed', async () => {
    const services = twinServices({
      source: { kind: 'twin', id: 't' },
      bindings,
      inputs,
      origin,
      fetch: appFetch,
    });
    const model = await services.loadModel!('pump-rul@1.0.0', new AbortController().signal);
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(model.onnx).digest('hex');
    expect(await services.fetchFile!(sha, new AbortController().signal)).toEqual(MATCHING_MODEL);
    await expect(services.fetchFile!('0'.repeat(64), new AbortController().signal)).rejects.toThrow(
      /^The file 0{64} could not be downloaded: /,
    );
  });

  it('parses model references', () => {
    expect(parseModelRef('pump-rul@^1')).toEqual({ name: 'pump-rul', range: '^1' });
    expect(parseModelRef('pump-rul@1.2.0')).toEqual({ name: 'pump-rul', range: '1.2.0' });
    expect(parseModelRef('pump-rul')).toBeUndefined();
    expect(parseModelRef('pump-rul@not a range')).toBeUndefined();
  });
});
