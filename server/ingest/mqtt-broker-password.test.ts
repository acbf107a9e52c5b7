import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UnreadableSecretError } from '../connections/password-cipher';
import {
  brokerPassword,
  brokerPasswordUnreadable,
  brokerUsername,
  encryptBrokerPassword,
  maskedBrokerUrl,
  splitBrokerUrl,
} from './mqtt-broker-password';

describe('splitBrokerUrl', () => {
  it.each([
    ['mqtt://ada:s3cret@host:1883', 'mqtt://ada@host:1883', 's3cret'],
    ['mqtts://ada:s3cret@broker.example.com:8883/', 'mqtts://ada@broker.example.com:8883/', 's3cret'],
    ['wss://u:p@h/mqtt', 'wss://u@h/mqtt', 'p'],
    ['mqtt://dev%40ice:p%3Aq%25@h:1', 'mqtt://dev%40ice@h:1', 'p:q%'],
    ['mqtt://:only-password@h', 'mqtt://h', 'only-password'],
    ['mqtt://a:@h', 'mqtt://a:@h', null],
    ['mqtt://ada@h:1883', 'mqtt://ada@h:1883', null],
    ['mqtt://127.0.0.1:1883', 'mqtt://127.0.0.1:1883', null],
    ['not a url', 'not a url', null],
  ])('splits %s', (input, url, password) => {
    expect(splitBrokerUrl(input)).toEqual({ url, password });
  });
});

describe('brokerUsername', () => {
  it('decodes the user name and is undefined without one', () => {
    expect(brokerUsername('mqtt://dev%40ice@h')).toBe('dev@ice');
    expect(brokerUsername('mqtt://h:1883')).toBeUndefined();
    expect(brokerUsername('nonsense')).toBeUndefined();
  });
});

describe('maskedBrokerUrl', () => {
  it('shows *** for a stored password and never a password left in the URL', () => {
    expect(maskedBrokerUrl('mqtts://ada@broker.example.com:8883', true)).toBe(
      'mqtts://ada:***@broker.example.com:8883',
    );
    expect(maskedBrokerUrl('mqtt://127.0.0.1:1883', false)).toBe('mqtt://127.0.0.1:1883');
    expect(maskedBrokerUrl('mqtt://ada:leaked@h', false)).toBe('mqtt://ada@h');
  });
});

describe('broker password encryption', () => {
  const key = randomBytes(32);
  const id = '11111111-1111-4111-8111-111111111111';
  const other = '22222222-2222-4222-8222-222222222222';

  it('round-trips and never stores the clear text', () => {
    const stored = encryptBrokerPassword(key, id, 's3cret');
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain('s3cret');
    expect(brokerPassword(key, { id, brokerPasswordEncrypted: stored })).toBe('s3cret');
    expect(brokerPasswordUnreadable(key, { id, brokerPasswordEncrypted: stored })).toBe(false);
  });

  it('is undefined, and readable, when there is no password', () => {
    expect(brokerPassword(key, { id, brokerPasswordEncrypted: null })).toBeUndefined();
    expect(brokerPasswordUnreadable(key, { id, brokerPasswordEncrypted: null })).toBe(false);
  });

  it('does not decrypt in another bridge’s row or with another key', () => {
    const stored = encryptBrokerPassword(key, id, 's3cret');
    expect(() => brokerPassword(key, { id: other, brokerPasswordEncrypted: stored })).toThrow(
      UnreadableSecretError,
    );
    expect(() => brokerPassword(randomBytes(32), { id, brokerPasswordEncrypted: stored })).toThrow(
      UnreadableSecretError,
    );
    expect(brokerPasswordUnreadable(randomBytes(32), { id, brokerPasswordEncrypted: stored })).toBe(true);
  });
});
