import { describe, expect, it } from 'vitest';
import { bindFeatures, checkOutputCount } from './feature-binding';
import { readModelSignature, type ModelSignature } from './model-signature';
import { testCard } from './onnx-test-models';

function signature(): ModelSignature {
  const result = readModelSignature(
    testCard('pump', ['vib', 'temp', 'speed'], [{ tensor: 'y', columns: ['rul'] }]),
  );
  if (!result.ok) throw new Error(result.problem.message);
  return result.signature;
}

describe('bindFeatures', () => {
  it('orders the columns as the model orders its features, whatever the config order', () => {
    const result = bindFeatures(signature(), [
      { name: 'speed', column: 's' },
      { name: 'vib', column: 'v' },
      { name: 'temp', column: 't' },
    ]);
    expect(result).toEqual({ ok: true, columns: ['v', 't', 's'] });
  });

  it('names the missing feature (PTR302)', () => {
    const result = bindFeatures(signature(), [
      { name: 'vib', column: 'v' },
      { name: 'speed', column: 's' },
    ]);
    expect(result.ok ? '' : result.problem.code).toBe('PTR302');
    expect(result.ok ? '' : result.problem.message).toContain('"temp"');
  });

  it('refuses a feature the model does not have (PTR303)', () => {
    const result = bindFeatures(signature(), [
      { name: 'vib', column: 'v' },
      { name: 'temp', column: 't' },
      { name: 'pressure', column: 'p' },
    ]);
    expect(result.ok ? '' : result.problem.code).toBe('PTR303');
    expect(result.ok ? '' : result.problem.message).toContain('no feature named "pressure"');
  });

  it('refuses too many features (PTR303)', () => {
    const mapping = ['vib', 'temp', 'speed', 'vib'].map((name) => ({ name, column: name }));
    const result = bindFeatures(signature(), mapping);
    expect(result.ok ? '' : result.problem.message).toContain('takes 3 features, but 4 are listed');
  });

  it('leaves a varied feature to the caller', () => {
    const result = bindFeatures(
      signature(),
      [
        { name: 'vib', column: 'v' },
        { name: 'temp', column: 't' },
      ],
      'speed',
    );
    expect(result).toEqual({ ok: true, columns: ['v', 't', ''] });
  });

  it('checks the number of output columns (PTR304)', () => {
    expect(checkOutputCount(signature(), [{ name: 'rul' }])).toBeUndefined();
    expect(checkOutputCount(signature(), [{ name: 'a' }, { name: 'b' }])?.code).toBe('PTR304');
  });
});
