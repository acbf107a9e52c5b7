import { describe, expect, it } from 'vitest';
import { createMlp, forward, gradients, trainMlp } from './mlp';

function loss(net: ReturnType<typeof createMlp>, x: Float64Array, t: Float64Array, rows: number): number {
  let sum = 0;
  for (let r = 0; r < rows; r++) sum += 0.5 * (forward(net, x, r * 3)[0] - t[r]) ** 2;
  return sum / rows;
}

describe('mlp', () => {
  const x = Float64Array.from([0.5, -1.2, 0.3, 1.5, 0.2, -0.7, -0.4, 0.9, 1.1]);
  const t = Float64Array.from([0.7, -0.2, 1.3]);

  it('computes the gradient of the squared error (checked by finite differences)', () => {
    const net = createMlp([3, 5, 4, 1], 3);
    const { gradW, gradB } = gradients(net, x, t, 3);
    const h = 1e-6;
    net.layers.forEach((layer, l) => {
      for (const [params, grad] of [
        [layer.weights, gradW[l]],
        [layer.bias, gradB[l]],
      ] as const) {
        for (let k = 0; k < params.length; k++) {
          const keep = params[k];
          params[k] = keep + h;
          const up = loss(net, x, t, 3);
          params[k] = keep - h;
          const down = loss(net, x, t, 3);
          params[k] = keep;
          expect(grad[k]).toBeCloseTo((up - down) / (2 * h), 5);
        }
      }
    });
  });

  it('learns a non-linear function, the same way for the same seed', () => {
    const rows = 400;
    const inputs = new Float64Array(rows * 3);
    const targets = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const [a, b, c] = [Math.sin(r), Math.cos(r * 1.7), ((r * 37) % 100) / 50 - 1];
      inputs.set([a, b, c], r * 3);
      targets[r] = Math.abs(a) + b * c;
    }
    const train = () => {
      const net = createMlp([3, 16, 16, 1], 5);
      const before = loss(net, inputs, targets, rows);
      trainMlp(net, inputs, targets, rows, { epochs: 60, batchSize: 32, learningRate: 5e-3, seed: 2 });
      return { net, before, after: loss(net, inputs, targets, rows) };
    };
    const first = train();
    expect(first.after).toBeLessThan(first.before / 10);
    expect(first.after).toBeLessThan(0.01);
    expect(train().net).toEqual(first.net);
  });
});
