import type { JsonObject, Migration } from '../migrations';

const WIRE = /^\s*([^\s.]+)\.([^\s.]+)\s*->\s*([^\s.]+)\.([^\s.]+)\s*$/;

/**
 * v0 (the pre-1.0 draft) → v1: node `params` become `config`, and `wires` strings ("a.rows -> b.rows")
 * become `edges` objects. A wire that cannot be read is kept as an edge with its raw text, so that the
 * validator reports it rather than the migration silently dropping it.
 */
export const blueprintV0ToV1: Migration = {
  id: 'blueprint/0-to-1-params-and-wires',
  fromVersion: 0,
  up(doc: Readonly<JsonObject>): JsonObject {
    const { wires, nodes, ...rest } = doc;
    const nextNodes = Array.isArray(nodes)
      ? nodes.map((node: unknown) => {
          if (typeof node !== 'object' || node === null || Array.isArray(node)) return node;
          const { params, ...others } = node as JsonObject;
          return params === undefined ? { ...others } : { ...others, config: params };
        })
      : nodes;
    const edges = (Array.isArray(wires) ? wires : []).map((wire: unknown) => {
      const match = typeof wire === 'string' ? WIRE.exec(wire) : null;
      if (!match) return { from: String(wire), to: String(wire) };
      return { from: `${match[1]}.${match[2]}`, to: `${match[3]}.${match[4]}` };
    });
    return { ...rest, schemaVersion: 1, nodes: nextNodes, edges };
  },
};
