import { describe, expect, it } from 'vitest';
import { ApiError } from '../twin/api-client';
import { plainError } from './plain-error';

describe('plainError', () => {
  it("shows the server's sentence for API errors", () => {
    const error = new ApiError(
      409,
      'email_taken',
      'An account with this email already exists; log in instead.',
    );
    expect(plainError(error)).toBe('An account with this email already exists; log in instead.');
  });

  it('wraps other errors in a sentence and never prints an object', () => {
    expect(plainError(new TypeError('boom'))).toBe('Something went wrong: boom');
    expect(plainError({ any: 'thing' })).toBe('Something went wrong; try again.');
    expect(plainError(undefined)).toBe('Something went wrong; try again.');
  });
});
