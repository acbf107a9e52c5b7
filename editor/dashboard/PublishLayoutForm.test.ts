import { describe, expect, it } from 'vitest';
import { errorLines } from './PublishLayoutForm';

describe('errorLines', () => {
  it('shows the message, then each listed problem the message does not already say', () => {
    const error = Object.assign(new Error('This layout document is not valid: "version" is "one".'), {
      details: {
        problems: [
          { code: 'PT011', message: '"version" is "one"' },
          { code: 'PT010', message: 'A layout needs a "title".' },
          { code: 'PT099' },
        ],
      },
    });
    expect(errorLines(error)).toEqual([
      'This layout document is not valid: "version" is "one".',
      'A layout needs a "title".',
    ]);
  });

  it('copes with anything thrown', () => {
    expect(errorLines('plain words')).toEqual(['plain words']);
    expect(errorLines(null)).toEqual(['null']);
  });
});
