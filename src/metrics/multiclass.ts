// Multiclass metrics of row-major n×k probabilities: argmax accuracy, log loss (sklearn 1.2 clip + renormalize), macro F1.

import { checkClassLabel, classCount } from './check.ts';
import { LOG_LOSS_EPS } from './binary.ts';
import { meanOfTerms, rowTerms } from './terms.ts';
import { rowCount, type ResampleScorer } from './types.ts';

/** Index of the largest probability in row r (first on ties, like numpy argmax); -1 if the row holds a NaN. */
export function argmaxRow(p: Float64Array, r: number, k: number): number {
  const base = r * k;
  let best = 0;
  for (let c = 0; c < k; c++) {
    const v = p[base + c];
    if (Number.isNaN(v)) return -1;
    if (v > p[base + best]) best = c;
  }
  return best;
}

/** Fraction of rows whose argmax class is the label; NaN on zero rows or a NaN probability. */
export function multiclassAccuracyScore(y: Float64Array, p: Float64Array, idx?: Int32Array, nClasses?: number): number {
  const k = classCount(y, p, nClasses);
  const m = rowCount(y.length, idx);
  let correct = 0;
  for (let j = 0; j < m; j++) {
    const r = idx === undefined ? j : idx[j];
    checkClassLabel(r, y[r], k);
    const c = argmaxRow(p, r, k);
    if (c < 0) return NaN;
    if (c === y[r]) correct++;
  }
  return correct / m;
}

multiclassAccuracyScore.prepare = (y: Float64Array, p: Float64Array, nClasses?: number): ResampleScorer => {
  const k = classCount(y, p, nClasses);
  return meanOfTerms(rowTerms(y.length, (r) => {
    checkClassLabel(r, y[r], k);
    const c = argmaxRow(p, r, k);
    return c < 0 ? NaN : c === y[r] ? 1 : 0;
  }));
};

/** −log of row r's renormalized probability of `label`, each entry first clipped to [eps, 1 − eps]. */
function rowLogLoss(p: Float64Array, r: number, k: number, label: number, eps: number): number {
  const base = r * k;
  let sum = 0;
  for (let c = 0; c < k; c++) sum += Math.min(Math.max(p[base + c], eps), 1 - eps);
  const own = Math.min(Math.max(p[base + label], eps), 1 - eps);
  return -Math.log(own / sum);
}

/** Mean cross-entropy (natural log), clipping at LOG_LOSS_EPS and renormalizing each row as sklearn 1.2 does. */
export function multiclassLogLoss(y: Float64Array, p: Float64Array, idx?: Int32Array, nClasses?: number): number {
  const k = classCount(y, p, nClasses);
  const m = rowCount(y.length, idx);
  let sum = 0;
  for (let j = 0; j < m; j++) {
    const r = idx === undefined ? j : idx[j];
    checkClassLabel(r, y[r], k);
    sum += rowLogLoss(p, r, k, y[r], LOG_LOSS_EPS);
  }
  return sum / m;
}

multiclassLogLoss.prepare = (y: Float64Array, p: Float64Array, nClasses?: number): ResampleScorer => {
  const k = classCount(y, p, nClasses);
  return meanOfTerms(rowTerms(y.length, (r) => {
    checkClassLabel(r, y[r], k);
    return rowLogLoss(p, r, k, y[r], LOG_LOSS_EPS);
  }));
};

/** Per-class counts of the argmax confusion: true positives, true rows and predicted rows of each class. */
interface ClassCounts {
  readonly tp: Float64Array;
  readonly actual: Float64Array;
  readonly predicted: Float64Array;
}

function classCounts(y: Float64Array, p: Float64Array, idx: Int32Array | undefined, k: number): ClassCounts | undefined {
  const tp = new Float64Array(k);
  const actual = new Float64Array(k);
  const predicted = new Float64Array(k);
  const m = rowCount(y.length, idx);
  for (let j = 0; j < m; j++) {
    const r = idx === undefined ? j : idx[j];
    checkClassLabel(r, y[r], k);
    const c = argmaxRow(p, r, k);
    if (c < 0) return undefined;
    actual[y[r]]++;
    predicted[c]++;
    if (c === y[r]) tp[c]++;
  }
  return { tp, actual, predicted };
}

/**
 * Unweighted mean over classes of F1 = 2TP / (2TP + FP + FN) for the argmax label. Like sklearn's
 * f1_score(average='macro'), only classes present among the labels or the predictions count.
 * NaN on zero rows or a NaN probability.
 */
export function macroF1Score(y: Float64Array, p: Float64Array, idx?: Int32Array, nClasses?: number): number {
  const k = classCount(y, p, nClasses);
  const counts = classCounts(y, p, idx, k);
  if (counts === undefined) return NaN;
  let sum = 0;
  let present = 0;
  for (let c = 0; c < k; c++) {
    const denominator = counts.actual[c] + counts.predicted[c];
    if (denominator === 0) continue;
    sum += (2 * counts.tp[c]) / denominator;
    present++;
  }
  return sum / present;
}

/**
 * Top-label expected calibration error for multiclass: confidence = the largest probability,
 * outcome = whether its class is right; 15 equal-width bins as REFERENCE.md's binary ECE top.
 */
export function multiclassEce(y: Float64Array, p: Float64Array, idx?: Int32Array, nClasses?: number): number {
  const k = classCount(y, p, nClasses);
  const n = rowCount(y.length, idx);
  if (n === 0) return NaN;
  const bins = 15;
  const count = new Float64Array(bins);
  const sumConf = new Float64Array(bins);
  const sumHit = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const r = idx === undefined ? i : idx[i];
    checkClassLabel(r, y[r], k);
    const top = argmaxRow(p, r, k);
    if (top < 0) return NaN;
    const conf = p[r * k + top];
    const b = Math.min(Math.floor(conf * bins), bins - 1);
    count[b]++;
    sumConf[b] += conf;
    sumHit[b] += top === y[r] ? 1 : 0;
  }
  let e = 0;
  for (let b = 0; b < bins; b++) if (count[b] > 0) e += Math.abs(sumHit[b] - sumConf[b]) / n;
  return e;
}
