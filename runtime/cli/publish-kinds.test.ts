import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getJson, startPublishSetup, stopPublishSetup } from './publish-test-setup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  componentManifest,
  layoutDoc,
  MATCHING_MODEL,
  modelCard,
  onnxModel,
} from '../../server/registry/test-fixtures';
import type { TestApp, TestUser } from '../../server/test-support/test-app';
import {
  cliHome,
  linesOf,
  runCli,
  writeExampleBlueprint,
  writeJsonFile,
  type RunningServer,
} from './test-support';

// publish for the documents that are not blueprints: layouts, component folders (with their bundle) and models
// (a card with a real ONNX file); blueprints and the ways publish fails are in publish-command.test.ts.

let t: TestApp;
let server: RunningServer;
let ada: TestUser;
let url: string;
let dir: string;
let home: Awaited<ReturnType<typeof cliHome>>;

/** The env of a run logged in as ada (her token in the credentials file, the server its default). */
const loggedIn = () => home.env;

beforeAll(async () => {
  ({ t, server, ada, url, dir, home } = await startPublishSetup('projecttwin-cli-publish-kinds-'));
});
afterAll(() => stopPublishSetup({ t, server, dir, home }));

describe('projecttwin publish <layout>', () => {
  it('publishes a mosaic layout', async () => {
    const layout = layoutDoc('cli-wall', '1.0.0');
    await writeJsonFile(join(dir, 'wall.layout.json'), layout);
    const run = await runCli(['publish', 'wall.layout.json'], dir, loggedIn());
    expect(run.stderr).toBe('');
    expect(linesOf(run.stdout)).toEqual([`Published layout cli-wall@1.0.0 (${url}/api/layouts/cli-wall)`]);
    const { body } = await getJson(t, '/api/layouts/cli-wall');
    expect(body.document).toEqual(layout);
  });

  it('refuses a layout without the name a registry needs, before the server', async () => {
    const nameless = layoutDoc('x', '1.0.0');
    delete nameless.name;
    await writeJsonFile(join(dir, 'nameless.layout.json'), nameless);
    const run = await runCli(['publish', 'nameless.layout.json'], dir, loggedIn());
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual([
      'nameless.layout.json:/name: error PT010: A layout published to the registry needs a "name"; add it to the layout.',
      'projecttwin: not published: nameless.layout.json has 1 error; fix it and publish again',
    ]);
  });
});

describe('projecttwin publish <component folder>', () => {
  const bundle = 'export function create(ctx) { return { receive() {} }; }\n';

  it('uploads the manifest with the bundle its implementation names; the bundle is downloadable', async () => {
    const folder = join(dir, 'gauge');
    await writeJsonFile(
      join(folder, 'manifest.json'),
      componentManifest('acme/gauge', '1.0.0', { implementation: './gauge.js' }),
    );
    await writeFile(join(folder, 'gauge.js'), bundle);

    const run = await runCli(['publish', 'gauge'], dir, loggedIn());

    expect(run.stderr).toBe('');
    expect(linesOf(run.stdout)).toEqual([
      `Published component acme/gauge@1.0.0 (${url}/api/components/acme/gauge)`,
    ]);
    const { body } = await getJson(t, '/api/components/acme/gauge');
    expect(body.owner.id).toBe(ada.id);
    expect(body.artifact).toMatchObject({ bytes: Buffer.byteLength(bundle), mediaType: 'text/javascript' });
    const download = await t.app.request(body.artifact.url);
    expect(await download.text()).toBe(bundle);
  });

  it('lets a blueprint use the published component: node types beyond the built-ins are looked up on the server', async () => {
    await writeExampleBlueprint(dir, 'gauged.json', 'cli-gauged', '1.0.0', (b) => {
      b.nodes.find((node) => node.id === 'trend')!.type = 'acme/gauge@^1';
    });
    const run = await runCli(['publish', 'gauged.json'], dir, loggedIn());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { body } = await getJson(t, '/api/blueprints/cli-gauged');
    expect(body.document.lock['acme/gauge']).toMatchObject({ version: '1.0.0' });

    await writeExampleBlueprint(dir, 'ungauged.json', 'cli-ungauged', '1.0.0', (b) => {
      b.nodes.find((node) => node.id === 'trend')!.type = 'acme/no-gauge@^1';
    });
    const missing = await runCli(['publish', 'ungauged.json'], dir, loggedIn());
    expect(missing.code).toBe(1);
    expect(linesOf(missing.stderr)[0]).toMatch(
      /^ungauged\.json:\/nodes\/\d+\/type: error PT102: .*acme\/no-gauge/,
    );
    expect((await getJson(t, '/api/blueprints/cli-ungauged')).status).toBe(404);
  });

  it('publishes a manifest alone when the folder has no bundle', async () => {
    const folder = join(dir, 'plain');
    await writeJsonFile(join(folder, 'manifest.json'), componentManifest('acme/plain', '1.0.0'));
    const run = await runCli(['publish', 'plain'], dir, loggedIn());
    expect(linesOf(run.stdout)).toEqual([
      `Published component acme/plain@1.0.0 (${url}/api/components/acme/plain)`,
    ]);
    expect((await getJson(t, '/api/components/acme/plain')).body.artifact).toBeNull();
  });

  it('prints the refusal of a reserved scope in one line', async () => {
    const folder = join(dir, 'core-thing');
    await writeJsonFile(join(folder, 'manifest.json'), componentManifest('core/thing', '1.0.0'));
    const run = await runCli(['publish', 'core-thing'], dir, loggedIn());
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual([
      expect.stringMatching(
        /^projecttwin: not published: Node types named core\/\.\.\. are reserved .* \(reserved_scope\)$/,
      ),
    ]);
  });
});

