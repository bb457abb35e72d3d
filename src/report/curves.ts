// Points of the test-set diagnostic plots: ROC and precision–recall (one point per distinct score), residuals, and a confusion matrix.
import type { Point } from './charts.ts';

/** Row order by descending score (stable for ties; ties are then grouped into one threshold). */
function byScoreDesc(score: readonly number[]): Int32Array {
  const idx = Int32Array.from(score.keys());
  return idx.sort((a, b) => score[b] - score[a] || a - b);
}

interface Counts {
  readonly positives: number;
  readonly negatives: number;
  /** cumulative true/false positives after each distinct threshold, highest threshold first */
  readonly tp: readonly number[];
  readonly fp: readonly number[];
}

/** Cumulative counts at each distinct score, treating `y > 0.5` as positive. Non-finite scores are skipped. */
function thresholdCounts(y: readonly number[], score: readonly number[]): Counts {
  const order = byScoreDesc(score).filter((i) => Number.isFinite(score[i]));
  const tp: number[] = [];
  const fp: number[] = [];
  let t = 0;
  let f = 0;
  for (let k = 0; k < order.length; k++) {
    if (y[order[k]] > 0.5) t++;
    else f++;
    const last = k === order.length - 1 || score[order[k + 1]] !== score[order[k]];
    if (last) {
      tp.push(t);
      fp.push(f);
    }
  }
  return { positives: t, negatives: f, tp, fp };
}

/** ROC curve as (false-positive rate, true-positive rate) from (0, 0) to (1, 1); empty when one class is absent. */
export function rocPoints(y: readonly number[], score: readonly number[]): Point[] {
  const c = thresholdCounts(y, score);
  if (c.positives === 0 || c.negatives === 0) return [];
  const out: Point[] = [[0, 0]];
  for (let i = 0; i < c.tp.length; i++) out.push([c.fp[i] / c.negatives, c.tp[i] / c.positives]);
  return out;
}

/**
 * Precision–recall curve as (recall, precision), one point per distinct threshold, highest threshold first,
 * starting at recall 0 with the precision of the highest threshold; empty when there are no positives.
 */
export function prPoints(y: readonly number[], score: readonly number[]): Point[] {
  const c = thresholdCounts(y, score);
  if (c.positives === 0) return [];
  const out: Point[] = [];
  for (let i = 0; i < c.tp.length; i++) out.push([c.tp[i] / c.positives, c.tp[i] / (c.tp[i] + c.fp[i])]);
  return out.length > 0 ? [[0, out[0][1]], ...out] : out;
}

/** Area under a polyline by the trapezoid rule (the ROC AUC for `rocPoints`). */
export function trapezoidArea(points: readonly Point[]): number {
  let area = 0;
  for (let i = 1; i < points.length; i++) area += ((points[i][0] - points[i - 1][0]) * (points[i][1] + points[i - 1][1])) / 2;
  return area;
}

/** Average precision: Σ (R_i − R_{i−1}) · P_i over the PR points (the step-wise area). */
export function averagePrecision(points: readonly Point[]): number {
  let ap = 0;
  for (let i = 1; i < points.length; i++) ap += (points[i][0] - points[i - 1][0]) * points[i][1];
  return ap;
}

/** Regression residuals as (predicted, actual − predicted). */
export function residualPoints(y: readonly number[], predicted: readonly number[]): Point[] {
  return y.map((v, i): Point => [predicted[i], v - predicted[i]]);
}

/** Index of the largest of the k values of row `r` (the predicted class). */
function argmax(p: readonly number[], r: number, k: number): number {
  let best = 0;
  for (let c = 1; c < k; c++) if (p[r * k + c] > p[r * k + best]) best = c;
  return best;
}

/** Confusion matrix: `m[actual][predicted]` counts, the predicted class being the arg-max of the k probabilities. */
export function confusionMatrix(y: readonly number[], probabilities: readonly number[], k: number): number[][] {
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let r = 0; r < y.length; r++) {
    const actual = y[r];
    if (Number.isInteger(actual) && actual >= 0 && actual < k) m[actual][argmax(probabilities, r, k)]++;
  }
  return m;
}

export interface ClassStats {
  readonly support: number;
  readonly predicted: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** Per-class support, precision, recall and F1 from a confusion matrix (NaN where undefined). */
export function classStats(m: readonly (readonly number[])[]): ClassStats[] {
  return m.map((row, c) => {
    const support = row.reduce((a, b) => a + b, 0);
    const predicted = m.reduce((a, r) => a + r[c], 0);
    const precision = predicted > 0 ? row[c] / predicted : NaN;
    const recall = support > 0 ? row[c] / support : NaN;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : NaN;
    return { support, predicted, precision, recall, f1 };
  });
}
