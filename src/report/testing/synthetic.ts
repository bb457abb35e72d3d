// Seeded synthetic predictions and the figures derived from them, for report fixtures: labels, scores, reliability bins, metrics.
import { Rng } from '../../util/rng.ts';
import type { SplitEval } from '../../evaluate/evaluate.ts';
import type { Task } from '../../learners/types.ts';
import { averagePrecision, prPoints, rocPoints, trapezoidArea } from '../curves.ts';

export interface Draw {
  readonly y: number[];
  /** k values per row for multiclass */
  readonly predictions: number[];
}

type ReliabilityBin = NonNullable<SplitEval['reliability']>[number];

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Binary labels from a latent score drawn from `labels` (the same for every model of a split). A model sees the score
 * through noise of scale `blur` (0 = perfect knowledge) drawn from `noise`, shrunk so it stays roughly calibrated;
 * 'constant' predicts the base rate (a zero rule).
 */
export function drawBinary(labels: Rng, noise: Rng, n: number, blur: number | 'constant'): Draw {
  const y: number[] = [];
  const predictions: number[] = [];
  for (let i = 0; i < n; i++) {
    const z = labels.normal();
    y.push(labels.float() < sigmoid(2 * z - 2.2) ? 1 : 0);
    predictions.push(blur === 'constant' ? 0.16 : sigmoid((2 / (1 + blur * blur)) * (z + blur * noise.normal()) - 2.2));
  }
  return { y, predictions };
}

/** Regression targets y = 3x + 5 + heteroscedastic noise; predictions from a slightly biased fit blurred by `blur` ('constant': the mean). */
export function drawRegression(labels: Rng, noise: Rng, n: number, blur: number | 'constant'): Draw {
  const y: number[] = [];
  const predictions: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = labels.float() * 10;
    y.push(3 * x + 5 + labels.normal() * (0.5 + 0.3 * x));
    predictions.push(blur === 'constant' ? 20 : 2.9 * x + 5.4 + 3 * blur * noise.normal());
  }
  return { y, predictions };
}

/** k classes; softmax probabilities that favour the true class more the smaller `blur` ('constant': uniform). */
export function drawMulticlass(labels: Rng, noise: Rng, n: number, blur: number | 'constant', k = 3): Draw {
  const y: number[] = [];
  const predictions: number[] = [];
  const bonus = blur === 'constant' ? 0 : 2.4 - blur;
  for (let i = 0; i < n; i++) {
    const c = labels.int(k);
    const logits = Array.from({ length: k }, (_, j) => (j === c ? bonus : 0) + (blur === 'constant' ? 0 : noise.normal()));
    const sum = logits.reduce((a, l) => a + Math.exp(l), 0);
    y.push(c);
    predictions.push(...logits.map((l) => Math.exp(l) / sum));
  }
  return { y, predictions };
}

export function draw(task: Task, labels: Rng, noise: Rng, n: number, blur: number | 'constant'): Draw {
  if (task === 'binary') return drawBinary(labels, noise, n, blur);
  if (task === 'regression') return drawRegression(labels, noise, n, blur);
  return drawMulticlass(labels, noise, n, blur);
}

/** The rows `idx` of a draw (k prediction values per row). */
export function subset(d: Draw, idx: readonly number[], k: number): Draw {
  return { y: idx.map((i) => d.y[i]), predictions: idx.flatMap((i) => d.predictions.slice(i * k, i * k + k)) };
}

/** 10 equal-width bins; NaN means for empty bins (as the real evaluate records them). */
export function bins(d: Draw): ReliabilityBin[] {
  return Array.from({ length: 10 }, (_, b) => {
    const lo = b / 10;
    const hi = (b + 1) / 10;
    const idx = d.predictions.flatMap((p, i) => (p >= lo && (p < hi || (b === 9 && p <= 1)) ? [i] : []));
    const mean = (f: (i: number) => number): number => idx.reduce((a, i) => a + f(i), 0) / idx.length;
    return { lo, hi, n: idx.length, meanPredicted: mean((i) => d.predictions[i]), fractionPositive: mean((i) => d.y[i]) };
  });
}

function binaryMetrics(d: Draw): Record<string, number> {
  const n = d.y.length;
  const eps = 1e-15;
  let logloss = 0;
  let brier = 0;
  let correct = 0;
  d.y.forEach((y, i) => {
    const p = Math.min(1 - eps, Math.max(eps, d.predictions[i]));
    logloss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
    brier += (p - y) ** 2;
    correct += (p >= 0.5 ? 1 : 0) === y ? 1 : 0;
  });
  const ece = bins(d).reduce((a, b) => a + (b.n > 0 ? (b.n / n) * Math.abs(b.meanPredicted - b.fractionPositive) : 0), 0);
  const auc = trapezoidArea(rocPoints(d.y, d.predictions));
  return { auc, logloss: logloss / n, accuracy: correct / n, pr_auc: averagePrecision(prPoints(d.y, d.predictions)), brier: brier / n, ece };
}

function regressionMetrics(d: Draw): Record<string, number> {
  const n = d.y.length;
  const mean = d.y.reduce((a, b) => a + b, 0) / n;
  const sse = d.y.reduce((a, y, i) => a + (y - d.predictions[i]) ** 2, 0);
  const sst = d.y.reduce((a, y) => a + (y - mean) ** 2, 0);
  const mae = d.y.reduce((a, y, i) => a + Math.abs(y - d.predictions[i]), 0) / n;
  return { rmse: Math.sqrt(sse / n), mae, r2: 1 - sse / sst };
}

function multiclassMetrics(d: Draw, k = 3): Record<string, number> {
  let correct = 0;
  let logloss = 0;
  d.y.forEach((c, r) => {
    const row = d.predictions.slice(r * k, r * k + k);
    correct += row.indexOf(Math.max(...row)) === c ? 1 : 0;
    logloss -= Math.log(Math.max(1e-15, row[c]));
  });
  return { accuracy: correct / d.y.length, logloss: logloss / d.y.length };
}

export function metrics(task: Task, d: Draw): Record<string, number> {
  if (task === 'binary') return binaryMetrics(d);
  if (task === 'regression') return regressionMetrics(d);
  return multiclassMetrics(d);
}
