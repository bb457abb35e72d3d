// Losses: gradients/hessians, base scores, reported loss and output transforms for logloss, softmax, L2, L1 and Huber.
import { LearnerError } from '../../util/errors.ts';
import type { Task } from '../types.ts';
import { sigmoidFast } from './exp.ts';
import type { RegressionLoss } from './params.ts';

export type ObjectiveName = 'logloss' | 'softmax' | RegressionLoss;

export interface Objective {
  readonly name: ObjectiveName;
  /** trees per round */
  readonly nClasses: number;
  /** initial raw score per class */
  baseScores(y: Float64Array): Float64Array;
  /** gradients of class k into gh (interleaved g,h) for rows [from, to); scores are class-major (scores[k*n+i]) */
  gradients(scores: Float64Array, y: Float64Array, k: number, gh: Float64Array, from: number, to: number): void;
  /** mean loss over rows, scores class-major */
  loss(scores: Float64Array, y: Float64Array): number;
  /** L1: leaf values are refit to the median residual of their rows */
  readonly renewLeaves: boolean;
}

/** What identifies an objective (sent to worker threads, which rebuild it). */
export interface ObjectiveSpec {
  readonly task: Task;
  readonly nClasses: number;
  readonly loss: RegressionLoss;
  readonly huberDelta: number;
}

export function makeObjective({ task, nClasses, loss, huberDelta }: ObjectiveSpec): Objective {
  if (task === 'binary') return logloss;
  if (task === 'multiclass') return softmax(nClasses);
  if (loss === 'l1') return l1;
  if (loss === 'huber') return huber(huberDelta);
  return l2;
}

/** Check targets before training; the message says what must hold. */
export function checkTargets(task: Task, nClasses: number, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    const ok = task === 'regression' ? Number.isFinite(v) : Number.isInteger(v) && v >= 0 && v < (task === 'binary' ? 2 : nClasses);
    if (!ok) {
      const want = task === 'regression' ? 'a finite number' : task === 'binary' ? '0 or 1' : `a class index in 0..${nClasses - 1}`;
      throw new LearnerError(`gbdt: every target must be ${want}, but row ${i} has ${v}; fix or drop that row.`);
    }
  }
  if (task !== 'regression' && y.every((v) => v === y[0])) {
    throw new LearnerError(`gbdt: a ${task} target needs at least two classes, but the target has one class (${y[0]}); check the target column and the split.`);
  }
}

const EPS = 1e-15;
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Binary log loss. Base score = logit(training prior), not XGBoost 1.x's 0.5: trees then start from the prior. */
const logloss: Objective = {
  name: 'logloss', nClasses: 1, renewLeaves: false,
  baseScores(y) {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i];
    const p = Math.min(1 - 1e-12, Math.max(1e-12, s / y.length));
    return Float64Array.of(Math.log(p / (1 - p)));
  },
  gradients(scores, y, _k, gh, from, to) {
    for (let i = from; i < to; i++) {
      const p = sigmoidFast(scores[i]);
      gh[2 * i] = p - y[i];
      gh[2 * i + 1] = Math.max(p * (1 - p), 1e-16);
    }
  },
  loss(scores, y) {
    let s = 0;
    for (let i = 0; i < y.length; i++) {
      const p = Math.min(1 - EPS, Math.max(EPS, sigmoid(scores[i])));
      s -= y[i] === 1 ? Math.log(p) : Math.log(1 - p);
    }
    return s / y.length;
  },
};

/** softmax probability of class k for row i (scores class-major) */
function softmaxProb(scores: Float64Array, n: number, K: number, i: number, k: number): number {
  let mx = -Infinity;
  for (let c = 0; c < K; c++) mx = Math.max(mx, scores[c * n + i]);
  let z = 0;
  for (let c = 0; c < K; c++) z += Math.exp(scores[c * n + i] - mx);
  return Math.exp(scores[k * n + i] - mx) / z;
}

/** Softmax over K classes; base scores = log priors; hessian scaled by K/(K-1) as in LightGBM. */
function softmax(K: number): Objective {
  const factor = K / (K - 1);
  return {
    name: 'softmax', nClasses: K, renewLeaves: false,
    baseScores(y) {
      const counts = new Float64Array(K);
      for (let i = 0; i < y.length; i++) counts[y[i]]++;
      return counts.map((c) => Math.log(Math.max(c / y.length, 1e-12)));
    },
    gradients(scores, y, k, gh, from, to) {
      const n = y.length;
      for (let i = from; i < to; i++) {
        const p = softmaxProb(scores, n, K, i, k);
        gh[2 * i] = p - (y[i] === k ? 1 : 0);
        gh[2 * i + 1] = Math.max(factor * p * (1 - p), 1e-16);
      }
    },
    loss(scores, y) {
      const n = y.length;
      let s = 0;
      for (let i = 0; i < n; i++) s -= Math.log(Math.max(EPS, softmaxProb(scores, n, K, i, y[i])));
      return s / n;
    },
  };
}

const mean = (y: Float64Array): number => { let s = 0; for (let i = 0; i < y.length; i++) s += y[i]; return s / y.length; };

/** median of a (copied) array */
export function median(a: Float64Array): number {
  if (a.length === 0) return 0;
  const s = Float64Array.from(a).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function regression(name: RegressionLoss, base: (y: Float64Array) => number, grad: (r: number) => number, lossOf: (r: number) => number, renew: boolean): Objective {
  return {
    name, nClasses: 1, renewLeaves: renew,
    baseScores: (y) => Float64Array.of(base(y)),
    gradients(scores, y, _k, gh, from, to) {
      for (let i = from; i < to; i++) { gh[2 * i] = grad(scores[i] - y[i]); gh[2 * i + 1] = 1; }
    },
    loss(scores, y) {
      let s = 0;
      for (let i = 0; i < y.length; i++) s += lossOf(scores[i] - y[i]);
      return s / y.length;
    },
  };
}

const l2 = regression('l2', mean, (r) => r, (r) => r * r, false);
const l1 = regression('l1', median, (r) => Math.sign(r), (r) => Math.abs(r), true);
function huber(d: number): Objective {
  return regression('huber', median, (r) => (r > d ? d : r < -d ? -d : r), (r) => (Math.abs(r) <= d ? 0.5 * r * r : d * (Math.abs(r) - 0.5 * d)), false);
}

/** Raw scores (row-major n×k) → predictions in place: probabilities for classification, values for regression. */
export function transform(name: ObjectiveName, raw: Float64Array, K: number): void {
  if (name === 'logloss') {
    for (let i = 0; i < raw.length; i++) raw[i] = sigmoid(raw[i]);
  } else if (name === 'softmax') {
    for (let i = 0; i < raw.length; i += K) softmaxInPlace(raw, i, K);
  }
}

/** softmax over raw[o..o+K) in place (no allocation) */
export function softmaxInPlace(raw: Float64Array, o: number, K: number): void {
  let mx = -Infinity;
  for (let c = 0; c < K; c++) mx = Math.max(mx, raw[o + c]);
  let z = 0;
  for (let c = 0; c < K; c++) { raw[o + c] = Math.exp(raw[o + c] - mx); z += raw[o + c]; }
  for (let c = 0; c < K; c++) raw[o + c] /= z;
}
