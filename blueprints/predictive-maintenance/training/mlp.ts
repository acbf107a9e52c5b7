/**
 * A small multilayer perceptron (dense layers, ReLU between them, a linear output) trained with Adam on mean
 * squared error: enough for a few thousand weights, deterministic for a seed, no dependency.
 */
import { RandomCursor, seedState } from '../simulator/random';

/** One dense layer: `weights` is inputs × outputs, row-major (weights[i * outputs + o]). */
export interface DenseLayer {
  inputs: number;
  outputs: number;
  weights: Float64Array;
  bias: Float64Array;
}

/** The network: ReLU after every layer but the last. */
export interface Mlp {
  layers: DenseLayer[];
}

/** How to train. */
export interface TrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** The learning rate at the end, reached by cosine decay (default learningRate / 10). */
  finalLearningRate?: number;
  seed: number;
  /** Called after each epoch with its mean training loss. */
  onEpoch?: (epoch: number, loss: number) => void;
}

/**
 * A network with the given layer sizes (inputs first), He-initialised from the seed.
 * @example const net = createMlp([10, 32, 32, 1], 7)
 */
export function createMlp(sizes: number[], seed: number): Mlp {
  const r = new RandomCursor(seedState(seed, 1000));
  const layers: DenseLayer[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [inputs, outputs] = [sizes[l], sizes[l + 1]];
    const scale = Math.sqrt(2 / inputs);
    const weights = new Float64Array(inputs * outputs);
    for (let k = 0; k < weights.length; k++) weights[k] = r.normal() * scale;
    layers.push({ inputs, outputs, weights, bias: new Float64Array(outputs) });
  }
  return { layers };
}

/**
 * The network's outputs for one input row (`x` from `offset`, the first layer's width).
 * @example const [y] = forward(net, new Float64Array([0.1, 0.2]))
 */
export function forward(net: Mlp, x: ArrayLike<number>, offset = 0): Float64Array {
  let input = Float64Array.from({ length: net.layers[0].inputs }, (_, i) => x[offset + i]);
  net.layers.forEach((layer, l) => {
    const out = new Float64Array(layer.bias);
    for (let i = 0; i < layer.inputs; i++) {
      const xi = input[i];
      if (xi === 0) continue;
      const row = i * layer.outputs;
      for (let o = 0; o < layer.outputs; o++) out[o] += xi * layer.weights[row + o];
    }
    if (l < net.layers.length - 1) for (let o = 0; o < out.length; o++) if (out[o] < 0) out[o] = 0;
    input = out;
  });
  return input;
}

interface Workspace {
  activations: Float64Array[];
  deltas: Float64Array[];
  gradW: Float64Array[];
  gradB: Float64Array[];
}

function workspace(net: Mlp): Workspace {
  return {
    activations: [
      new Float64Array(net.layers[0].inputs),
      ...net.layers.map((l) => new Float64Array(l.outputs)),
    ],
    deltas: net.layers.map((l) => new Float64Array(l.outputs)),
    gradW: net.layers.map((l) => new Float64Array(l.weights.length)),
    gradB: net.layers.map((l) => new Float64Array(l.outputs)),
  };
}

/** Adds one row's gradient of ½ Σ (y − t)² to the workspace; returns that row's squared error. */
function accumulate(
  net: Mlp,
  ws: Workspace,
  x: Float64Array,
  xOffset: number,
  t: Float64Array,
  tOffset: number,
): number {
  const { layers } = net;
  const a = ws.activations;
  for (let i = 0; i < layers[0].inputs; i++) a[0][i] = x[xOffset + i];
  for (let l = 0; l < layers.length; l++) {
    const layer = layers[l];
    const out = a[l + 1];
    out.set(layer.bias);
    for (let i = 0; i < layer.inputs; i++) {
      const xi = a[l][i];
      if (xi === 0) continue;
      const row = i * layer.outputs;
      for (let o = 0; o < layer.outputs; o++) out[o] += xi * layer.weights[row + o];
    }
    if (l < layers.length - 1) for (let o = 0; o < out.length; o++) if (out[o] < 0) out[o] = 0;
  }
  const last = layers.length - 1;
  let squared = 0;
  for (let o = 0; o < layers[last].outputs; o++) {
    const e = a[last + 1][o] - t[tOffset + o];
    ws.deltas[last][o] = e;
    squared += e * e;
  }
  for (let l = last; l >= 0; l--) {
    const layer = layers[l];
    const delta = ws.deltas[l];
    const gw = ws.gradW[l];
    const gb = ws.gradB[l];
    for (let o = 0; o < layer.outputs; o++) gb[o] += delta[o];
    for (let i = 0; i < layer.inputs; i++) {
      const xi = a[l][i];
      if (xi === 0) continue;
      const row = i * layer.outputs;
      for (let o = 0; o < layer.outputs; o++) gw[row + o] += xi * delta[o];
    }
    if (l > 0) {
      const below = ws.deltas[l - 1];
      for (let i = 0; i < layer.inputs; i++) {
        if (a[l][i] <= 0) {
          below[i] = 0; // ReLU was off
          continue;
        }
        let s = 0;
        const row = i * layer.outputs;
        for (let o = 0; o < layer.outputs; o++) s += layer.weights[row + o] * delta[o];
        below[i] = s;
      }
    }
  }
  return squared;
}

