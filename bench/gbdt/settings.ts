// Matched settings handed to both peers of the GBDT bench.

export interface Settings {
  readonly rounds: number;
  readonly depth: number;
  readonly learningRate: number;
  /** XGBoost's max_bin; Gauntlet uses maxBin - 1 value bins plus its missing bin */
  readonly maxBin: number;
  readonly threads: number;
  /** Gauntlet treats categorical codes as numbers, like XGBoost here */
  readonly ordinal: boolean;
  /** also measure single-row prediction latency */
  readonly latency: boolean;
}
