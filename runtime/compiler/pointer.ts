const tokenCache = new Map<string, string[]>();

/** The unescaped reference tokens of a pointer, cached: manifests reuse the same few pointers constantly. */
function tokensOf(pointer: string): string[] {
  let tokens = tokenCache.get(pointer);
  if (!tokens) {
    tokens = pointer
      .split('/')
      .slice(1)
      .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (tokenCache.size > 10_000) tokenCache.clear();
    tokenCache.set(pointer, tokens);
  }
  return tokens;
}

/**
 * Reads the value at a JSON pointer (RFC 6901) inside a value; undefined when any step is missing.
 * @example valueAt({ a: [{ b: 1 }] }, '/a/0/b') // 1
 */
export function valueAt(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let current: unknown = value;
  for (const token of tokensOf(pointer)) {
    if (current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(token)) return undefined;
      current = current[Number(token)];
    } else {
      if (!Object.prototype.hasOwnProperty.call(current, token)) return undefined;
      current = (current as Record<string, unknown>)[token];
    }
  }
  return current;
}
