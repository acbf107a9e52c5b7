/**
 * Real ONNX models built with onnx-proto for the model tests, e2e tests and benchmarks (not a test itself):
 * a linear model (Gemm), a two-layer MLP (MatMul + Add, Relu, Gemm) and a model with a known optimum.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const FLOAT = 1;

type Node = onnxProto.onnx.INodeProto;

function valueInfo(name: string, width: number) {
  return {
    name,
    type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'N' }, { dimValue: width }] } } },
  };
}

function matrix(name: string, rows: number[][]) {
  return { name, dataType: FLOAT, dims: [rows.length, rows[0].length], floatData: rows.flat() };
}

function vector(name: string, values: number[]) {
  return { name, dataType: FLOAT, dims: [values.length], floatData: values };
}

function encode(graph: {
  nodes: Node[];
  inputs: [string, number][];
  outputs: [string, number][];
  initializers: unknown[];
}): Uint8Array {
  const bytes = onnx.ModelProto.encode({
    irVersion: 8,
    producerName: 'projecttwin-tests',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'test',
      node: graph.nodes,
      input: graph.inputs.map(([name, width]) => valueInfo(name, width)),
      output: graph.outputs.map(([name, width]) => valueInfo(name, width)),
      initializer: graph.initializers as never[],
    },
  }).finish();
  return new Uint8Array(bytes);
}

/**
 * y = x · W + b with Gemm; x is [N, W.length], y is [N, W[0].length].
 * @example linearModel([[2], [3]], [0.5]) // y = 2·x0 + 3·x1 + 0.5
 */
export function linearModel(weights: number[][], bias: number[]): Uint8Array {
  return encode({
    nodes: [{ opType: 'Gemm', input: ['x', 'W', 'b'], output: ['y'] }],
    inputs: [['x', weights.length]],
    outputs: [['y', bias.length]],
    initializers: [matrix('W', weights), vector('b', bias)],
  });
}

/** Weights of a two-layer perceptron: hidden = relu(x · w1 + b1), y = hidden · w2 + b2. */
export interface MlpWeights {
  w1: number[][];
  b1: number[];
  w2: number[][];
  b2: number[];
}

/**
 * A two-layer perceptron: MatMul + Add, Relu, then Gemm.
 * @example mlpModel({ w1: [[1, -1]], b1: [0, 0], w2: [[1], [1]], b2: [0] }) // y = |x|
 */
export function mlpModel(weights: MlpWeights): Uint8Array {
  return encode({
    nodes: [
      { opType: 'MatMul', input: ['x', 'W1'], output: ['h0'] },
      { opType: 'Add', input: ['h0', 'B1'], output: ['h1'] },
      { opType: 'Relu', input: ['h1'], output: ['h'] },
      { opType: 'Gemm', input: ['h', 'W2', 'B2'], output: ['y'] },
    ],
    inputs: [['x', weights.w1.length]],
    outputs: [['y', weights.b2.length]],
    initializers: [
      matrix('W1', weights.w1),
      vector('B1', weights.b1),
      matrix('W2', weights.w2),
      vector('B2', weights.b2),
    ],
  });
}

/**
 * A model with a known optimum, over x = [load, setting]: loss = (setting − load)² + 1 (least at
 * setting = load) and cost = 2 · setting, as two outputs `loss` [N, 1] and `cost` [N, 1].
 * @example optimumModel() // minimise loss over setting → setting = load; with cost ≤ c → min(load, c / 2)
 */
export function optimumModel(): Uint8Array {
  return encode({
    nodes: [
      { opType: 'Gemm', input: ['x', 'D', 'Z'], output: ['diff'] },
      { opType: 'Mul', input: ['diff', 'diff'], output: ['sq'] },
      { opType: 'Add', input: ['sq', 'One'], output: ['loss'] },
      { opType: 'Gemm', input: ['x', 'C', 'Z'], output: ['cost'] },
    ],
    inputs: [['x', 2]],
    outputs: [
      ['loss', 1],
      ['cost', 1],
    ],
    initializers: [matrix('D', [[-1], [1]]), matrix('C', [[0], [2]]), vector('Z', [0]), vector('One', [1])],
  });
}

/**
 * A model card for a test model with one float32 input `x` and the given outputs.
 * @example testCard('lin', ['a', 'b'], [{ tensor: 'y', columns: ['y'] }])
 */
export function testCard(
  name: string,
  features: string[],
  outputs: { tensor: string; columns: string[] }[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    schemaVersion: 1,
    name,
    version: '1.0.0',
    title: `Test model ${name}`,
    task: 'regression',
    format: 'onnx',
    license: 'Apache-2.0',
    inputs: [
      {
        tensor: 'x',
        dtype: 'float32',
        shape: ['N', features.length],
        features: features.map((n) => ({ name: n })),
      },
    ],
    outputs: outputs.map((o) => ({
      tensor: o.tensor,
      dtype: 'float32',
      shape: ['N', o.columns.length],
      columns: o.columns.map((c) => ({ name: c })),
    })),
    ...extra,
  };
}
