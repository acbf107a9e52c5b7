/**
 * Writes the trained models as ONNX graphs (opset 13) with onnx-proto. Each takes the raw features, [N, F]
 * float32, as its input `features`: any scaling is inside the graph.
 */
import onnxProto from 'onnx-proto';
import type { AnomalyDetector } from './anomaly-detector';
import type { Mlp } from './mlp';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;

type Node = onnxProto.onnx.INodeProto;
type Tensor = onnxProto.onnx.ITensorProto;

/** Tensor names of the exported models (the model cards name the same). */
export const TENSORS = {
  input: 'features',
  rul: 'rul_h',
  score: 'anomaly_score',
  alert: 'anomaly_alert',
} as const;

function valueInfo(name: string, width: number) {
  return {
    name,
    type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'N' }, { dimValue: width }] } } },
  };
}

function tensor(name: string, dims: number[], values: ArrayLike<number>): Tensor {
  return { name, dataType: FLOAT, dims, floatData: Array.from(values, (v) => Math.fround(v)) };
}

function encode(
  name: string,
  nodes: Node[],
  inputs: number,
  outputs: [string, number][],
  initializers: Tensor[],
) {
  const bytes = onnx.ModelProto.encode({
    irVersion: 8,
    producerName: 'projecttwin-train-pm',
    producerVersion: '1.0.0',
    modelVersion: 1,
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name,
      node: nodes,
      input: [valueInfo(TENSORS.input, inputs)],
      output: outputs.map(([n, w]) => valueInfo(n, w)),
      initializer: initializers,
    },
  }).finish();
  return new Uint8Array(bytes);
}

/**
 * The RUL regressor: (x − mean) / std, then the network (Gemm + Relu per hidden layer, then Gemm; its output is
 * in hours), clipped to [0, cap]. Output `rul_h` [N, 1].
 * @example const bytes = rulModelOnnx({ net, mean, std, cap: 500 })
 */
export function rulModelOnnx(model: { net: Mlp; mean: number[]; std: number[]; cap: number }): Uint8Array {
  const { net, mean, std } = model;
  const nodes: Node[] = [
    { opType: 'Sub', input: [TENSORS.input, 'mean'], output: ['centred'] },
    { opType: 'Div', input: ['centred', 'std'], output: ['h0'] },
  ];
  const initializers: Tensor[] = [
    tensor('mean', [mean.length], mean),
    tensor('std', [std.length], std),
    tensor('zero', [], [0]),
    tensor('cap', [], [model.cap]),
  ];
  const last = net.layers.length - 1;
  net.layers.forEach((layer, l) => {
    initializers.push(
      tensor(`W${l}`, [layer.inputs, layer.outputs], layer.weights),
      tensor(`B${l}`, [layer.outputs], layer.bias),
    );
    const out = l === last ? 'hours' : `z${l}`;
    nodes.push({ opType: 'Gemm', input: [`h${l}`, `W${l}`, `B${l}`], output: [out] });
    if (l < last) nodes.push({ opType: 'Relu', input: [out], output: [`h${l + 1}`] });
  });
  nodes.push({ opType: 'Clip', input: ['hours', 'zero', 'cap'], output: [TENSORS.rul] });
  return encode('pump_rul', nodes, mean.length, [[TENSORS.rul, 1]], initializers);
}

/**
 * The anomaly detector: u = (speed − centre) / spread from the speed feature, expected = c0 + [u, u²]·[c1; c2],
 * z = (x − expected) / sigma, score = z² · weights, alert = score > threshold as 0 / 1. Outputs
 * `anomaly_score` [N, 1] and `anomaly_alert` [N, 1], both float32.
 * @example const bytes = anomalyModelOnnx(detector)
 */
export function anomalyModelOnnx(d: AnomalyDetector): Uint8Array {
  const width = d.weights.length;
  const select = Array.from({ length: width }, (_, f) => (f === d.speedFeature ? 1 / d.speedSpread : 0));
  const nodes: Node[] = [
    { opType: 'Gemm', input: [TENSORS.input, 'select', 'shift'], output: ['u'] },
    { opType: 'Mul', input: ['u', 'u'], output: ['u2'] },
    { opType: 'Concat', input: ['u', 'u2'], output: ['basis'], attribute: [{ name: 'axis', type: 2, i: 1 }] },
    { opType: 'Gemm', input: ['basis', 'slopes', 'c0'], output: ['expected'] },
    { opType: 'Sub', input: [TENSORS.input, 'expected'], output: ['residual'] },
    { opType: 'Div', input: ['residual', 'sigma'], output: ['z'] },
    { opType: 'Mul', input: ['z', 'z'], output: ['z2'] },
    { opType: 'MatMul', input: ['z2', 'weights'], output: [TENSORS.score] },
    { opType: 'Greater', input: [TENSORS.score, 'threshold'], output: ['above'] },
    {
      opType: 'Cast',
      input: ['above'],
      output: [TENSORS.alert],
      attribute: [{ name: 'to', type: 2, i: FLOAT }],
    },
  ];
  const initializers: Tensor[] = [
    tensor('select', [width, 1], select),
    tensor('shift', [1], [-d.speedCentre / d.speedSpread]),
    tensor('slopes', [2, width], [...d.c1, ...d.c2]),
    tensor('c0', [width], d.c0),
    tensor('sigma', [width], d.sigma),
    tensor('weights', [width, 1], d.weights),
    tensor('threshold', [1], [d.threshold]),
  ];
  return encode(
    'pump_anomaly',
    nodes,
    width,
    [
      [TENSORS.score, 1],
      [TENSORS.alert, 1],
    ],
    initializers,
  );
}
