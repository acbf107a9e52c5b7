import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinManifests } from '../../nodes/builtins';
import { seedBuiltins } from '../seed/seed-builtins';
import { createTestApp, type TestApp, type TestUser } from '../test-support/test-app';
import {
  blueprintDoc,
  errorOf,
  json,
  layoutDoc,
  MATCHING_MODEL,
  modelCard,
  upload,
  uploadForm,
} from './test-fixtures';

let t: TestApp;
let ada: TestUser;
let bob: TestUser;

async function names(path: string): Promise<string[]> {
  const response = await t.as(null).request('GET', path);
  expect(response.status).toBe(200);
  return (await json(response)).items.map((i: { name: string }) => i.name);
}

beforeAll(async () => {
  t = await createTestApp();
  await seedBuiltins(t.database);
  ada = await t.signup('ada');
  bob = await t.signup('bob');
  const blueprints: [TestUser, string, Record<string, unknown>][] = [
    [
      ada,
      'pump-fleet',
      { title: 'Pump fleet monitor', description: 'Vibration trends.', tags: ['pumps'], usages: ['monitor'] },
    ],
    [
      bob,
      'chiller-plant',
      {
        title: 'Chiller plant optimiser',
        description: 'Chilled water plant: the pumps, the pumps and more pumps; pumping costs.',
        tags: ['hvac'],
        usages: ['optimise'],
      },
    ],
    [
      ada,
      'wind-farm',
      {
        title: 'Wind farm diagnostics',
        description: 'Turbine health.',
        tags: ['energy'],
        usages: ['diagnose', 'monitor'],
      },
    ],
  ];
  for (const [user, name, overrides] of blueprints) {
    const response = await t
      .as(user)
      .request('POST', `/api/blueprints/${name}/versions`, blueprintDoc(name, '1.0.0', overrides));
    expect(response.status).toBe(201);
  }
});
afterAll(() => t?.close());

describe('searching a registry', () => {
  it('ranks a title match above repeated description matches', async () => {
    expect(await names('/api/blueprints?q=pump')).toEqual(['pump-fleet', 'chiller-plant']);
  });

  it('matches prefixes, so "pum" finds "pump"', async () => {
    expect(await names('/api/blueprints?q=pum')).toEqual(['pump-fleet', 'chiller-plant']);
    expect(await names('/api/blueprints?q=diag')).toEqual(['wind-farm']);
  });

  it('matches word forms through English stems ("pumping" finds "pumps")', async () => {
    expect((await names('/api/blueprints?q=pumping')).sort()).toEqual(['chiller-plant', 'pump-fleet']);
  });

  it('requires every word, and searches names, tags and descriptions', async () => {
    expect(await names('/api/blueprints?q=chill%20plan')).toEqual(['chiller-plant']);
    expect(await names('/api/blueprints?q=pump%20turbine')).toEqual([]);
    expect(await names('/api/blueprints?q=turbine')).toEqual(['wind-farm']);
    expect(await names('/api/blueprints?q=hvac')).toEqual(['chiller-plant']);
    expect(await names('/api/blueprints?q=farm')).toEqual(['wind-farm']);
  });

  it('treats query syntax and SQL in the search words as plain text', async () => {
    expect(
      await names(`/api/blueprints?q=${encodeURIComponent("pump:* | !'; drop table users; --")}`),
    ).toEqual([]);
    expect(await names(`/api/blueprints?q=${encodeURIComponent('&|!():*')}`)).toHaveLength(3);
    const [users] = await t.database.sql`select count(*)::int as n from users`;
    expect(users.n).toBeGreaterThan(0);
  });

  it('filters by tag, usage and owner', async () => {
    expect(await names('/api/blueprints?tag=hvac')).toEqual(['chiller-plant']);
    expect((await names('/api/blueprints?usage=monitor')).sort()).toEqual(['pump-fleet', 'wind-farm']);
    expect((await names(`/api/blueprints?owner=${ada.id}`)).sort()).toEqual(['pump-fleet', 'wind-farm']);
    expect(await names(`/api/blueprints?owner=${bob.id}&q=pump`)).toEqual(['chiller-plant']);
  });

  it('pages through results with a total', async () => {
    const pages = [];
    for (const offset of [0, 1, 2, 3]) {
      const body = await json(
        await t.as(null).request('GET', `/api/blueprints?sort=name&limit=1&offset=${offset}`),
      );
      expect(body.total).toBe(3);
      pages.push(...body.items.map((i: { name: string }) => i.name));
    }
    expect(pages).toEqual(['chiller-plant', 'pump-fleet', 'wind-farm']);
    const filtered = await json(await t.as(null).request('GET', '/api/blueprints?q=pump&limit=1'));
    expect(filtered).toMatchObject({ total: 2, items: [{ name: 'pump-fleet' }] });
  });

  it('sorts by most recent publish by default, and by uses plus downloads when asked', async () => {
    expect(await names('/api/blueprints')).toEqual(['wind-farm', 'chiller-plant', 'pump-fleet']);
    await t.as(bob).request('POST', '/api/blueprints/pump-fleet/use');
    await t.as(null).request('GET', '/api/blueprints/pump-fleet/versions/1.0.0');
    await t.as(null).request('GET', '/api/blueprints/chiller-plant/versions/1.0.0');
    expect(await names('/api/blueprints?sort=popular')).toEqual(['pump-fleet', 'chiller-plant', 'wind-farm']);
  });

  it.each([
    ['limit=0', /"limit" is too small/],
    ['limit=101', /"limit" is too large/],
    ['offset=-1', /"offset" is too small/],
    ['usage=fly', /"usage" must be one of/],
    ['sort=random', /"sort" must be one of/],
    ['owner=me', /"owner"/],
    ['category=source', /not expected: "category"/],
    ['foo=1', /not expected: "foo"/],
    ['q=' + 'x'.repeat(201), /"q" is too long/],
  ])('explains a bad query %s', async (query, message) => {
    const response = await t.as(null).request('GET', `/api/blueprints?${query}`);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('invalid_request');
    expect(error.message).toMatch(message);
  });
});

