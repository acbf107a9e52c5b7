import {
  blueprintDoc,
  componentManifest,
  layoutDoc,
  MATCHING_MODEL,
  modelCard,
  uploadForm,
} from '../registry/test-fixtures';
import { pumpFleetBindings } from '../twins/twin-test-fixtures';
import { seedBuiltins } from '../seed/seed-builtins';
import { dataRouteCases } from './data-route-cases';
import { createTestApp, type TestApp, type TestUser } from './test-app';

/**
 * One case per state-changing API route, able to set up a fresh target owned by a given user, for the
 * permission matrix and the bad-input sweep. `routeCases(t)` binds them to a test app.
 */
export type Role = 'anonymous' | 'other' | 'owner' | 'admin';
/** owned: only owner/admin; open: any logged-in user (creates something of their own); self: only the owner. */
export type Rule = 'owned' | 'open' | 'self';
export interface RouteRequest {
  path: string;
  body?: unknown;
  form?: () => FormData;
  /** A raw body with its content type (picture uploads). */
  raw?: { bytes: Uint8Array; type: string };
}

// A real 1×1 PNG, for the picture routes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
export interface RouteCase {
  route: string;
  title: string;
  rule: Rule;
  /** True when the route takes a JSON body (for the bad-input sweep); false for no body or an upload form. */
  json: boolean;
  prepare(owner: TestUser): Promise<RouteRequest>;
}

/** State-changing routes open to everyone (nothing to own). */
export const PUBLIC_ACTIONS = ['POST /api/auth/signup', 'POST /api/auth/login', 'POST /api/auth/logout'];

let counter = 0;
const fresh = (prefix: string) => `${prefix}-${++counter}`;

/**
 * The route cases bound to a test app: `call(user, method, request)` sends a prepared request as a user,
 * `publishAs` publishes an entry, `cases` lists every state-changing route.
 * @example const { cases, call } = routeCases(t)
 */
