/**
 * Readers for a node's config that fall back to the manifest default when a value is missing or of the wrong
 * type. The compiler validates configs and fills defaults, but a panel also runs from hand-made plans (tests,
 * the component harness), so it never trusts the shape blindly.
 */

/**
 * A non-empty string, or the fallback.
 * @example textOr({ label: 'Speed' }.label, '') // 'Speed'
 */
export function textOr<T extends string | undefined>(value: unknown, fallback: T): string | T {
  return typeof value === 'string' && value.trim() !== '' ? value : fallback;
}

/**
 * A finite number, or the fallback.
 * @example numberOr('3', 1) // 1
 */
export function numberOr<T extends number | undefined>(value: unknown, fallback: T): number | T {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/**
 * A boolean, or the fallback.
 * @example boolOr(undefined, true) // true
 */
export function boolOr(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

/**
 * One of the allowed strings, or the fallback.
 * @example oneOf('mean', ['last', 'mean'], 'last') // 'mean'
 */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}

/**
 * A list of non-empty strings (others dropped), or an empty list.
 * @example textList(['a', '', 3, 'b']) // ['a', 'b']
 */
export function textList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}
