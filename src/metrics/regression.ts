// Regression metrics of predicted values: rmse and mae (minimized), r2Score (maximized).

import { checkSameLength } from './check.ts';
import { meanOfTerms, rowTerms } from './terms.ts';
import { rowCount, type ResampleScorer } from './types.ts';

/** Root mean squared error; NaN on zero rows. */
export function rmse(y: Float64Array, pred: Float64Array, idx?: Int32Array): number {
  checkSameLength(y, pred);
  const m = rowCount(y.length, idx);
  let sum = 0;
  for (let j = 0; j < m; j++) {
    const r = idx === undefined ? j : idx[j];
    const d = y[r] - pred[r];
    sum += d * d;
  }
  return Math.sqrt(sum / m);
}

rmse.prepare = (y: Float64Array, pred: Float64Array): ResampleScorer => {
  checkSameLength(y, pred);
  const meanSquare = meanOfTerms(rowTerms(y.length, (r) => (y[r] - pred[r]) * (y[r] - pred[r])));
  return (idx) => Math.sqrt(meanSquare(idx));
};

/** Mean absolute error; NaN on zero rows. */
export function mae(y: Float64Array, pred: Float64Array, idx?: Int32Array): number {
  checkSameLength(y, pred);
  const m = rowCount(y.length, idx);
  let sum = 0;
  for (let j = 0; j < m; j++) {
    const r = idx === undefined ? j : idx[j];
    sum += Math.abs(y[r] - pred[r]);
  }
  return sum / m;
}

mae.prepare = (y: Float64Array, pred: Float64Array): ResampleScorer => {
  checkSameLength(y, pred);
  return meanOfTerms(rowTerms(y.length, (r) => Math.abs(y[r] - pred[r])));
};

function mean(y: Float64Array, idx: Int32Array | undefined, m: number): number {
  let sum = 0;
  for (let j = 0; j < m; j++) sum += y[idx === undefined ? j : idx[j]];
  return sum / m;
}

/**
 * Coefficient of determination 1 − SS_res / SS_tot. NaN when y is constant over the rows (R² is
 * undefined there; sklearn's force_finite default reports 1 for a perfect fit and 0 otherwise) and
 * on zero rows.
 */
export function r2Score(y: Float64Array, pred: Float64Array, idx?: Int32Array): number {
  checkSameLength(y, pred);
  const m = rowCount(y.length, idx);
  const centre = mean(y, idx, m);
  let ssRes = 0;
  let ssTot = 0;
  for (let j = 0; j < m; j++) {
    const r = idx === undefined ? j : idx[j];
    const d = y[r] - pred[r];
    const t = y[r] - centre;
    ssRes += d * d;
    ssTot += t * t;
  }
  return ssTot === 0 ? NaN : 1 - ssRes / ssTot;
}
