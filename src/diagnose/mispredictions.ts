// Which predictions are wrong: binary p > 0.5 vs label, multiclass argmax, regression the largest |residuals|.
import type { Task } from '../learners/index.ts';
import { Rng } from '../util/rng.ts';
import { predictedClass } from './tiny-batch.ts';

/** Share of rows flagged as errors in regression (the largest |residuals|), for weak-slice discovery. */
export const REGRESSION_ERROR_SHARE = 0.1;

/**
 * 1 per wrong row. Classification: the predicted class differs from the label. Regression: |residual| is in the
 * top REGRESSION_ERROR_SHARE of the rows (there is no "wrong" without a tolerance, so the worst tenth are the errors).
 */
export function wrongFlags(task: Task, y: Float64Array, pred: Float64Array, nClasses: number): Uint8Array {
  const flags = new Uint8Array(y.length);
  if (task !== 'regression') {
    for (let i = 0; i < y.length; i++) flags[i] = predictedClass(task, pred, i, nClasses) !== y[i] ? 1 : 0;
    return flags;
  }
  const worst = byResidual(y, pred).slice(0, Math.ceil(REGRESSION_ERROR_SHARE * y.length));
  for (const i of worst) flags[i] = 1;
  return flags;
}

/** Positions ordered by |residual|, largest first (ties by position). */
function byResidual(y: Float64Array, pred: Float64Array): number[] {
  const r = y.map((v, i) => Math.abs(v - pred[i]));
  return Array.from(y, (_, i) => i).sort((a, b) => r[b] - r[a] || a - b);
}

/**
 * Up to n mispredicted positions, ascending. Classification: a seeded sample of the wrong rows.
 * Regression: the n largest |residuals|.
 */
export function sampleMispredictions(task: Task, y: Float64Array, pred: Float64Array, nClasses: number, n: number, seed: number): Int32Array {
  if (task === 'regression') return Int32Array.from(byResidual(y, pred).slice(0, n)).sort();
  const flags = wrongFlags(task, y, pred, nClasses);
  const wrong: number[] = [];
  flags.forEach((f, i) => { if (f) wrong.push(i); });
  return new Rng(seed).shuffle(Int32Array.from(wrong)).slice(0, n).sort();
}
