import { z } from '@hono/zod-openapi';
import { KINDS, type EntryKind } from './registry-kinds';

// Names are not pattern-checked here: an unknown name is simply not found, and publish checks the pattern
// with a message that explains it (assertValidName in registry-kinds.ts).
const nameParam = (example: string) =>
  z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'name', in: 'path' }, example });
const scopeParam = z
  .string()
  .min(1)
  .max(40)
  .openapi({ param: { name: 'scope', in: 'path' }, example: 'core' });
const versionParam = z
  .string()
  .min(1)
  .max(100)
  .openapi({ param: { name: 'version', in: 'path' }, example: '1.0.0' });

const NameParams = z.object({ name: nameParam('pump-fleet-monitor') });
const ComponentParams = z.object({ scope: scopeParam, name: nameParam('chart.line') });
const NameVersionParams = NameParams.extend({ version: versionParam });
const ComponentVersionParams = ComponentParams.extend({ version: versionParam });

/**
 * Where an entry's routes live. Components are named by node-type id, which holds a slash, so every component
 * route spells it as two path segments: /api/components/{scope}/{name}/...; the other kinds use
 * /api/{kind}/{name}/...
 */
export interface EntryTarget {
  kind: EntryKind;
  /** The list path, e.g. /api/blueprints. */
  list: string;
  /** The entry path, e.g. /api/blueprints/{name} or /api/components/{scope}/{name}. */
  base: string;
  params: typeof NameParams | typeof ComponentParams;
  versionParams: typeof NameVersionParams | typeof ComponentVersionParams;
}

/**
 * The route paths and path parameters of one kind.
 * @example const { base, params } = entryTarget('component') // base: '/api/components/{scope}/{name}'
 */
export function entryTarget(kind: EntryKind): EntryTarget {
  const list = `/api/${KINDS[kind].segment}`;
  return kind === 'component'
    ? {
        kind,
        list,
        base: `${list}/{scope}/{name}`,
        params: ComponentParams,
        versionParams: ComponentVersionParams,
      }
    : { kind, list, base: `${list}/{name}`, params: NameParams, versionParams: NameVersionParams };
}

/**
 * The entry name held by a route's path parameters (`scope/name` for components).
 * @example entryName({ scope: 'core', name: 'chart.line' }) // 'core/chart.line'
 */
export function entryName(params: { name: string; scope?: string }): string {
  return params.scope === undefined ? params.name : `${params.scope}/${params.name}`;
}
