// The Calibrator contract: a frozen map from a model's probabilities to calibrated ones, and its versioned JSON.

/** How probabilities are recalibrated: identity, Platt on the log-odds, isotonic (PAV), or softmax temperature. */
export type CalibrationMethod = 'none' | 'platt' | 'isotonic' | 'temperature';

export const CALIBRATION_METHODS: readonly CalibrationMethod[] = ['none', 'platt', 'isotonic', 'temperature'];

export const CALIBRATOR_FORMAT = 'gauntlet-calibrator';
export const CALIBRATOR_VERSION = 1;

/** Platt's sigmoid on the log-odds s = logit(p): p' = 1 / (1 + exp(a·s + b)). */
export interface PlattParams {
  readonly a: number;
  readonly b: number;
}

/** An increasing step-linear map: thresholds `x` (strictly increasing) and fitted values `y`, interpolated linearly, clipped outside. */
export interface IsotonicParams {
  readonly x: readonly number[];
  readonly y: readonly number[];
}

interface Header {
  readonly format: typeof CALIBRATOR_FORMAT;
  readonly version: number;
}

/**
 * Serialized calibrator. `classes` holds one map for binary (applied to P(class 1)) or one per class for
 * multiclass one-vs-rest (rows renormalized after mapping).
 */
export type CalibratorJSON =
  | (Header & { readonly method: 'none' })
  | (Header & { readonly method: 'platt'; readonly classes: readonly PlattParams[] })
  | (Header & { readonly method: 'isotonic'; readonly classes: readonly IsotonicParams[] })
  | (Header & { readonly method: 'temperature'; readonly nClasses: number; readonly temperature: number });

export interface Calibrator {
  readonly method: CalibrationMethod;
  /** outputs per row this calibrator maps: 1 (binary P(class 1)), k (multiclass), or 0 for any layout (identity) */
  readonly width: number;
  /** Calibrated copy of `pred` (binary: length n; multiclass: row-major n×k). `pred` is not modified. */
  apply(pred: Float64Array): Float64Array;
  /** Calibrate one row's outputs (length `width`) in place without allocating: the serving hot path. */
  applyInPlace(out: Float64Array): void;
  toJSON(): CalibratorJSON;
}
