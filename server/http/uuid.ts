const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True when `value` is written as a UUID (any version), so that it can be compared with a uuid column without
 * PostgreSQL refusing the query.
 * @example if (!isUuid(id)) throw twinNotFound()
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
