import { describe, expect, it } from 'vitest';
import { onnxModel } from '../registry/test-fixtures';
import { decodeOnnxSignature } from './onnx-signature';

describe('ONNX signature', () => {
  it('reads the graph inputs and outputs of a real ONNX model, with card element types', () => {
    const bytes = onnxModel({
      inputs: [
        ['features', 'float32'],
        ['ids', 'int64'],
      ],
      outputs: [
        ['score', 'float64'],
        ['label', 'string'],
      ],
    });
    expect(decodeOnnxSignature(bytes)).toEqual({
      irVersion: 8,
      inputs: [
        { name: 'features', dtype: 'float32' },
        { name: 'ids', dtype: 'int64' },
      ],
      outputs: [
        { name: 'score', dtype: 'float64' },
        { name: 'label', dtype: 'string' },
      ],
    });
  });

  it('leaves out initializers that old models list among the inputs', () => {
    const bytes = onnxModel({ inputs: [['x', 'float32']], outputs: [['y', 'float32']], initializers: ['w'] });
    expect(decodeOnnxSignature(bytes).inputs.map((i) => i.name)).toEqual(['x']);
  });

  it.each([
    ['text', new TextEncoder().encode('export function create() { return {}; }')],
    ['random bytes', Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9])],
    ['nothing', new Uint8Array()],
    [
      'a truncated model',
      onnxModel({ inputs: [['x', 'float32']], outputs: [['y', 'float32']] }).slice(0, 40),
    ],
  ])('refuses %s with invalid_onnx', (_what, bytes) => {
    expect(() => decodeOnnxSignature(bytes)).toThrow(/This file is not an ONNX model/);
  });
});
