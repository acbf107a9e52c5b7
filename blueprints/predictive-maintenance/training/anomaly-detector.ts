/**
 * The anomaly detector: how far a pump's window features are from what a healthy pump shows at the same speed.
 * For each feature a quadratic in speed, fitted on healthy operation, gives the expected value; the score is the
 * mean squared z-score of the residuals over the condition features (speed itself is not scored); an alert is
 * raised above a threshold chosen on training data.
 */

/** The fitted detector: per feature, expected = c0 + c1·u + c2·u², u = (speed − centre) / spread. */
export interface AnomalyDetector {
  /** Which feature holds the speed the baseline is a function of. */
  speedFeature: number;
  speedCentre: number;
  speedSpread: number;
  c0: number[];
  c1: number[];
  c2: number[];
  /** Residual spread on healthy operation. */
  sigma: number[];
  /** Weight of each feature's squared z-score in the score (they sum to 1; 0 for speed features). */
  weights: number[];
  threshold: number;
}

function solve3(a: number[][], b: number[]): number[] {
  // Gaussian elimination with partial pivoting on a 3 × 3 system.
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < 3; c++) {
    let pivot = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = c + 1; r < 3; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k < 4; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = [0, 0, 0];
  for (let r = 2; r >= 0; r--) {
    let s = m[r][3];
    for (let k = r + 1; k < 3; k++) s -= m[r][k] * x[k];
    x[r] = s / m[r][r];
  }
  return x;
}

/**
 * Fits the healthy baseline on the given rows (`x` flat, `width` features per row, `healthy[r]` 1 for rows of
 * healthy operation). Features listed in `unscored` get weight 0. The threshold is left at Infinity; set it with
 * chooseThreshold.
 * @example const detector = fitHealthyBaseline(x, 10, healthy, { speedFeature: 8, unscored: [8, 9] })
 */
export function fitHealthyBaseline(
  x: Float64Array,
  width: number,
  healthy: Uint8Array,
  options: { speedFeature: number; unscored: number[]; speedCentre?: number; speedSpread?: number },
): AnomalyDetector {
  const centre = options.speedCentre ?? 1450;
  const spread = options.speedSpread ?? 300;
  const rows = healthy.length;
  const detector: AnomalyDetector = {
    speedFeature: options.speedFeature,
    speedCentre: centre,
    speedSpread: spread,
    c0: [],
    c1: [],
    c2: [],
    sigma: [],
    weights: [],
    threshold: Infinity,
  };
  const scored = width - options.unscored.length;
  for (let f = 0; f < width; f++) {
    const ata = [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ];
    const atb = [0, 0, 0];
    let n = 0;
    for (let r = 0; r < rows; r++) {
      if (!healthy[r]) continue;
      const u = (x[r * width + options.speedFeature] - centre) / spread;
      const basis = [1, u, u * u];
      const y = x[r * width + f];
      for (let i = 0; i < 3; i++) {
        atb[i] += basis[i] * y;
        for (let j = 0; j < 3; j++) ata[i][j] += basis[i] * basis[j];
      }
      n++;
    }
    const [c0, c1, c2] = solve3(ata, atb);
    let ss = 0;
    for (let r = 0; r < rows; r++) {
      if (!healthy[r]) continue;
      const u = (x[r * width + options.speedFeature] - centre) / spread;
      const e = x[r * width + f] - (c0 + c1 * u + c2 * u * u);
      ss += e * e;
    }
    const sigma = Math.sqrt(ss / Math.max(1, n - 3));
    const unscored = options.unscored.includes(f);
    detector.c0.push(c0);
    detector.c1.push(c1);
    detector.c2.push(c2);
    detector.sigma.push(unscored || !(sigma > 1e-9) ? 1 : sigma);
    detector.weights.push(unscored ? 0 : 1 / scored);
  }
  return detector;
}

/**
 * The anomaly score of one row: the weighted mean of squared z-scores of its residuals.
 * @example const score = anomalyScore(detector, x, r * 10)
 */
export function anomalyScore(detector: AnomalyDetector, x: ArrayLike<number>, offset = 0): number {
  const u = (x[offset + detector.speedFeature] - detector.speedCentre) / detector.speedSpread;
  let score = 0;
  for (let f = 0; f < detector.weights.length; f++) {
    const expected = detector.c0[f] + detector.c1[f] * u + detector.c2[f] * u * u;
    const z = (x[offset + f] - expected) / detector.sigma[f];
    score += detector.weights[f] * z * z;
  }
  return score;
}

/**
 * The threshold that maximises F1 of `score > threshold` against the labels, among the scores' quantiles.
 * @example detector.threshold = chooseThreshold(scores, faults)
 */
export function chooseThreshold(scores: Float64Array, labels: Uint8Array): number {
  const sorted = Float64Array.from(scores).sort();
  const positives = labels.reduce((a, b) => a + b, 0);
  let best = { f1: -1, threshold: sorted[sorted.length - 1] };
  for (let q = 1; q < 400; q++) {
    const threshold = sorted[Math.floor((q / 400) * (sorted.length - 1))];
    let tp = 0;
    let fp = 0;
    for (let r = 0; r < scores.length; r++) {
      if (scores[r] > threshold) {
        if (labels[r]) tp++;
        else fp++;
      }
    }
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = positives === 0 ? 0 : tp / positives;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    if (f1 > best.f1) best = { f1, threshold };
  }
  return best.threshold;
}
