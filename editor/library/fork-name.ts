import type { EntryKind } from '../api/registry-types';

/**
 * A name to offer for a fork: `<name>-copy` for blueprints, models and layouts; for components, the same node
 * name in a scope made from the user's name (a component's scope is its publisher's).
 * @example suggestForkName('blueprint', 'pump-fleet', 'Ada') // 'pump-fleet-copy'
 * @example suggestForkName('component', 'core/chart.line', 'Ada Lovelace') // 'ada-lovelace/chart.line'
 */
export function suggestForkName(kind: EntryKind, name: string, userName: string): string {
  if (kind !== 'component') return `${name.slice(0, 59)}-copy`;
  const base = name.split('/').pop() ?? name;
  let scope = userName
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  if (!scope) scope = 'my';
  return `${scope}/${base}`;
}