export function routeCases(t: TestApp) {
  async function call(user: TestUser | null, method: string, request: RouteRequest): Promise<Response> {
    if (request.form) {
      return t.as(user).request(method, request.path, undefined, {
        body: request.form(),
        headers: { origin: 'http://localhost' },
      });
    }
    if (request.raw) {
      return t.as(user).request(method, request.path, undefined, {
        body: request.raw.bytes as BodyInit,
        headers: { 'content-type': request.raw.type },
      });
    }
    return t.as(user).request(method, request.path, request.body);
  }

  async function ok(response: Response, what: string): Promise<Response> {
    if (response.status >= 300) throw new Error(`${what}: ${response.status} ${await response.text()}`);
    return response;
  }

  type Kind = 'blueprints' | 'models' | 'components' | 'layouts';
  const entryPath = (kind: Kind, name: string) =>
    kind === 'components' ? `/api/components/acme/${name}` : `/api/${kind}/${name}`;

  function publishRequest(kind: Kind, name: string, version: string): RouteRequest {
    const path = `${entryPath(kind, name)}/versions`;
    switch (kind) {
      case 'blueprints':
        return { path, body: blueprintDoc(name, version) };
      case 'layouts':
        return { path, body: layoutDoc(name, version) };
      case 'components':
        return { path, body: componentManifest(`acme/${name}`, version) };
      case 'models':
        return {
          path,
          form: () => uploadForm({ card: modelCard(name, version) }, { model: MATCHING_MODEL }),
        };
    }
  }

  async function publishAs(
    user: TestUser,
    kind: Kind,
    version = '1.0.0',
    name = fresh(kind.slice(0, -1)),
  ): Promise<string> {
    await ok(await call(user, 'POST', publishRequest(kind, name, version)), `publish ${kind} ${name}`);
    return name;
  }

  async function draftOf(user: TestUser): Promise<string> {
    const response = await ok(
      await call(user, 'POST', {
        path: '/api/drafts',
        body: { title: 'Matrix draft', document: { nodes: [] } },
      }),
      'create draft',
    );
    return ((await response.json()) as { id: string }).id;
  }

  async function twinOf(user: TestUser): Promise<string> {
    const response = await ok(
      await call(user, 'POST', {
        path: '/api/twins',
        body: {
          schemaVersion: 1,
          title: 'Matrix twin',
          blueprint: { name: 'matrix-base', version: '1.0.0' },
          bindings: pumpFleetBindings(),
          visibility: 'private',
        },
      }),
      'create twin',
    );
    return ((await response.json()) as { id: string }).id;
  }

  function kindCases(kind: Kind): RouteCase[] {
    const route = kind === 'components' ? '/api/components/{scope}/{name}' : `/api/${kind}/{name}`;
    return [
      {
        route: `POST ${route}/versions`,
        title: 'publish a new entry',
        json: kind !== 'models',
        rule: 'open',
        prepare: async () => publishRequest(kind, fresh(kind.slice(0, -1)), '1.0.0'),
      },
      {
        route: `POST ${route}/versions`,
        title: 'publish a version of an existing entry',
        json: kind !== 'models',
        rule: 'owned',
        prepare: async (o) => publishRequest(kind, await publishAs(o, kind), '1.1.0'),
      },
      {
        route: `DELETE ${route}`,
        title: 'delete',
        json: false,
        rule: 'owned',
        prepare: async (o) => ({ path: entryPath(kind, await publishAs(o, kind)) }),
      },
      {
        route: `POST ${route}/fork`,
        title: 'fork',
        json: true,
        rule: 'open',
        prepare: async (o) => ({
          path: `${entryPath(kind, await publishAs(o, kind))}/fork`,
          body: { name: kind === 'components' ? `acme/${fresh('fork')}` : fresh('fork') },
        }),
      },
      {
        route: `POST ${route}/deprecate`,
        title: 'deprecate',
        json: true,
        rule: 'owned',
        prepare: async (o) => ({
          path: `${entryPath(kind, await publishAs(o, kind))}/deprecate`,
          body: { message: 'Use v2.' },
        }),
      },
      {
        route: `DELETE ${route}/deprecate`,
        title: 'undeprecate',
        json: false,
        rule: 'owned',
        prepare: async (o) => {
          const path = `${entryPath(kind, await publishAs(o, kind))}/deprecate`;
          await ok(await call(o, 'POST', { path, body: { message: 'Old.' } }), 'deprecate');
          return { path };
        },
      },
      {
        route: `POST ${route}/use`,
        title: 'report a use',
        json: false,
        rule: 'open',
        prepare: async (o) => ({ path: `${entryPath(kind, await publishAs(o, kind))}/use` }),
      },
      {
        route: `PUT ${route}/thumbnail`,
        title: 'set the picture',
        json: false,
        rule: 'owned',
        prepare: async (o) => ({
          path: `${entryPath(kind, await publishAs(o, kind))}/thumbnail`,
          raw: { bytes: PNG, type: 'image/png' },
        }),
      },
      {
        route: `DELETE ${route}/thumbnail`,
        title: 'remove the picture',
        json: false,
        rule: 'owned',
        prepare: async (o) => ({ path: `${entryPath(kind, await publishAs(o, kind))}/thumbnail` }),
      },
    ];
  }

  const cases: RouteCase[] = [
    {
      route: 'POST /api/auth/tokens',
      title: 'create an API token',
      json: true,
      rule: 'open',
      prepare: async () => ({ path: '/api/auth/tokens', body: { name: 'cli' } }),
    },
    {
      route: 'DELETE /api/auth/tokens/{id}',
      title: 'delete an API token',
      json: false,
      rule: 'self',
      prepare: async (o) => {
        const created = await ok(
          await call(o, 'POST', { path: '/api/auth/tokens', body: { name: 'cli' } }),
          'token',
        );
        return { path: `/api/auth/tokens/${((await created.json()) as { id: string }).id}` };
      },
    },
    ...(['blueprints', 'models', 'components', 'layouts'] as const).flatMap(kindCases),
    {
      route: 'POST /api/twins',
      title: 'create a twin',
      json: true,
      rule: 'open',
      prepare: async () => ({
        path: '/api/twins',
        body: {
          schemaVersion: 1,
          title: 'New twin',
          blueprint: { name: 'matrix-base', version: '1.0.0' },
          bindings: pumpFleetBindings(),
        },
      }),
    },
    {
      route: 'POST /api/drafts',
      title: 'save a new draft',
      json: true,
      rule: 'open',
      prepare: async () => ({ path: '/api/drafts', body: { title: 'Draft', document: { nodes: [] } } }),
    },
    {
      route: 'PUT /api/drafts/{id}',
      title: 'save a draft',
      json: true,
      rule: 'owned',
      prepare: async (o) => ({
        path: `/api/drafts/${await draftOf(o)}`,
        body: { title: 'Saved again', document: { nodes: [{ id: 'a' }] } },
      }),
    },
    {
      route: 'PUT /api/drafts/{id}',
      title: "save a draft with the editor's preview settings",
      json: true,
      rule: 'owned',
      prepare: async (o) => ({
        path: `/api/drafts/${await draftOf(o)}`,
        body: {
          title: 'Saved again',
          document: { nodes: [] },
          preview: { samples: { data: 'pump_telemetry' } },
        },
      }),
    },
    {
      route: 'DELETE /api/drafts/{id}',
      title: 'delete a draft',
      json: false,
      rule: 'owned',
      prepare: async (o) => ({ path: `/api/drafts/${await draftOf(o)}` }),
    },
    {
      route: 'PATCH /api/twins/{id}',
      title: 'change a twin',
      json: true,
      rule: 'owned',
      prepare: async (o) => ({ path: `/api/twins/${await twinOf(o)}`, body: { title: 'Renamed' } }),
    },
    {
      route: 'DELETE /api/twins/{id}',
      title: 'delete a twin',
      json: false,
      rule: 'owned',
      prepare: async (o) => ({ path: `/api/twins/${await twinOf(o)}` }),
    },
    {
      route: 'POST /api/twins/{id}/share',
      title: 'create a share link',
      json: false,
      rule: 'owned',
      prepare: async (o) => ({ path: `/api/twins/${await twinOf(o)}/share` }),
    },
    {
      route: 'DELETE /api/twins/{id}/share',
      title: 'revoke share links',
      json: false,
      rule: 'owned',
      prepare: async (o) => {
        const path = `/api/twins/${await twinOf(o)}/share`;
        await ok(await call(o, 'POST', { path }), 'share');
        return { path };
      },
    },
    ...dataRouteCases(t, call, ok),
  ];
  return { cases, call, publishAs };
}

/**
 * The cases' names, for declaring tests before any app exists (the cases only touch the app when prepared).
 * @example describe.each(routeCaseList().map((c, i) => [c.route, i] as const))('%s', ...)
 */
export function routeCaseList(): RouteCase[] {
  return routeCases(null as unknown as TestApp).cases;
}

/**
 * A test app ready for the route cases: built-in node types, an `owner`, and the blueprint `matrix-base`
 * (owned by them) that the twin cases deploy.
 * @example beforeAll(async () => ({ t, routes, owner } = await startRouteCaseApp()))
 */
export async function startRouteCaseApp(): Promise<{
  t: TestApp;
  routes: ReturnType<typeof routeCases>;
  owner: TestUser;
}> {
  const t = await createTestApp();
  const routes = routeCases(t);
  await seedBuiltins(t.database);
  const owner = await t.signup('owner');
  await routes.publishAs(owner, 'blueprints', '1.0.0', 'matrix-base');
  return { t, routes, owner };
}
