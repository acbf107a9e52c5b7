import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { documentSchemas, schemaValidator } from './ajv';
import { defineRecord, migrateUp, oldestReadableVersion } from './migrations';
import { documentRecords } from './records';

const root = fileURLToPath(new URL('.', import.meta.url));

function schemaFiles(): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(`${root}${d.name}`)
        .filter((f) => f.endsWith('.schema.json'))
        .map((f) => `${d.name}/${f}`),
    );
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

describe('every schema is discovered and registered', () => {
  const ids = new Set(documentSchemas.map((s) => s.$id));
  it.each(schemaFiles())('%s is registered with ajv', (file) => {
    const schema = readJson(`${root}${file}`) as { $id: string; $schema: string };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(ids.has(schema.$id)).toBe(true);
  });

  it.each(schemaFiles().filter((f) => !f.startsWith('common/')))(
    '%s belongs to a document record',
    (file) => {
      const { $id } = readJson(`${root}${file}`) as { $id: string };
      const owners = Object.values(documentRecords).filter((r) => Object.values(r.schemaIds).includes($id));
      expect(owners).toHaveLength(1);
    },
  );
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const cases = Object.values(documentRecords).flatMap((record) =>
  record.migrations.map((migration) => ({ record, migration })),
);

describe('every migration is pure and has before/after fixtures', () => {
  it('finds the migrations of every record', () => {
    expect(Object.keys(documentRecords).sort()).toEqual([
      'blueprint',
      'layout',
      'model-card',
      'node-manifest',
      'twin',
    ]);
    expect(cases.map((c) => c.migration.id)).toContain('blueprint/0-to-1-params-and-wires');
  });

  it.each(cases.map((c) => [c.migration.id, c] as const))('%s', (_id, { record, migration }) => {
    const folder = `${root}${record.kind}/fixtures/${migration.id.split('/')[1]}/`;
    expect(existsSync(folder), `fixtures folder ${folder}`).toBe(true);
    const befores = readdirSync(folder).filter((f) => f.endsWith('.before.json'));
    expect(befores.length).toBeGreaterThan(0);
    for (const file of befores) {
      const before = readJson(`${folder}${file}`) as Record<string, unknown>;
      const after = readJson(`${folder}${file.replace('.before.json', '.after.json')}`);
      const pristine = structuredClone(before);
      expect(
        schemaValidator(record.schemaIds[migration.fromVersion])(before),
        `${file} is a valid v${migration.fromVersion}`,
      ).toBe(true);
      // Pure: the same answer twice, the input unchanged (and frozen, so any write would throw).
      const first = migration.up(deepFreeze(before));
      const second = migration.up(before);
      expect(before).toEqual(pristine);
      expect(first).toEqual(second);
      expect(first).not.toBe(before);
      expect(first).toEqual(after);
      const next = record.schemaIds[migration.fromVersion + 1];
      expect(schemaValidator(next)(first), `${file} migrates to a valid v${migration.fromVersion + 1}`).toBe(
        true,
      );
    }
  });
});

describe('the migration framework', () => {
  it('refuses a chain with a gap', () => {
    const step = { id: 'x/0-to-1', fromVersion: 0, up: (d: object) => ({ ...d }) };
    expect(() =>
      defineRecord({
        kind: 'x',
        currentVersion: 3,
        schemaIds: { 3: 'x' },
        versionOptional: false,
        migrations: [step],
      }),
    ).toThrow(/expected 2/);
  });

  it('runs the steps in order from the document version', () => {
    const record = defineRecord({
      kind: 'x',
      currentVersion: 2,
      schemaIds: { 2: 'x' },
      versionOptional: false,
      migrations: [
        {
          id: 'x/1-to-2',
          fromVersion: 1,
          up: (d) => ({ ...d, trail: `${String(d.trail)}>2`, schemaVersion: 2 }),
        },
        { id: 'x/0-to-1', fromVersion: 0, up: (d) => ({ ...d, trail: '1', schemaVersion: 1 }) },
      ],
    });
    expect(oldestReadableVersion(record)).toBe(0);
    expect(migrateUp(record, { schemaVersion: 0 }, 0)).toEqual({ schemaVersion: 2, trail: '1>2' });
    expect(migrateUp(record, { schemaVersion: 1, trail: 'a' }, 1)).toEqual({
      schemaVersion: 2,
      trail: 'a>2',
    });
  });
});
