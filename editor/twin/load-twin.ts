/**
 * Loading a twin for its page: the twin (by id as a signed-in viewer, or by share-link token, read-only), the
 * exact blueprint version it runs, and the execution plan compiled in the browser with the twin's overrides.
 */
import { builtinRegistry } from '../../runtime/compiler/builtin-registry';
import { compileBlueprint } from '../../runtime/compiler/compile';
import type { ExecutionPlan } from '../../runtime/compiler/plan';
import type { Problem } from '../../schemas/problems';
import type { Twin } from '../../schemas/twin/twin.types';
import { ApiError, apiRequest, currentUser } from './api-client';

/** Where a twin is read from: its own URL (needs access) or a share link (read-only, no login). */
export type TwinSource = { kind: 'twin'; id: string } | { kind: 'shared'; token: string };

/** A twin ready to run. */
export interface LoadedTwin {
  source: TwinSource;
  id: string;
  title: string;
  document: Twin;
  /** The published blueprint version's document, as the registry stores it. */
  blueprint: Record<string, unknown>;
  plan: ExecutionPlan;
  /** Whether the viewer may change the twin (save its layout): never through a share link. */
  canEdit: boolean;
  /** Who may open it by its address (as the owner sees it; a share link always reads as private). */
  visibility: 'private' | 'unlisted' | 'public';
  /** Whether someone is signed in (publishing a layout needs it). */
  signedIn: boolean;
  /** Warnings the compiler found (the twin still runs). */
  warnings: Problem[];
}

/** Why a twin could not be opened, in plain words, with a stable PTR code (docs/errors.md). */
export class TwinLoadError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
    this.name = 'TwinLoadError';
  }
}

interface TwinResponse {
  id: string;
  title: string;
  document: Twin;
  canEdit: boolean;
  visibility: 'private' | 'unlisted' | 'public';
}

interface SharedResponse {
  twin: { id: string; title: string; document: Twin };
  blueprint: Record<string, unknown>;
}

/**
 * The blueprint with the twin's overrides merged into node configs (a shallow merge per node, as the server
 * checks it). Pure.
 * @example withOverrides(blueprint, { trend: { maxPoints: 5000 } })
 */
export function withOverrides(
  blueprint: Record<string, unknown>,
  overrides: Twin['overrides'] = {},
): Record<string, unknown> {
  const nodes = Array.isArray(blueprint.nodes) ? (blueprint.nodes as Record<string, unknown>[]) : [];
  return {
    ...blueprint,
    nodes: nodes.map((node) => {
      const override = typeof node.id === 'string' ? overrides[node.id] : undefined;
      if (!override) return node;
      const config = (node.config ?? {}) as Record<string, unknown>;
      return { ...node, config: { ...config, ...override } };
    }),
  };
}

/**
 * Compiles a twin's blueprint (with its overrides) into an execution plan in the browser, with the built-in node
 * types. Throws a `TwinLoadError` (PTR503) listing the compiler's problems when it does not compile.
 * @example const { plan, warnings } = await planForTwin(blueprint, twin.overrides)
 */
export async function planForTwin(
  blueprint: Record<string, unknown>,
  overrides?: Twin['overrides'],
): Promise<{ plan: ExecutionPlan; warnings: Problem[] }> {
  const result = await compileBlueprint(withOverrides(blueprint, overrides), {
    registry: await builtinRegistry(),
  });
  if (!result.ok) {
    const errors = result.problems.filter((p) => p.severity === 'error');
    throw new TwinLoadError(
      'PTR503',
      `This twin’s blueprint has ${errors.length === 1 ? 'a problem that stops' : `${errors.length} problems that stop`} it from running.`,
      errors,
    );
  }
  return { plan: result.plan, warnings: result.problems };
}

async function fetchTwin(id: string, signedIn: boolean): Promise<TwinResponse> {
  try {
    return await apiRequest<TwinResponse>('GET', `/api/twins/${encodeURIComponent(id)}`);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
      throw new TwinLoadError(
        'PTR501',
        signedIn
          ? 'There is no twin at this address, or it is private to someone else. Check the link, or ask its owner to share it.'
          : 'There is no twin at this address, or it is private. Sign in as its owner, or ask the owner for a share link.',
      );
    }
    throw asLoadError(error);
  }
}

async function fetchShared(token: string): Promise<SharedResponse> {
  try {
    return await apiRequest<SharedResponse>('GET', `/api/shared/${encodeURIComponent(token)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      throw new TwinLoadError(
        'PTR502',
        'This share link does not work: it was revoked or mistyped. Ask the twin’s owner for a new link.',
      );
    }
    throw asLoadError(error);
  }
}

function asLoadError(error: unknown): TwinLoadError {
  if (error instanceof TwinLoadError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new TwinLoadError('PTR504', `The twin could not be loaded: ${message}`);
}

/**
 * Loads a twin, its blueprint version and its plan. Throws `TwinLoadError`s in plain words: no such twin or no
 * access (PTR501), a dead share link (PTR502), a blueprint that does not compile (PTR503), the server failing
 * (PTR504).
 * @example const twin = await loadTwin({ kind: 'twin', id })
 */
export async function loadTwin(source: TwinSource): Promise<LoadedTwin> {
  const me = await currentUser().catch(() => null);
  let id: string;
  let title: string;
  let document: Twin;
  let blueprint: Record<string, unknown>;
  let canEdit = false;
  let visibility: LoadedTwin['visibility'] = 'private';
  if (source.kind === 'twin') {
    const twin = await fetchTwin(source.id, me !== null);
    ({ id, title, document, canEdit, visibility } = twin);
    const { name, version } = document.blueprint;
    try {
      const found = await apiRequest<{ document: Record<string, unknown> }>(
        'GET',
        `/api/blueprints/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}`,
      );
      blueprint = found.document;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404)
        throw new TwinLoadError(
          'PTR505',
          `This twin runs the blueprint ${name} version ${version}, which the registry no longer has.`,
        );
      throw asLoadError(error);
    }
  } else {
    const shared = await fetchShared(source.token);
    ({ id, title, document } = shared.twin);
    blueprint = shared.blueprint;
  }
  const { plan, warnings } = await planForTwin(blueprint, document.overrides);
  return {
    source,
    id,
    title,
    document,
    blueprint,
    plan,
    canEdit,
    visibility,
    signedIn: me !== null,
    warnings,
  };
}
