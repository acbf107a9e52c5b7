import { describe, expect, it } from 'vitest';
import { builtinManifests } from '../../nodes/builtins';
import { canonicalJson, sha256Hex } from './digest';
import { InMemoryNodeTypeRegistry } from './registry';

describe('InMemoryNodeTypeRegistry', () => {
  it('lists versions and serves manifests with the digest of their canonical JSON', async () => {
    const base = builtinManifests[0] as { id: string; version: string };
    const registry = await InMemoryNodeTypeRegistry.create([base, { ...base, version: '1.1.0' }]);
    expect(registry.versions(base.id)).toEqual(['1.0.0', '1.1.0']);
    expect(registry.versions('core/nothing')).toEqual([]);
    const served = registry.manifest(base.id, '1.1.0')!;
    expect(served.sha256).toBe(sha256Hex(canonicalJson(served.manifest)));
    expect(served.sha256).not.toBe(registry.manifest(base.id, '1.0.0')!.sha256);
  });

  it('refuses an invalid manifest with its problems', async () => {
    await expect(InMemoryNodeTypeRegistry.create([{ schemaVersion: 1, id: 'Bad Id' }])).rejects.toThrow(
      /Node type manifest Bad Id is invalid:\n.*PT01\d/,
    );
  });

  it('digests are independent of key order', async () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: 1 }], c: 2 } })).toBe(
      '{"a":{"c":2,"d":[1,{"y":1,"z":0}]},"b":1}',
    );
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
