import { describe, expect, it } from 'vitest';
import { readModelSignature, tensorDims } from './model-signature';
import { testCard } from './onnx-test-models';

describe('readModelSignature', () => {
  it('flattens features and output columns in order', () => {
    const card = testCard(
      'm',
      ['a', 'b'],
      [
        { tensor: 'y', columns: ['p', 'q'] },
        { tensor: 'z', columns: ['r'] },
      ],
    );
    const result = readModelSignature(card);
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.signature.features).toEqual(['a', 'b']);
    expect(result.signature.columns).toEqual(['p', 'q', 'r']);
    expect(result.signature.inputs[0]).toMatchObject({ tensor: 'x', dtype: 'float32', shape: ['N', 2] });
  });

  it('turns preprocessing into offsets and scales', () => {
    const card = testCard('m', ['a', 'b'], [{ tensor: 'y', columns: ['p'] }], {
      preprocessing: [
        { kind: 'standardize', mean: [1, 2], std: [2, 4] },
        { kind: 'minmax', min: [0, -1], max: [10, 1] },
      ],
    });
    const result = readModelSignature(card);
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.signature.preprocessing).toEqual([
      { kind: 'standardize', offset: [1, 2], scale: [2, 4] },
      { kind: 'minmax', offset: [0, -1], scale: [10, 2] },
    ]);
  });

  it.each([
    ['a keras model', { format: 'keras' }, 'only ONNX models'],
    [
      'a text input',
      { inputs: [{ tensor: 'x', dtype: 'string', shape: ['N', 1], features: [{ name: 'a' }] }] },
      'holds string',
    ],
    [
      'a shape without the rows',
      { inputs: [{ tensor: 'x', dtype: 'float32', shape: [1, 1], features: [{ name: 'a' }] }] },
      'exactly one varying',
    ],
    [
      'a shape of the wrong width',
      { inputs: [{ tensor: 'x', dtype: 'float32', shape: [-1, 3], features: [{ name: 'a' }] }] },
      'room for 3 values',
    ],
    ['no outputs', { outputs: [] }, 'lists no outputs'],
    [
      'a short preprocessing list',
      { preprocessing: [{ kind: 'standardize', mean: [0, 1], std: [1, 1] }] },
      'needs 1 numbers',
    ],
    ['a zero scale', { preprocessing: [{ kind: 'standardize', mean: [0], std: [0] }] }, 'divide by zero'],
  ])('refuses %s with PTR301', (_name, overrides, words) => {
    const card = { ...testCard('m', ['a'], [{ tensor: 'y', columns: ['p'] }]), ...overrides };
    const result = readModelSignature(card);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe('PTR301');
    expect(result.problem.severity).toBe('error');
    expect(result.problem.message).toContain(words);
  });

  it('refuses something that is not a card', () => {
    const result = readModelSignature('not a card');
    expect(result.ok ? '' : result.problem.code).toBe('PTR301');
  });

  it('sets the varying dimension to the row count', () => {
    expect(tensorDims({ shape: ['N', 2] }, 8)).toEqual([8, 2]);
    expect(tensorDims({ shape: [1, -1, 3] }, 5)).toEqual([1, 5, 3]);
  });
});
