import semver from 'semver';
import { pointerOf, problem } from '../../schemas/problems';
import type { CompileContext, NodeEntry } from './context';
import type { NodeTypeRegistry } from './registry';

/**
 * Resolves every node's type through the registry. All nodes of one type share one version: the highest that
 * satisfies every range they use (or the locked one). Reports PT102-PT105 and PT170; returns the lock.
 * @example const lock = await resolveNodeTypes(ctx, registry)
 */
export async function resolveNodeTypes(
  ctx: CompileContext,
  registry: NodeTypeRegistry,
): Promise<Record<string, { version: string; sha256: string }>> {
  const byType = new Map<string, NodeEntry[]>();
  for (const entry of ctx.nodes.values()) {
    if (semver.validRange(entry.range) === null) {
      ctx.problems.push(
        problem(
          'PT104',
          pointerOf('nodes', entry.index, 'type'),
          `The node "${entry.node.id}" asks for ${entry.typeId} at versions "${entry.range}", which is not a version range; write e.g. ^1, ~1.2 or 1.2.3.`,
          { nodeId: entry.node.id },
        ),
      );
      continue;
    }
    const list = byType.get(entry.typeId) ?? [];
    list.push(entry);
    byType.set(entry.typeId, list);
  }
  const lockIn = ctx.blueprint.lock ?? {};
  const lockOut: Record<string, { version: string; sha256: string }> = {};
  await Promise.all(
    [...byType].map(async ([typeId, entries]) => {
      const first = entries[0];
      const at = pointerOf('nodes', first.index, 'type');
      let versions: readonly string[];
      try {
        versions = await registry.versions(typeId);
      } catch (error) {
        ctx.problems.push(
          problem(
            'PT105',
            at,
            `The node type ${typeId} could not be looked up: ${String(error)}. Try again later.`,
            {
              nodeId: first.node.id,
            },
          ),
        );
        return;
      }
      if (versions.length === 0) {
        for (const entry of entries) {
          ctx.problems.push(
            problem(
              'PT102',
              pointerOf('nodes', entry.index, 'type'),
              `The node "${entry.node.id}" uses the node type ${typeId}, which no registry knows; check the spelling or publish the node type first.`,
              { nodeId: entry.node.id, details: { typeId } },
            ),
          );
        }
        return;
      }
      const ranges = [...new Set(entries.map((e) => e.range))];
      const locked = lockIn[typeId];
      let version: string | null;
      if (locked) {
        const unsatisfied = ranges.filter((r) => !semver.satisfies(locked.version, r));
        if (unsatisfied.length > 0 || !versions.includes(locked.version)) {
          ctx.problems.push(
            problem(
              'PT170',
              pointerOf('lock', typeId),
              unsatisfied.length > 0
                ? `The lock pins ${typeId} to ${locked.version}, which the range ${unsatisfied[0]} does not allow; publish again to refresh the lock.`
                : `The lock pins ${typeId} to ${locked.version}, which the registry does not have; publish again to refresh the lock.`,
              { nodeId: first.node.id },
            ),
          );
          return;
        }
        version = locked.version;
      } else {
        const candidates = versions.filter((v) => ranges.every((r) => semver.satisfies(v, r)));
        version = candidates.length > 0 ? semver.rsort([...candidates])[0] : null;
      }
      if (version === null) {
        const wanted = entries.map((e) => `${e.range} (node "${e.node.id}")`).join(', ');
        for (const entry of entries) {
          const alone = semver.maxSatisfying([...versions], entry.range) !== null;
          ctx.problems.push(
            problem(
              'PT103',
              pointerOf('nodes', entry.index, 'type'),
              alone
                ? `The nodes using ${typeId} ask for versions no single version satisfies: ${wanted}; make their ranges agree.`
                : `The node "${entry.node.id}" asks for ${typeId} at ${entry.range}, but the only version${versions.length === 1 ? ' is' : 's are'} ${versions.join(', ')}; change the range.`,
              { nodeId: entry.node.id, details: { typeId, range: entry.range, available: versions } },
            ),
          );
        }
        return;
      }
      let resolved;
      try {
        resolved = await registry.manifest(typeId, version);
      } catch (error) {
        ctx.problems.push(
          problem('PT105', at, `The node type ${typeId}@${version} could not be fetched: ${String(error)}.`, {
            nodeId: first.node.id,
          }),
        );
        return;
      }
      if (!resolved) {
        ctx.problems.push(
          problem(
            'PT105',
            at,
            `The registry lists ${typeId}@${version} but could not serve it; try again later.`,
            {
              nodeId: first.node.id,
            },
          ),
        );
        return;
      }
      if (locked?.sha256 && locked.sha256 !== resolved.sha256) {
        ctx.problems.push(
          problem(
            'PT170',
            pointerOf('lock', typeId, 'sha256'),
            `The node type ${typeId}@${version} is not the one this blueprint was published with (its digest differs); publish again to accept the new one.`,
            { nodeId: first.node.id },
          ),
        );
      }
      lockOut[typeId] = { version, sha256: resolved.sha256 };
      for (const entry of entries) {
        entry.manifest = resolved.manifest;
        entry.version = version;
        entry.sha256 = resolved.sha256;
      }
    }),
  );
  for (const typeId of Object.keys(lockIn)) {
    if (!byType.has(typeId)) {
      ctx.problems.push(
        problem(
          'PT170',
          pointerOf('lock', typeId),
          `The lock names ${typeId}, which no node uses; it will be dropped on publish.`,
          {
            severity: 'warning',
          },
        ),
      );
    }
  }
  return Object.fromEntries(Object.entries(lockOut).sort(([a], [b]) => (a < b ? -1 : 1)));
}
