// Sanity: a healthy learner with its strongest settings can memorize a tiny batch of training rows.
import type { Learner, Matrix, Params, Task } from '../learners/index.ts';
import { Rng } from '../util/rng.ts';

export const TINY_BATCH_ROWS = 64;

/** Settings that remove regularization and give capacity, per built-in learner; only declared params are set. */
const STRONG: Readonly<Record<string, Readonly<Record<string, number | string>>>> = {
  logistic: { C: 1e6, maxIter: 5000 },
  ridge: { alpha: 1e-8 },
  gbdt: {
    rounds: 300, learningRate: 0.3, numLeaves: 64, maxDepth: -1, minDataInLeaf: 1, minSumHessian: 0, minGain: 0,
    lambdaL2: 0, lambdaL1: 0, featureFraction: 1, baggingFraction: 1, baggingFreq: 0, earlyStoppingRounds: 0, catSmooth: 0, catL2: 0,
  },
};

/** The learner's params with its strong settings applied (unknown learners keep their params). */
export function strongParams(learner: Learner, params: Params): Params {
  const strong = STRONG[learner.name] ?? {};
  const declared = new Set(learner.params.map((p) => p.name));
  return { ...params, ...Object.fromEntries(Object.entries(strong).filter(([k]) => declared.has(k))) };
}

/** How many shuffled rows the batch search looks at, at most (bounds the cost on large train sets). */
const SEARCH_ROWS = 5000;

/**
 * Pick up to `size` rows of X (positions, ascending), seeded: classes taken round-robin so every class is present,
 * and a row skipped when its inputs duplicate a picked row's (it could carry another label). With `independent`
 * (linear learners), a row is also skipped unless [inputs, 1] is clearly linearly independent of the picked rows':
 * then any labelling of the batch is separable (classification) or interpolable (regression) by a linear model.
 */
export function pickBatch(X: Matrix, y: Float64Array, task: Task, size: number, seed: number, independent = false): Int32Array {
  const order = new Rng(seed).shuffle(Int32Array.from({ length: X.nRows }, (_, i) => i)).subarray(0, SEARCH_ROWS);
  const queues = task === 'regression' ? [Array.from(order)] : byClass(order, y);
  const seen = new Set<string>();
  const basis: Float64Array[] = [];
  const out: number[] = [];
  while (out.length < size && queues.some((q) => q.length > 0)) {
    for (const q of queues) {
      const i = q.shift();
      if (i === undefined || out.length >= size) continue;
      const key = X.columns.map((c) => c[i]).join(',');
      if (seen.has(key) || (independent && !extendsBasis(basis, X, i))) continue;
      seen.add(key);
      out.push(i);
    }
  }
  return Int32Array.from(out).sort();
}

/** Gram–Schmidt step: add row i's [inputs, 1] to the orthonormal basis when its residual keeps ≥ 1e-3 of its norm. */
function extendsBasis(basis: Float64Array[], X: Matrix, i: number): boolean {
  const v = Float64Array.from({ length: X.columns.length + 1 }, (_, j) => (j < X.columns.length ? X.columns[j][i] : 1));
  if (v.some((x) => !Number.isFinite(x))) return false;
  const norm = Math.hypot(...v);
  for (const b of basis) {
    let dot = 0;
    for (let j = 0; j < v.length; j++) dot += v[j] * b[j];
    for (let j = 0; j < v.length; j++) v[j] -= dot * b[j];
  }
  const rest = Math.hypot(...v);
  if (!(rest > 1e-3 * norm)) return false;
  basis.push(v.map((x) => x / rest));
  return true;
}

function byClass(order: Int32Array, y: Float64Array): number[][] {
  const groups = new Map<number, number[]>();
  for (const i of order) {
    const g = groups.get(y[i]);
    if (g) g.push(i);
    else groups.set(y[i], [i]);
  }
  return [...groups.keys()].sort((a, b) => a - b).map((k) => groups.get(k)!);
}

export interface TinyBatchResult {
  readonly learner: string;
  readonly rows: number;
  /** classification: fraction correct on the batch; regression: R² on the batch */
  readonly fit: number;
  readonly measure: 'accuracy' | 'r2';
  /** accuracy 1 (classification) or R² ≥ 0.99 (regression) */
  readonly pass: boolean;
  readonly params: Params;
  readonly error?: string;
}

/** Fit `learner` with strong settings on the batch and score it on the same rows. */
export async function overfitTinyBatch(learner: Learner, params: Params, X: Matrix, y: Float64Array, ctx: { task: Task; nClasses: number; seed: number }): Promise<TinyBatchResult> {
  const strong = strongParams(learner, params);
  const measure = ctx.task === 'regression' ? 'r2' : 'accuracy';
  try {
    const model = await learner.fit(X, y, { task: ctx.task, nClasses: ctx.nClasses, seed: ctx.seed }, strong);
    const fit = batchFit(ctx.task, y, model.predict(X), ctx.nClasses);
    const pass = ctx.task === 'regression' ? fit >= 0.99 : fit === 1;
    return { learner: learner.name, rows: X.nRows, fit, measure, pass, params: strong };
  } catch (e) {
    return { learner: learner.name, rows: X.nRows, fit: NaN, measure, pass: false, params: strong, error: e instanceof Error ? e.message : String(e) };
  }
}

function batchFit(task: Task, y: Float64Array, pred: Float64Array, k: number): number {
  if (task === 'regression') {
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    let sse = 0;
    let sst = 0;
    for (let i = 0; i < y.length; i++) { sse += (y[i] - pred[i]) ** 2; sst += (y[i] - mean) ** 2; }
    return sst > 0 ? 1 - sse / sst : sse === 0 ? 1 : 0;
  }
  let right = 0;
  for (let i = 0; i < y.length; i++) if (predictedClass(task, pred, i, k) === y[i]) right++;
  return right / y.length;
}

/** Class index predicted for row i: binary p > 0.5; multiclass argmax (first on ties). */
export function predictedClass(task: Task, pred: Float64Array, i: number, k: number): number {
  if (task === 'binary') return pred[i] > 0.5 ? 1 : 0;
  let best = 0;
  for (let c = 1; c < k; c++) if (pred[i * k + c] > pred[i * k + best]) best = c;
  return best;
}
