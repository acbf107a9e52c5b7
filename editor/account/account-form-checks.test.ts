import { describe, expect, it } from 'vitest';
import { checkLogin, checkSignup, safeNext } from './account-form-checks';

describe('checkSignup', () => {
  it('accepts a complete form', () => {
    expect(checkSignup({ name: 'Ada', email: 'ada@example.com', password: 'correct horse' })).toEqual({});
  });

  it('names each field that is not right, in plain words', () => {
    const problems = checkSignup({ name: ' ', email: 'ada@', password: 'short' });
    expect(problems.name).toMatch(/Enter your name/);
    expect(problems.email).toMatch(/ada@example.com/);
    expect(problems.password).toMatch(/at least 10 characters/);
  });

  it('accepts a password of exactly ten characters, as the server does', () => {
    expect(checkSignup({ name: 'Ada', email: 'a@b.io', password: '1234567890' }).password).toBeUndefined();
    expect(checkSignup({ name: 'Ada', email: 'a@b.io', password: '123456789' }).password).toBeDefined();
  });
});

describe('checkLogin', () => {
  it('asks for both fields', () => {
    expect(checkLogin({ email: '', password: '' })).toEqual({
      email: 'Enter the email address of your account.',
      password: 'Enter your password.',
    });
    expect(checkLogin({ email: 'a@b.io', password: 'x' })).toEqual({});
  });
});

describe('safeNext', () => {
  it('keeps paths of this app', () => {
    expect(safeNext('/library/models/pump-rul?tab=card')).toBe('/library/models/pump-rul?tab=card');
  });

  it('refuses other sites and empty values', () => {
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
