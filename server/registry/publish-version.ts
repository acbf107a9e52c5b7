import { and, eq, inArray } from 'drizzle-orm';
import { canonicalJson, sha256Hex } from '../../runtime/compiler/digest';
import type { ModelCard } from '../../schemas/model-card/model-card.types';
import type { Problem } from '../../schemas/problems';
import type { AuthUser } from '../app-env';
import { readOnnxSignature } from '../artifacts/onnx-signature';
import { canManage } from '../auth/authenticate';
import type { Db } from '../db/database';
import { artifacts, registryDependencies, registryEntries, registryVersions } from '../db/schema/index';
import { ApiError, apiErrors } from '../http/api-error';
import { prepareBlueprint } from './blueprint-publish';
import {
  findEntry,
  modelStatus,
  requireEntry,
  requireSummary,
  toVersionSummary,
  type EntryRow,
  type Queryable,
} from './entry-views';
import { checkCardMatchesModel } from './model-card-check';
import { assertValidName, entryLabel, reservedScopeOf, type EntryKind } from './registry-kinds';
import type { ModelStatus, Published } from './registry-schemas';
import { searchVector } from './search-text';
import { validateDocument, type EntryMetadata } from './validate-document';
import { assertNewerThanAll, parseVersion } from './version-order';

/** A file that goes with a version (a model file, a component bundle). */
export interface ArtifactInput {
  sha256: string;
  bytes: number;
  mediaType: string;
  /** Where the file can be read now: a staged temporary file or the stored one. */
  path: string;
  /** For a staged file: moves it into the store; called inside the transaction, after every check passed. */
  promote?: () => Promise<unknown>;
}

/** Everything a publish needs. */
export interface PublishInput {
  kind: EntryKind;
  name: string;
  /** The document's version; optional, since it is read from the document itself. */
  version?: string;
  document: unknown;
  user: AuthUser;
  artifact?: ArtifactInput;
  /** For a fork: the name must be new, and the entry records its origin. */
  forkOf?: { id: string; version: string };
}

/**
 * Refuses early (before an upload is read) a publish the user may not make: 403 when the entry exists and the
 * user is neither its owner nor an administrator, or when a component's scope is reserved for administrators.
 * @example await assertMayPublish(db, 'model', 'pump-rul', user)
 */
export async function assertMayPublish(q: Queryable, kind: EntryKind, name: string, user: AuthUser) {
  const entry = await findEntry(q, kind, name);
  if (entry) assertOwner(entry, user, `publish versions of the ${entryLabel(kind, name)}`);
  else assertScopeOpen(kind, name, user);
}

function assertOwner(entry: EntryRow, user: AuthUser, what: string) {
  if (!canManage(user, entry.ownerId)) throw apiErrors.forbidden(what);
}

function assertScopeOpen(kind: EntryKind, name: string, user: AuthUser) {
  const scope = reservedScopeOf(kind, name);
  if (scope && user.role !== 'admin') {
    throw new ApiError(
      403,
      'reserved_scope',
      `Node types named ${scope}/... are reserved for ProjectTwin itself; publish yours under a scope of your own, e.g. ${user.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-') || 'me'}/${name.split('/')[1]}.`,
    );
  }
}

async function prepareModel(card: ModelCard, artifact: ArtifactInput | undefined) {
  if (!artifact) {
    throw new ApiError(400, 'missing_part', 'Upload the model file too, as the "model" part of the form.');
  }
  if (card.artifact && card.artifact.sha256 !== artifact.sha256) {
    throw new ApiError(
      400,
      'artifact_mismatch',
      `The card's artifact.sha256 is ${card.artifact.sha256}, but the uploaded file's SHA-256 is ${artifact.sha256}; upload the file the card describes, or remove artifact from the card.`,
    );
  }
  if (card.format === 'onnx') checkCardMatchesModel(card, await readOnnxSignature(artifact.path));
  return { ...card, artifact: { sha256: artifact.sha256, bytes: artifact.bytes } };
}

