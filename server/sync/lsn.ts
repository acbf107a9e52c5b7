/**
 * PostgreSQL log sequence numbers (WAL positions). Postgres writes them as `X/Y` (two 32-bit hex halves); the sync
 * works with them as plain numbers, which are exact up to 2^53 bytes of WAL (9 PB), far beyond any real server.
 */

/**
 * Parses `X/Y` into a number.
 * @example parseLsn('0/16B3F70') // 23805808
 */
export function parseLsn(text: string): number {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text);
  if (!match) throw new Error(`Not a PostgreSQL LSN: "${text}"`);
  return parseInt(match[1], 16) * 2 ** 32 + parseInt(match[2], 16);
}

/**
 * Writes a number as `X/Y`, the form Postgres reads.
 * @example formatLsn(23805808) // '0/16B3F70'
 */
export function formatLsn(lsn: number): string {
  const high = Math.floor(lsn / 2 ** 32);
  const low = lsn - high * 2 ** 32;
  return `${high.toString(16).toUpperCase()}/${low.toString(16).toUpperCase()}`;
}