describe('projecttwin publish <model>', () => {
  it('uploads a model folder (card + a real ONNX file); the model file is downloadable', async () => {
    const folder = join(dir, 'rul');
    await writeJsonFile(join(folder, 'model-card.json'), modelCard('cli-rul', '1.0.0'));
    await writeFile(join(folder, 'rul.onnx'), MATCHING_MODEL);

    const run = await runCli(['publish', 'rul'], dir, loggedIn());

    expect(run.stderr).toBe('');
    expect(linesOf(run.stdout)).toEqual([`Published model cli-rul@1.0.0 (${url}/api/models/cli-rul)`]);
    const { body } = await getJson(t, '/api/models/cli-rul');
    expect(body.status.code).toBe('ready');
    expect(body.artifact.bytes).toBe(MATCHING_MODEL.byteLength);
    const download = await t.app.request(body.artifact.url);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(MATCHING_MODEL);
  });

  it('finds the .onnx with the card file name among several', async () => {
    const folder = join(dir, 'cards');
    await writeJsonFile(join(folder, 'cli-rul-2.json'), modelCard('cli-rul', '2.0.0'));
    await writeFile(join(folder, 'cli-rul-2.onnx'), MATCHING_MODEL);
    await writeFile(
      join(folder, 'other.onnx'),
      onnxModel({ inputs: [['a', 'int64']], outputs: [['b', 'int64']] }),
    );
    const run = await runCli(['publish', join('cards', 'cli-rul-2.json')], dir, loggedIn());
    expect(linesOf(run.stdout)).toEqual([`Published model cli-rul@2.0.0 (${url}/api/models/cli-rul)`]);
  });

  it('prints what does not match when the card does not fit the model (400 signature_mismatch)', async () => {
    const folder = join(dir, 'mismatch');
    const card = modelCard('cli-mismatch', '1.0.0');
    card.inputs[0].tensor = 'z';
    await writeJsonFile(join(folder, 'card.json'), card);
    await writeFile(join(folder, 'model.onnx'), MATCHING_MODEL);
    const run = await runCli(['publish', 'mismatch'], dir, loggedIn());
    expect(run.code).toBe(1);
    const file = join('mismatch', 'card.json');
    expect(linesOf(run.stderr)).toEqual([
      `${file}: error: The card names the input tensor "z", but the model has no such input; its inputs are "x".`,
      'projecttwin: not published: The model card does not match the model file: The card names the input tensor "z", but the model has no such input; its inputs are "x". (signature_mismatch)',
    ]);
    expect((await getJson(t, '/api/models/cli-mismatch')).status).toBe(404);
  });

  it('names the missing model file, exit 1', async () => {
    await writeJsonFile(join(dir, 'lonely', 'card.json'), modelCard('cli-lonely', '1.0.0'));
    const run = await runCli(['publish', 'lonely'], dir, loggedIn());
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual([
      `${join('lonely', 'card.json')}: error: no .onnx model file beside this model card; put it in the same folder or name it with --model <file>`,
    ]);
  });
});