async function dependencyIds(q: Queryable, dependencies: { kind: EntryKind; name: string }[]) {
  const ids: string[] = [];
  for (const kind of ['component', 'model'] as const) {
    const names = dependencies.filter((d) => d.kind === kind).map((d) => d.name);
    if (names.length === 0) continue;
    const rows = await q
      .select({ id: registryEntries.id })
      .from(registryEntries)
      .where(and(eq(registryEntries.kind, kind), inArray(registryEntries.name, names)));
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

function entryValues(name: string, metadata: EntryMetadata, version: string) {
  return {
    ...metadata,
    latestVersion: version,
    search: searchVector({ name, ...metadata }),
    updatedAt: new Date(),
  };
}

/**
 * Publishes a version of a registry entry, in one transaction: the first version of a name creates the entry
 * (owned by the publisher); later ones need its owner or an administrator, and must be greater than every
 * published version. The document is validated (400 `invalid_document`); a blueprint is compiled against the
 * component registry (422 `blueprint_invalid`) and stored with its resolved lock and dependencies; a model's
 * file must be ONNX matching its card (400 `invalid_onnx`, `signature_mismatch`), other formats are stored with
 * a status saying they need conversion. A staged artifact is moved into the store only when all is well.
 * @example const published = await publishVersion(db, { kind: 'layout', name: 'ops', document, user })
 */
export async function publishVersion(db: Db, input: PublishInput): Promise<Published> {
  const { kind, name, user, artifact } = input;
  assertValidName(kind, name);
  if (!input.forkOf) await assertMayPublish(db, kind, name, user);
  const validated = validateDocument(kind, input.document, { name, version: input.version });
  const parts = parseVersion(String(validated.document.version));
  let document = validated.document;
  let problems: Problem[] = [];
  let dependencies: { kind: EntryKind; name: string }[] = [];
  let status: ModelStatus | undefined;
  if (kind === 'blueprint') {
    ({ document, dependencies, problems } = await prepareBlueprint(db, document));
  } else if (kind === 'model') {
    document = await prepareModel(document as unknown as ModelCard, artifact);
    status = modelStatus(document);
  } else if (kind === 'layout' && artifact) {
    throw new ApiError(400, 'unexpected_part', 'A layout has no file to upload; send the layout JSON only.');
  }
  const sha256 = sha256Hex(canonicalJson(document));

  return db.transaction(async (tx) => {
    let entry = await findEntry(tx, kind, name, { forUpdate: true });
    if (entry && input.forkOf) {
      throw apiErrors.conflict(
        'name_taken',
        `The name is taken: there is already a ${entryLabel(kind, name)}; choose another name for your fork.`,
      );
    }
    let created = false;
    if (!entry) {
      assertScopeOpen(kind, name, user);
      const [inserted] = await tx
        .insert(registryEntries)
        .values({
          kind,
          name,
          ownerId: user.id,
          forkedFromId: input.forkOf?.id,
          forkedFromVersion: input.forkOf?.version,
          ...entryValues(name, validated.metadata, parts.version),
        })
        .onConflictDoNothing()
        .returning();
      created = inserted !== undefined;
      // Someone created it at the same moment: continue as a new version of their entry.
      entry = inserted ?? (await requireEntry(tx, kind, name, { forUpdate: true }));
    }
    if (!created) {
      assertOwner(entry, user, `publish versions of the ${entryLabel(kind, name)}`);
      const existing = await tx
        .select({ version: registryVersions.version })
        .from(registryVersions)
        .where(eq(registryVersions.entryId, entry.id));
      assertNewerThanAll(
        parts.version,
        existing.map((r) => r.version),
        entryLabel(kind, name),
      );
      await tx
        .update(registryEntries)
        .set(entryValues(name, validated.metadata, parts.version))
        .where(eq(registryEntries.id, entry.id));
    }
    if (artifact) {
      await tx
        .insert(artifacts)
        .values({
          sha256: artifact.sha256,
          bytes: artifact.bytes,
          mediaType: artifact.mediaType,
          uploadedBy: user.id,
        })
        .onConflictDoNothing();
    }
    const [row] = await tx
      .insert(registryVersions)
      .values({
        entryId: entry.id,
        ...parts,
        document,
        sha256,
        artifactSha256: artifact?.sha256 ?? null,
        publishedBy: user.id,
      })
      .returning();
    const ids = await dependencyIds(tx, dependencies);
    if (ids.length > 0) {
      await tx
        .insert(registryDependencies)
        .values(ids.map((dependsOnId) => ({ versionId: row.id, dependsOnId })))
        .onConflictDoNothing();
    }
    await artifact?.promote?.();
    const [stored] = artifact
      ? await tx
          .select({ bytes: artifacts.bytes, mediaType: artifacts.mediaType })
          .from(artifacts)
          .where(eq(artifacts.sha256, artifact.sha256))
      : [];
    const version = toVersionSummary({
      ...row,
      artifactBytes: stored?.bytes ?? null,
      artifactMediaType: stored?.mediaType ?? null,
    });
    return {
      entry: await requireSummary(tx, kind, name),
      version,
      document,
      ...(status ? { status } : {}),
      problems,
    };
  });
}
