import type { NodeManifest } from '../compiler/document-types';
import type { NodeTypeRegistry, ResolvedManifest } from '../compiler/registry';
import { ApiClient } from './api-client';
import { CliFailure } from './cli-failure';

/** The parts of a component's page the compiler needs. */
interface ComponentDetail {
  latestVersion: string;
  document: NodeManifest;
  sha256: string;
  versions: { version: string }[];
}

/** One exact version of a component. */
interface ComponentVersion {
  document: NodeManifest;
  sha256: string;
}

/** The error the compiler quotes in PT105: the failure's one-line message, without its class name noise. */
function lookupError(error: unknown): Error {
  return new Error(error instanceof Error ? error.message : String(error), { cause: error });
}

function componentPath(typeId: string): string {
  return `/api/components/${typeId.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * The compiler's node-type registry read from a server's component registry over HTTP (anonymous reads, no
 * login needed): one request per node type for its page (every version and the latest manifest), and one more
 * only when an older version is chosen. A node type the server does not have has no versions (PT102); a server
 * that cannot be reached or answers with an error makes the lookup throw, which the compiler reports as PT105.
 * @example const registry = new ServerNodeTypeRegistry('https://twins.example.com')
 */
export class ServerNodeTypeRegistry implements NodeTypeRegistry {
  private readonly client: ApiClient;
  private readonly details = new Map<string, Promise<ComponentDetail | undefined>>();

  constructor(server: string) {
    this.client = new ApiClient(server);
  }

  private detail(typeId: string): Promise<ComponentDetail | undefined> {
    let detail = this.details.get(typeId);
    if (!detail) {
      detail = this.client
        .request<ComponentDetail>('GET', componentPath(typeId), {
          refusal: `the server could not look up ${typeId}`,
        })
        .then(
          ({ body }) => body,
          (error: unknown) => {
            if (error instanceof CliFailure && error.status === 404) return undefined;
            throw lookupError(error);
          },
        );
      this.details.set(typeId, detail);
    }
    return detail;
  }

  async versions(typeId: string): Promise<readonly string[]> {
    const detail = await this.detail(typeId);
    return detail?.versions.map((v) => v.version) ?? [];
  }

  async manifest(typeId: string, version: string): Promise<ResolvedManifest | undefined> {
    const detail = await this.detail(typeId);
    if (!detail) return undefined;
    if (detail.latestVersion === version) return { manifest: detail.document, sha256: detail.sha256 };
    const path = `${componentPath(typeId)}/versions/${encodeURIComponent(version)}`;
    try {
      const { body } = await this.client.request<ComponentVersion>('GET', path, {
        refusal: `the server could not serve ${typeId}@${version}`,
      });
      return { manifest: body.document, sha256: body.sha256 };
    } catch (error) {
      if (error instanceof CliFailure && error.status === 404) return undefined;
      throw lookupError(error);
    }
  }
}

/**
 * A registry that asks `first` and, for a node type `first` does not know, `then`: the CLI checks blueprints
 * against the built-in node types it ships with, and asks the server only about the others.
 * @example const registry = layeredRegistry(await builtinRegistry(), new ServerNodeTypeRegistry(server))
 */
export function layeredRegistry(first: NodeTypeRegistry, then: NodeTypeRegistry): NodeTypeRegistry {
  const owner = async (typeId: string) => ((await first.versions(typeId)).length > 0 ? first : then);
  return {
    versions: async (typeId) => (await owner(typeId)).versions(typeId),
    manifest: async (typeId, version) => (await owner(typeId)).manifest(typeId, version),
  };
}
