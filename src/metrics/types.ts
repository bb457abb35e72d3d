// The metric contract: a pure function of full-length typed arrays, optionally restricted to a resample of row indices.

/**
 * A metric over full-length arrays `y` (labels or values) and `pred` (binary: P(class 1) per row;
 * multiclass: row-major n×k probabilities; regression: values).
 * `idx`, when given, selects the rows to score (repeats allowed, as in a bootstrap resample) so that
 * nothing is copied per resample; without it every row is scored once.
 * Undefined values (an AUC on one class, anything on zero rows) are NaN, never an exception.
 */
export interface MetricFn {
  (y: Float64Array, pred: Float64Array, idx?: Int32Array, nClasses?: number): number;
  /**
   * Optional one-off precomputation over the full data (e.g. AUC's score ranks), returning a scorer
   * for resamples that must agree with the plain call on the same rows. Bootstrap uses it when present.
   */
  prepare?: (y: Float64Array, pred: Float64Array, nClasses?: number) => ResampleScorer;
}

/** Scores one resample of the rows it was prepared on. */
export type ResampleScorer = (idx: Int32Array) => number;

/** Binary predictions are positive when p > THRESHOLD (REFERENCE.md: p = 0.5 predicts class 0). */
export const THRESHOLD = 0.5;

/** Number of rows a metric scores: the resample size, or every row. */
export function rowCount(n: number, idx: Int32Array | undefined): number {
  return idx === undefined ? n : idx.length;
}
