/** Which page a browser path opens: a twin, a shared twin, or (anything else) the blueprint checker. */
export type AppRoute = { page: 'twin'; id: string } | { page: 'shared'; token: string } | { page: 'checker' };

const TWIN = /^\/twins\/([^/]+)\/?$/;
// `/s/<token>` is the form the server writes into share links; `/shared/<token>` is accepted too.
const SHARED = /^\/(?:s|shared)\/([^/]+)\/?$/;

/**
 * The route of a path: `/twins/<id>` opens that twin, `/shared/<token>` or `/s/<token>` a share link.
 * @example routeOf('/twins/0b7e…') // { page: 'twin', id: '0b7e…' }
 */
export function routeOf(pathname: string): AppRoute {
  const twin = TWIN.exec(pathname);
  if (twin) return { page: 'twin', id: safeDecode(twin[1]) };
  const shared = SHARED.exec(pathname);
  if (shared) return { page: 'shared', token: safeDecode(shared[1]) };
  return { page: 'checker' };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
