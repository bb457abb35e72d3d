// Settings of the evaluate() bench, handed to the Gauntlet child process as JSON.

export interface Settings {
  readonly rows: number;
  readonly slices: number;
  readonly resamples: number;
  readonly threads: number;
  /** also time the single-thread parts (metrics, slices, resample draws, AUC passes) */
  readonly breakdown: boolean;
  /** also time the one-thread evaluateSplit on the same data */
  readonly serial: boolean;
}
