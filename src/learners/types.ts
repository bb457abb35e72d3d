// The Learner contract: plain hyperparameters declared once, `fit` learns, a Model predicts and serializes.

export type Task = 'binary' | 'multiclass' | 'regression';

/** One input feature of a Matrix. Categorical features hold integer codes 0..levels-1 as numbers, NaN = missing/unseen. */
export interface FeatureInfo {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical';
  /** number of levels for categorical features */
  readonly levels?: number;
}

/** Column-major dense matrix: `columns[j][i]` is feature j of row i; NaN = missing. */
export interface Matrix {
  readonly nRows: number;
  readonly features: readonly FeatureInfo[];
  readonly columns: readonly Float64Array[];
}

/**
 * Targets: binary → 0/1; multiclass → class index 0..k-1; regression → value.
 * Predictions: binary → P(class 1) per row (length n); multiclass → row-major n×k probabilities;
 * regression → predicted value (length n).
 */
export interface FitContext {
  readonly task: Task;
  /** 2 for binary, k for multiclass, 1 for regression */
  readonly nClasses: number;
  readonly seed: number;
  /** optional held-out data for early stopping / validation curves (trainDev) */
  readonly validation?: { readonly X: Matrix; readonly y: Float64Array };
  /** worker threads the learner may use (default: cores available) */
  readonly threads?: number;
  /** per-iteration metrics, recorded as training curves in the store */
  readonly onCurve?: (curve: string, step: number, value: number) => void;
  /** progress for long fits: fraction done in [0, 1] */
  readonly onProgress?: (fraction: number, message?: string) => void;
}

/** How the preprocessing pipeline must prepare inputs for this learner. */
export interface InputNeeds {
  /** true: NaN must be imputed before fit/predict (linear models); false: the learner handles NaN natively */
  readonly impute: boolean;
  /** true: standardize numeric features with train mean/std */
  readonly scale: boolean;
  /** 'onehot': categoricals expanded into 0/1 columns; 'native': one column of integer codes (kind 'categorical') */
  readonly categorical: 'onehot' | 'native';
}

export type ParamType = 'float' | 'int' | 'bool' | 'enum';

/** One hyperparameter, declared once: validation, CLI help, search spaces and UI forms come from here. */
export interface ParamSpec {
  readonly name: string;
  readonly type: ParamType;
  readonly default: number | boolean | string;
  readonly description: string;
  /** inclusive bounds (numeric types); `minExclusive` makes the lower bound open */
  readonly min?: number;
  readonly max?: number;
  readonly minExclusive?: boolean;
  /** values for 'enum' */
  readonly values?: readonly string[];
  /** default search range for hyperparameter search */
  readonly search?: { readonly low: number; readonly high: number; readonly log?: boolean } | { readonly choices: readonly (string | number | boolean)[] };
}

export type Params = Readonly<Record<string, number | boolean | string | Record<string, number>>>;

/** A curve recorded during training (e.g. train/valid loss per iteration). */
export interface Curve {
  readonly name: string;
  readonly steps: readonly number[];
  readonly values: readonly number[];
}

/** Serialized model: versioned, self-describing JSON. */
export interface ModelJSON {
  readonly format: 'gauntlet-model';
  readonly version: number;
  readonly learner: string;
  readonly task: Task;
  readonly nClasses: number;
  readonly featureNames: readonly string[];
  readonly params: Params;
  readonly state: unknown;
}

export interface Model {
  readonly learner: string;
  readonly task: Task;
  readonly nClasses: number;
  readonly params: Params;
  /** Batch prediction (see FitContext for the layout). Must not mutate X. */
  predict(X: Matrix): Float64Array;
  /**
   * Single-row prediction into `out` (length 1, or k for multiclass), `row[j]` = feature j.
   * Must not allocate per call: this is the serving hot path.
   */
  predictRow(row: Float64Array, out: Float64Array): void;
  toJSON(): ModelJSON;
  /** number of boosting/solver iterations actually run, when meaningful */
  readonly iterations?: number;
  /** feature importance by name (e.g. gain), when the learner has one */
  importance?(): Record<string, Record<string, number>>;
}

export interface Learner {
  readonly name: string;
  readonly description: string;
  readonly tasks: readonly Task[];
  readonly input: InputNeeds;
  readonly params: readonly ParamSpec[];
  /** `params` already validated and completed with defaults by `resolveParams`. */
  fit(X: Matrix, y: Float64Array, ctx: FitContext, params: Params): Promise<Model>;
  /** Rebuild a model from its JSON; predictions must be bit-identical to the fitted model's. */
  load(json: ModelJSON): Model;
}
