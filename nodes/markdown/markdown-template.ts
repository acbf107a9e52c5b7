import { marked } from 'marked';

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]{0,62})\s*\}\}/g;

/**
 * The column names a Markdown text refers to with `{{column}}`, each once, in order of appearance.
 * @example placeholdersIn('Pump {{pump_id}}: {{ rul }} h') // ['pump_id', 'rul']
 */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * Escapes text for HTML (element content and quoted attribute values).
 * @example escapeHtml('<b>') // '&lt;b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Turns Markdown with `{{column}}` placeholders into HTML (not yet sanitised). Values are put in after the
 * Markdown is parsed, as escaped text, so a value can never add Markdown or HTML of its own.
 *
 * @example
 * ```ts
 * markdownToHtml('**{{n}}** pumps', (c) => (c === 'n' ? '12' : undefined)); // '<p><strong>12</strong> pumps</p>\n'
 * ```
 */
export function markdownToHtml(text: string, valueOf: (column: string) => string | undefined): string {
  // A token made of letters and digits survives Markdown parsing untouched, even inside links and code.
  const nonce = Math.random().toString(36).slice(2, 10);
  const columns: string[] = [];
  const source = text.replace(PLACEHOLDER, (_match, column: string) => {
    columns.push(column);
    return `ptv${nonce}x${columns.length - 1}z`;
  });
  const html = marked.parse(source, { async: false, gfm: true, breaks: true });
  return html.replace(new RegExp(`ptv${nonce}x(\\d+)z`, 'g'), (_match, index: string) =>
    escapeHtml(valueOf(columns[Number(index)]!) ?? '—'),
  );
}
