import { ApiError } from '../http/api-error';
import { writableColumns, type DataTable } from './data-tables';
import { checkJsonRow, type CellRow } from './row-writer';

/**
 * For each table column, where its value comes from: a JSON pointer into the payload (RFC 6901:
 * `/reading/temp`, `""` for the whole payload), `$topic` for the topic the message came on, or `$timestamp`
 * for when it arrived.
 */
export type MqttMapping = Record<string, string>;

const invalid = (message: string) => new ApiError(400, 'invalid_request', message);
const SPECIAL = new Set(['$topic', '$timestamp']);

/**
 * The value a JSON pointer (RFC 6901) points at, or undefined when there is none.
 * @example resolvePointer({ a: [{ b: 1 }] }, '/a/0/b') // 1
 */
export function resolvePointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let value: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value) && /^(0|[1-9]\d*)$/.test(token)) value = value[Number(token)];
    else if (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.hasOwn(value, token)
    ) {
      value = (value as Record<string, unknown>)[token];
    } else return undefined;
  }
  return value;
}

/**
 * Checks an MQTT topic filter: `+` and `#` only as whole levels, `#` only last, no NUL, at most 65,535 bytes.
 * @example assertTopicFilter('plant/+/telemetry/#')
 */
export function assertTopicFilter(topic: string): void {
  const levels = topic.split('/');
  const bad =
    topic.length === 0 ||
    Buffer.byteLength(topic) > 65535 ||
    topic.includes('\u0000') ||
    levels.some(
      (level, i) =>
        (level.includes('+') && level !== '+') ||
        (level.includes('#') && (level !== '#' || i !== levels.length - 1)),
    );
  if (bad) {
    throw invalid(
      `"${topic}" is not an MQTT topic filter: use levels separated by /, with + for one level and # (last) for the rest.`,
    );
  }
}

/**
 * Checks a broker URL: mqtt://, mqtts://, ws:// or wss:// with a host.
 * @example assertBrokerUrl('mqtt://127.0.0.1:1883')
 */
export function assertBrokerUrl(url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !['mqtt:', 'mqtts:', 'ws:', 'wss:'].includes(parsed.protocol) || !parsed.hostname) {
    throw invalid(
      `"${url}" is not a broker address; write it like mqtt://broker.example.com:1883 (or mqtts://, ws://, wss://).`,
    );
  }
}

/**
 * Checks a mapping against a table: every key a writable column, every source a JSON pointer or `$topic` /
 * `$timestamp`, every column of a key chosen by the owner mapped, at least one column mapped.
 * @example assertMapping(table, { pump_id: '$topic', temperature: '/temp' })
 */
export function assertMapping(table: DataTable, mapping: MqttMapping): void {
  const columns = writableColumns(table);
  const entries = Object.entries(mapping);
  if (entries.length === 0) throw invalid('The mapping is empty; map at least one column to a JSON pointer.');
  for (const [column, source] of entries) {
    if (!columns.some((c) => c.name === column)) {
      throw invalid(
        `The mapping names "${column}", which is not a column the table takes (${columns.map((c) => c.name).join(', ')}).`,
      );
    }
    if (!SPECIAL.has(source) && source !== '' && !source.startsWith('/')) {
      throw invalid(
        `The mapping of "${column}" is "${source}"; use a JSON pointer such as /reading/temperature, or $topic or $timestamp.`,
      );
    }
  }
  const unmappedKey = table.primaryKey.find(
    (name) => columns.some((c) => c.name === name) && !(name in mapping),
  );
  if (unmappedKey) throw invalid(`The key column "${unmappedKey}" must be mapped: every row needs its key.`);
}

/**
 * Maps one MQTT message to a row: the payload must be JSON, at least one mapped pointer must find a value,
 * and every value must fit its column. Returns the row or why it does not map.
 * @example payloadToRow(table, { temperature: '/t' }, 'plant/p1', Buffer.from('{"t":21.5}'), new Date())
 */
export function payloadToRow(
  table: DataTable,
  mapping: MqttMapping,
  topic: string,
  payload: Buffer,
  receivedAt: Date,
): CellRow | { reason: string } {
  let document: unknown;
  try {
    document = JSON.parse(payload.toString('utf8'));
  } catch {
    return { reason: 'the payload is not JSON' };
  }
  const row: Record<string, unknown> = {};
  let found = false;
  for (const [column, source] of Object.entries(mapping)) {
    if (source === '$topic') row[column] = topic;
    else if (source === '$timestamp') row[column] = receivedAt.toISOString();
    else {
      const value = resolvePointer(document, source);
      if (value !== undefined) found = true;
      row[column] = value;
    }
  }
  const pointers = Object.values(mapping).some((source) => !SPECIAL.has(source));
  if (pointers && !found) return { reason: 'none of the mapped JSON pointers is in the payload' };
  const checked = checkJsonRow(table, row, 0);
  if (Array.isArray(checked)) return checked;
  return { reason: checked.message.replace(/^Row 0, /, '').replace(/^Row 0 /, 'the payload ') };
}