/**
 * The gradient of the mean over rows of ½ Σ (y − t)² with respect to every weight and bias (for tests).
 * @example const { gradW, gradB } = gradients(net, x, t, 2)
 */
export function gradients(net: Mlp, x: Float64Array, t: Float64Array, rows: number) {
  const ws = workspace(net);
  const width = net.layers[0].inputs;
  const outs = net.layers[net.layers.length - 1].outputs;
  for (let r = 0; r < rows; r++) accumulate(net, ws, x, r * width, t, r * outs);
  for (const g of [...ws.gradW, ...ws.gradB]) for (let k = 0; k < g.length; k++) g[k] /= rows;
  return { gradW: ws.gradW, gradB: ws.gradB };
}

/**
 * Trains the network in place with Adam on mean squared error, in shuffled mini-batches, with a cosine-decaying
 * learning rate. `x` holds `rows` rows of the first layer's width, `t` the targets. Returns the last epoch's
 * mean squared error.
 * @example trainMlp(net, x, t, x.length / 10, { epochs: 20, batchSize: 128, learningRate: 1e-3, seed: 1 })
 */
export function trainMlp(
  net: Mlp,
  x: Float64Array,
  t: Float64Array,
  rows: number,
  options: TrainOptions,
): number {
  const ws = workspace(net);
  const width = net.layers[0].inputs;
  const outs = net.layers[net.layers.length - 1].outputs;
  const params = net.layers.flatMap((l) => [l.weights, l.bias]);
  const grads = net.layers.flatMap((_, i) => [ws.gradW[i], ws.gradB[i]]);
  const m = params.map((p) => new Float64Array(p.length));
  const v = params.map((p) => new Float64Array(p.length));
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  const r = new RandomCursor(seedState(options.seed, 2000));
  const totalSteps = options.epochs * Math.ceil(rows / options.batchSize);
  const lr0 = options.learningRate;
  const lr1 = options.finalLearningRate ?? lr0 / 10;
  let step = 0;
  let loss = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = rows - 1; i > 0; i--) {
      const j = Math.floor(r.uniform() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let sum = 0;
    for (let start = 0; start < rows; start += options.batchSize) {
      const end = Math.min(rows, start + options.batchSize);
      for (const g of grads) g.fill(0);
      for (let k = start; k < end; k++) sum += accumulate(net, ws, x, order[k] * width, t, order[k] * outs);
      step++;
      const lr = lr1 + 0.5 * (lr0 - lr1) * (1 + Math.cos((Math.PI * step) / totalSteps));
      const n = end - start;
      const c1 = 1 - beta1 ** step;
      const c2 = 1 - beta2 ** step;
      for (let p = 0; p < params.length; p++) {
        const [param, grad, mp, vp] = [params[p], grads[p], m[p], v[p]];
        for (let k = 0; k < param.length; k++) {
          const g = grad[k] / n;
          mp[k] = beta1 * mp[k] + (1 - beta1) * g;
          vp[k] = beta2 * vp[k] + (1 - beta2) * g * g;
          param[k] -= (lr * (mp[k] / c1)) / (Math.sqrt(vp[k] / c2) + eps);
        }
      }
    }
    loss = sum / (rows * outs);
    options.onEpoch?.(epoch, loss);
  }
  return loss;
}

/**
 * Rounds every weight and bias to float32, as stored in the ONNX file, so the TypeScript forward pass computes
 * with the same numbers as onnxruntime.
 * @example roundToFloat32(net)
 */
export function roundToFloat32(net: Mlp): void {
  for (const layer of net.layers) {
    for (const array of [layer.weights, layer.bias])
      for (let k = 0; k < array.length; k++) array[k] = Math.fround(array[k]);
  }
}
