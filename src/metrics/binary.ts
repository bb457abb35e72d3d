// Binary-classification metrics of P(class 1) predictions: log loss, Brier, thresholded scores; ranking and calibration re-exported.

import { badBinaryLabel, checkSameLength } from './check.ts';
import { meanOfTerms, rowTerms } from './terms.ts';
import { rowCount, THRESHOLD, type ResampleScorer } from './types.ts';

export { averagePrecisionScore, rocAucScore } from './ranking.ts';
export { ece, eceTop, mce, reliabilityBins } from './calibration.ts';
export type { BinStrategy, CalibrationOptions, ReliabilityBin } from './calibration.ts';

/** Probabilities are clipped to [eps, 1 - eps] before the log, scikit-learn's default before 1.2 and REFERENCE.md's convention. */
export const LOG_LOSS_EPS = 1e-15;

export { THRESHOLD } from './types.ts';

function label(y: Float64Array, r: number): number {
  const v = y[r];
  if (v !== 0 && v !== 1) throw badBinaryLabel(r, v);
  return v;
}

/** One row's cross-entropy exactly as sklearn 1.2: clip, form [1 - p, p], renormalize the pair, take -log. */
function logLossTerm(positive: boolean, p: number, eps: number): number {
  const pc = Math.min(Math.max(p, eps), 1 - eps);
  const q = 1 - pc;
  const sum = q + pc;
  return positive ? -Math.log(pc / sum) : -Math.log(q / sum);
}

/** Mean binary cross-entropy (natural log), clipping at LOG_LOSS_EPS. NaN on zero rows or a NaN prediction. */
export function logLoss(y: Float64Array, p: Float64Array, idx?: Int32Array): number {
  checkSameLength(y, p, 'p');
  const m = rowCount(y.length, idx);
  let sum = 0;
  for (let j = 0; j < m; j++) {
    const r = idx === undefined ? j : idx[j];
    sum += logLossTerm(label(y, r) === 1, p[r], LOG_LOSS_EPS);
  }
  return sum / m;
}

logLoss.prepare = (y: Float64Array, p: Float64Array): ResampleScorer => {
  checkSameLength(y, p, 'p');
  return meanOfTerms(rowTerms(y.length, (r) => logLossTerm(label(y, r) === 1, p[r], LOG_LOSS_EPS)));
};

/** Mean squared difference between P(class 1) and the 0/1 label (sklearn brier_score_loss). */
export function brierScore(y: Float64Array, p: Float64Array, idx?: Int32Array): number {
  checkSameLength(y, p, 'p');
  const m = rowCount(y.length, idx);
  let sum = 0;
  for (let j = 0; j < m; j++) {
    const r = idx === undefined ? j : idx[j];
    const d = p[r] - label(y, r);
    sum += d * d;
  }
  return sum / m;
}

brierScore.prepare = (y: Float64Array, p: Float64Array): ResampleScorer => {
  checkSameLength(y, p, 'p');
  return meanOfTerms(rowTerms(y.length, (r) => {
    const d = p[r] - label(y, r);
    return d * d;
  }));
};

/** Confusion counts at p > THRESHOLD; every count is NaN when a prediction is NaN. */
export interface Confusion {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
}

const NAN_CONFUSION: Confusion = { tp: NaN, fp: NaN, fn: NaN, tn: NaN };

export function binaryConfusion(y: Float64Array, p: Float64Array, idx?: Int32Array): Confusion {
  checkSameLength(y, p, 'p');
  const m = rowCount(y.length, idx);
  let tp = 0;
  let fp = 0;
  let positives = 0;
  for (let j = 0; j < m; j++) {
    const r = idx === undefined ? j : idx[j];
    const v = label(y, r);
    const pr = p[r];
    if (Number.isNaN(pr)) return NAN_CONFUSION;
    positives += v;
    if (pr > THRESHOLD) {
      if (v === 1) tp++;
      else fp++;
    }
  }
  return { tp, fp, fn: positives - tp, tn: m - positives - fp };
}

/** Each row's cell of the confusion matrix: 2·label + predicted positive, or NAN_CELL for a NaN prediction. */
const NAN_CELL = 4;

function confusionCells(y: Float64Array, p: Float64Array): Uint8Array {
  checkSameLength(y, p, 'p');
  const cells = new Uint8Array(y.length);
  for (let r = 0; r < y.length; r++) cells[r] = Number.isNaN(p[r]) ? NAN_CELL : 2 * label(y, r) + (p[r] > THRESHOLD ? 1 : 0);
  return cells;
}

function countCells(cells: Uint8Array, idx: Int32Array): Confusion {
  const n = [0, 0, 0, 0, 0];
  for (let j = 0; j < idx.length; j++) n[cells[idx[j]]]++;
  return n[NAN_CELL] > 0 ? NAN_CONFUSION : { tn: n[0], fp: n[1], fn: n[2], tp: n[3] };
}

/** Bootstrap form of a confusion-matrix metric: each row's cell once, then counts per resample. */
function viaConfusion(of: (c: Confusion) => number): (y: Float64Array, p: Float64Array) => ResampleScorer {
  return (y, p) => {
    const cells = confusionCells(y, p);
    return (idx) => of(countCells(cells, idx));
  };
}

const accuracyOf = (c: Confusion): number => (c.tp + c.tn) / (c.tp + c.tn + c.fp + c.fn);
const precisionOf = (c: Confusion): number => (c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp));
const recallOf = (c: Confusion): number => (c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn));
const f1Of = (c: Confusion): number => {
  const denominator = 2 * c.tp + c.fp + c.fn;
  return denominator === 0 ? 0 : (2 * c.tp) / denominator;
};

/** Fraction of rows whose thresholded prediction equals the label; NaN on zero rows. */
export function accuracyScore(y: Float64Array, p: Float64Array, idx?: Int32Array): number {
  return accuracyOf(binaryConfusion(y, p, idx));
}
accuracyScore.prepare = viaConfusion(accuracyOf);

/** TP / (TP + FP); 0 when nothing is predicted positive (sklearn zero_division → 0). */
export function precisionScore(y: Float64Array, p: Float64Array, idx?: Int32Array): number {
  return precisionOf(binaryConfusion(y, p, idx));
}
precisionScore.prepare = viaConfusion(precisionOf);

/** TP / (TP + FN); 0 when the rows hold no positive (sklearn zero_division → 0). */
export function recallScore(y: Float64Array, p: Float64Array, idx?: Int32Array): number {
  return recallOf(binaryConfusion(y, p, idx));
}
recallScore.prepare = viaConfusion(recallOf);

/** Harmonic mean of precision and recall, 2TP / (2TP + FP + FN); 0 when that is 0/0. */
export function f1Score(y: Float64Array, p: Float64Array, idx?: Int32Array): number {
  return f1Of(binaryConfusion(y, p, idx));
}
f1Score.prepare = viaConfusion(f1Of);
