import { describe, expect, it } from 'vitest';
import type { Problem } from '../../schemas/problems';
import { colourAllowed } from './cli-io';
import { countProblems, formatFileError, formatProblem, formatSummary } from './format-problems';
import { formatColumn, formatLayoutTree } from './format-plan';
import { createPalette, oneLine } from './palette';

const missingColumn: Problem = {
  code: 'PT130',
  severity: 'error',
  message: 'The column "pressure" does not arrive.',
  pointer: '/nodes/3/config/y/0',
  nodeId: 'trend',
};
const wholeFile: Problem = { code: 'PT002', severity: 'error', message: 'The file is empty.', pointer: '' };
const unused: Problem = { code: 'PT150', severity: 'warning', message: 'Unused.', pointer: '/inputs/a' };

describe('formatProblem', () => {
  it('is <file>:<pointer>: <severity> <code>: <message>', () => {
    expect(formatProblem('a.json', missingColumn)).toBe(
      'a.json:/nodes/3/config/y/0: error PT130: The column "pressure" does not arrive.',
    );
    expect(formatProblem('a.json', unused)).toBe('a.json:/inputs/a: warning PT150: Unused.');
  });

  it('leaves the pointer out for a problem about the whole file', () => {
    expect(formatProblem('a.json', wholeFile)).toBe('a.json: error PT002: The file is empty.');
  });

  it('stays on one line whatever the file name and message hold', () => {
    const line = formatProblem('a\nb.json', { ...unused, message: 'two\nlines\r\tand a tab' });
    expect(line).toBe('a\\nb.json:/inputs/a: warning PT150: two\\nlines\\r\\tand a tab');
    expect(oneLine('\u001b[31m')).toBe('\\u001b[31m');
  });

  it('colours the severity only when asked', () => {
    expect(formatProblem('a.json', missingColumn, createPalette(true))).toBe(
      '\u001b[1ma.json:/nodes/3/config/y/0\u001b[22m: \u001b[31merror\u001b[39m PT130: The column "pressure" does not arrive.',
    );
    expect(formatFileError('x.json', 'file not found', createPalette(false))).toBe(
      'x.json: error: file not found',
    );
  });
});

describe('summary', () => {
  it('counts files with errors, errors (an unreadable file is one) and warnings', () => {
    const counts = countProblems([
      { file: 'a.json', ok: false, problems: [missingColumn, unused] },
      { file: 'b.json', ok: true, problems: [unused] },
      { file: 'c.json', ok: false, problems: [], error: 'file not found' },
      { file: 'd.json', ok: true, problems: [] },
    ]);
    expect(counts).toEqual({ files: 4, filesWithErrors: 2, errors: 2, warnings: 2 });
    expect(formatSummary(counts)).toBe('4 files checked: 2 with errors, 2 errors, 2 warnings');
    expect(formatSummary({ files: 1, filesWithErrors: 1, errors: 1, warnings: 1 })).toBe(
      '1 file checked: 1 with errors, 1 error, 1 warning',
    );
  });
});

describe('plan pieces', () => {
  it('writes columns as name:type[unit]', () => {
    expect(formatColumn({ name: 'vibration_rms', type: 'float8', unit: 'mm/s', role: 'measure' })).toBe(
      'vibration_rms:float8[mm/s]',
    );
    expect(formatColumn({ name: 'pump_id', type: 'text' })).toBe('pump_id:text');
  });

  it('writes a layout tree as one expression', () => {
    expect(formatLayoutTree(null)).toBe('(empty)');
    expect(formatLayoutTree('trend')).toBe('trend');
    expect(
      formatLayoutTree({
        direction: 'row',
        first: { direction: 'column', first: 'a', second: 'b' },
        second: 'c',
        splitPercentage: 25,
      }),
    ).toBe('row(column(a, b) 25%, c 75%)');
  });
});

describe('colourAllowed', () => {
  it('is true only on a terminal without NO_COLOR', () => {
    expect(colourAllowed(true, {})).toBe(true);
    expect(colourAllowed(true, { NO_COLOR: '1' })).toBe(false);
    expect(colourAllowed(false, {})).toBe(false);
    expect(colourAllowed(undefined, {})).toBe(false);
  });
});
