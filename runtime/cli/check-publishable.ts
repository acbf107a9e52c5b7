import { layoutRecord } from '../../schemas/layout/layout.record';
import { loadDocument } from '../../schemas/load';
import type { DocumentRecord } from '../../schemas/migrations';
import { modelCardRecord } from '../../schemas/model-card/model-card.record';
import { nodeManifestRecord } from '../../schemas/node-manifest/node-manifest.record';
import { problem, type Problem } from '../../schemas/problems';
import { builtinRegistry } from '../compiler/builtin-registry';
import { compileBlueprint } from '../compiler/compile';
import type { Publishable, PublishKind } from './publishable';
import { layeredRegistry, ServerNodeTypeRegistry } from './server-node-type-registry';

const RECORDS: Record<Exclude<PublishKind, 'blueprint'>, DocumentRecord> = {
  layout: layoutRecord,
  model: modelCardRecord,
  component: nodeManifestRecord,
};

/** A layout is optional-named inside a blueprint, but the registry needs its name, version and title. */
function layoutRegistryProblems(document: Record<string, unknown>): Problem[] {
  return (['name', 'version', 'title'] as const)
    .filter((field) => document[field] === undefined)
    .map((field) =>
      problem(
        'PT010',
        `/${field}`,
        `A layout published to the registry needs a "${field}"; add it to the layout.`,
      ),
    );
}

/**
 * Checks a document before it is sent, with the same code the server runs: a blueprint is compiled (against the
 * built-in node types the CLI ships with; any other node type is looked up in `server`'s component registry,
 * read only), a layout, model card or component manifest is validated against its JSON Schema (and a layout
 * must have the name, version and title a registry needs). Resolves to every problem found, warnings included.
 * @example const problems = await checkPublishable(await findPublishable('pumps.json'), 'http://localhost:8787')
 */
export async function checkPublishable(publishable: Publishable, server: string): Promise<Problem[]> {
  const { kind, document } = publishable;
  if (kind === 'blueprint') {
    const registry = layeredRegistry(await builtinRegistry(), new ServerNodeTypeRegistry(server));
    return (await compileBlueprint(document, { registry })).problems;
  }
  const loaded = loadDocument<Record<string, unknown>>(RECORDS[kind], document);
  if (!loaded.ok) return loaded.problems;
  return kind === 'layout' ? layoutRegistryProblems(loaded.value) : [];
}
