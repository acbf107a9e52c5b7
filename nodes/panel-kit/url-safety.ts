/** Image formats a `data:` address may carry (no HTML, no scripts). */
const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp|avif|bmp|svg\+xml)[;,]/i;
const DATA_VIDEO = /^data:video\/(mp4|webm|ogg)[;,]/i;

/**
 * Checks an address a panel is asked to show. Allowed: http(s), blob:, addresses relative to the page, and
 * `data:` images (for images) or `data:` videos (for videos). Anything else (javascript:, file:, ...) is refused.
 * Returns the trimmed address, or null when it may not be shown.
 *
 * @example
 * safeMediaUrl('https://example.com/pump.png', 'image') // 'https://example.com/pump.png'
 * safeMediaUrl('javascript:alert(1)', 'image') // null
 */
export function safeMediaUrl(address: string, kind: 'image' | 'video'): string | null {
  const url = address.trim();
  if (url === '') return null;
  if (url.toLowerCase().startsWith('data:')) {
    return (kind === 'image' ? DATA_IMAGE : DATA_VIDEO).test(url) ? url : null;
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return url; // relative to the page
  return scheme === 'http' || scheme === 'https' || scheme === 'blob' ? url : null;
}
