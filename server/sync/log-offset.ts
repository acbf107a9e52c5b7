/**
 * Positions in a shape log, written `tx_op` as the Electric protocol does.
 *
 * - The initial snapshot's rows are `0_1`, `0_2`, ... in the order the query returned them.
 * - The changes of a transaction that committed at WAL position C are `(C-1)_1`, `(C-1)_2`, ...
 * - So `L_0` means "after every transaction that committed at or before L": the offset a client resumes from
 *   when an SSE `up-to-date` message tells it `global_last_seen_lsn: L` (the client turns that into `L_0`).
 *
 * Offsets are therefore the same every time the same transaction is decoded, which is what lets the sync replay
 * WAL after a restart without duplicating or renumbering anything.
 */
export interface LogOffset {
  tx: number;
  op: number;
}

/** Before the first entry of every log (the client's `-1`). */
export const BEFORE_ALL: LogOffset = { tx: -1, op: 0 };

/**
 * Parses `tx_op`; returns null for anything else (the caller answers 400).
 * @example parseOffset('26800584_4') // { tx: 26800584, op: 4 }
 */
export function parseOffset(text: string): LogOffset | null {
  if (text === '-1') return BEFORE_ALL;
  const match = /^(\d{1,16})_(\d{1,10})$/.exec(text);
  if (!match) return null;
  const tx = Number(match[1]);
  const op = Number(match[2]);
  return Number.isSafeInteger(tx) && Number.isSafeInteger(op) ? { tx, op } : null;
}

/**
 * The protocol's text form of an offset.
 * @example formatOffset({ tx: 0, op: 12 }) // '0_12'
 */
export function formatOffset(offset: LogOffset): string {
  return offset.tx < 0 ? '-1' : `${offset.tx}_${offset.op}`;
}

/**
 * Orders two offsets: negative when `a` comes first, 0 when equal, positive when `b` comes first.
 * @example compareOffsets({ tx: 5, op: 1 }, { tx: 5, op: 2 }) < 0 // true
 */
export function compareOffsets(a: LogOffset, b: LogOffset): number {
  return a.tx !== b.tx ? a.tx - b.tx : a.op - b.op;
}

/**
 * The LSN to announce in an `up-to-date` message once a client has everything up to `last`: the client (in SSE
 * mode) resumes from `${lsn}_0`, which lies after `last` and before any later transaction's changes. `last` is an
 * entry (op >= 1) or itself such a resume point (op 0).
 * @example upToDateLsn({ tx: 99, op: 3 }) // 100
 */
export function upToDateLsn(last: LogOffset): number {
  return Math.max(1, last.op === 0 ? last.tx : last.tx + 1);
}
