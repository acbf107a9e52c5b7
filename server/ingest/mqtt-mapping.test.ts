import { describe, expect, it } from 'vitest';
import type { DataTable } from './data-tables';
import { assertTopicFilter, payloadToRow, resolvePointer } from './mqtt-mapping';

const table: DataTable = {
  id: '00000000-0000-0000-0000-000000000000',
  ownerId: '00000000-0000-0000-0000-000000000001',
  tableName: 't',
  title: 'T',
  source: 'mqtt',
  columns: [
    { name: 'device', type: 'text', nullable: false },
    { name: 'temp', type: 'float8', nullable: true },
    { name: 'at', type: 'timestamptz', nullable: true },
  ],
  primaryKey: ['device'],
  rowCount: 0,
  createdAt: new Date(0),
};
const at = new Date('2024-05-01T12:00:00Z');
const mapping = { device: '$topic', temp: '/reading/t', at: '$timestamp' };
const map = (payload: string) => payloadToRow(table, mapping, 'plant/p1', Buffer.from(payload), at);

describe('resolvePointer', () => {
  it('follows RFC 6901 pointers', () => {
    const doc = { a: [{ 'b/c': 1, 'd~e': 2 }], '': 3 };
    expect(resolvePointer(doc, '/a/0/b~1c')).toBe(1);
    expect(resolvePointer(doc, '/a/0/d~0e')).toBe(2);
    expect(resolvePointer(doc, '/')).toBe(3);
    expect(resolvePointer(doc, '')).toBe(doc);
    expect(resolvePointer(doc, '/a/1')).toBeUndefined();
    expect(resolvePointer(doc, '/a/x')).toBeUndefined();
    expect(resolvePointer(doc, '/toString')).toBeUndefined();
  });
});

describe('payloadToRow', () => {
  it('maps a JSON payload, the topic and the arrival time', () => {
    expect(map('{"reading": {"t": 21.5}}')).toEqual(['plant/p1', '21.5', '2024-05-01T12:00:00.000Z']);
  });

  it('says why a payload does not map', () => {
    expect(map('not json')).toEqual({ reason: 'the payload is not JSON' });
    expect(map('{"other": 1}')).toEqual({ reason: 'none of the mapped JSON pointers is in the payload' });
    expect(map('{"reading": {"t": "hot"}}')).toEqual({ reason: 'column "temp": "hot" is not a number.' });
    expect(map('[1, 2]')).toEqual({ reason: 'none of the mapped JSON pointers is in the payload' });
  });
});

describe('assertTopicFilter', () => {
  it.each(['a', 'a/b', 'a/+/c', '#', 'a/#', '+/+', '/a'])('takes %j', (topic) => {
    expect(() => assertTopicFilter(topic)).not.toThrow();
  });
  it.each(['', 'a/#/b', 'a#', 'a/b+', 'a/+b/c'])('refuses %j', (topic) => {
    expect(() => assertTopicFilter(topic)).toThrow(/not an MQTT topic filter/);
  });
});
