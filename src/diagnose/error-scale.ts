// The error scale of diagnosis: how far a metric value is from perfect (1 − score, or the loss itself).
import { computeMetric, isHigherBetter } from '../metrics/index.ts';
import type { Task } from '../learners/types.ts';

/** Metrics whose error lies in [0, 1]: scores bounded by 1 (error = 1 − score) and losses bounded by 1. */
const BOUNDED = new Set(['auc', 'accuracy', 'precision', 'recall', 'f1', 'pr_auc', 'macro_f1', 'brier', 'ece']);

/**
 * Error of a metric value: 1 − score for higher-is-better metrics (auc, accuracy, f1…; for r2 this is
 * the fraction of variance unexplained), the loss itself for losses (logloss, rmse, mae, brier, ece).
 */
export function errorOf(metric: string, value: number): number {
  return isHigherBetter(metric) ? 1 - value : value;
}

/** True when the metric's error is on a fixed [0, 1] scale, so absolute thresholds mean the same on any data. */
export function isBoundedError(metric: string): boolean {
  return BOUNDED.has(metric);
}

/** Error of predictions `pred` for labels `y` on the metric's error scale (NaN when the metric is undefined there). */
export function predictionError(metric: string, task: Task, y: Float64Array, pred: Float64Array, nClasses: number): number {
  return errorOf(metric, computeMetric(metric, task, y, pred, nClasses));
}

/**
 * A difference of errors that counts as material: 0.02 absolute on bounded scales (two points of
 * accuracy or AUC); 5% of `reference` (e.g. the trainDev error) for unbounded losses such as rmse or logloss.
 */
export function materialDifference(metric: string, reference: number): number {
  if (isBoundedError(metric)) return 0.02;
  return Number.isFinite(reference) && reference > 0 ? 0.05 * reference : 0.02;
}
