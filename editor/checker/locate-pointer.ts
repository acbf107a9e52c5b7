import { findNodeAtLocation, parseTree, type Segment } from 'jsonc-parser';

/**
 * Finds where a JSON pointer's value sits in JSON text, for selecting it in an editor; falls back to the
 * closest existing parent, and to the start of the text when nothing can be parsed.
 * @example locatePointer('{"a": [1, 2]}', '/a/1') // { offset: 10, length: 1 }
 */
export function locatePointer(text: string, pointer: string): { offset: number; length: number } {
  const tree = parseTree(text);
  if (!tree) return { offset: 0, length: 0 };
  const path: Segment[] = pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((t) => (/^\d+$/.test(t) ? Number(t) : t));
  for (let depth = path.length; depth >= 0; depth--) {
    const node = findNodeAtLocation(tree, path.slice(0, depth));
    if (!node) continue;
    // For an object member, select "key": value, so the key is visible too.
    const member = node.parent?.type === 'property' ? node.parent : node;
    return { offset: member.offset, length: member.length };
  }
  return { offset: 0, length: 0 };
}