describe('the other registries', () => {
  it('lists components by category and finds node types by title, id and tag', async () => {
    const sources = builtinManifests
      .map((m) => m as { id: string; category: string })
      .filter((m) => m.category === 'source')
      .map((m) => m.id);
    expect((await names('/api/components?category=source')).sort()).toEqual(sources.sort());
    expect(sources).toContain('core/source.table');
    const charts = ['area', 'bar', 'heatmap', 'line', 'pie', 'scatter'].map((kind) => `core/chart.${kind}`);
    expect(
      (await names('/api/components?q=chart')).filter((n) => n.startsWith('core/chart.')).sort(),
    ).toEqual(charts);
    expect((await names('/api/components?q=line%20chart'))[0]).toBe('core/chart.line');
    expect(await names('/api/components?q=rolling')).toEqual(['core/window']);
    expect(await names('/api/components?tag=kpi')).toEqual(['core/kpi']);
    const all = await json(await t.as(null).request('GET', '/api/components?limit=100'));
    expect(all.total).toBe(builtinManifests.length);
    expect((await t.as(null).request('GET', '/api/components?category=regression')).status).toBe(400);
  });

  it('lists models by task (category) and layouts', async () => {
    const form = uploadForm({ card: modelCard('pump-rul', '1.0.0') }, { model: MATCHING_MODEL });
    expect((await upload(t, ada, '/api/models/pump-rul/versions', form)).status).toBe(201);
    expect(await names('/api/models?category=regression')).toEqual(['pump-rul']);
    expect(await names('/api/models?category=clustering')).toEqual([]);
    expect(await names('/api/models?q=remaining')).toEqual(['pump-rul']);
    const layout = await t
      .as(ada)
      .request('POST', '/api/layouts/ops-wall/versions', layoutDoc('ops-wall', '1.0.0'));
    expect(layout.status).toBe(201);
    expect(await names('/api/layouts?q=operations')).toEqual(['ops-wall']);
  });
});

describe('the search cache', () => {
  it('answers a repeated search from the cache, and forgets it as soon as an entry changes', async () => {
    expect(await names('/api/blueprints?q=zanzibar')).toEqual([]);
    // Written behind the API's back: the cached answer stays until an entry changes through the API.
    await t.database
      .sql`update registry_entries set title = 'Zanzibar pumps', search = to_tsvector('simple', 'zanzibar') where name = 'pump-fleet'`;
    expect(await names('/api/blueprints?q=zanzibar')).toEqual([]);
    const published = await t
      .as(ada)
      .request(
        'POST',
        '/api/blueprints/zanzibar-wells/versions',
        blueprintDoc('zanzibar-wells', '1.0.0', { title: 'Zanzibar wells' }),
      );
    expect(published.status).toBe(201);
    expect((await names('/api/blueprints?q=zanzibar')).sort()).toEqual(['pump-fleet', 'zanzibar-wells']);
  });
});
