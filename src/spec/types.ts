// The project file (gauntlet.yaml), normalized: every default filled in, every path absolute.
import type { Task } from '../learners/types.ts';

export const SPLIT_NAMES = ['train', 'trainDev', 'eyeball', 'blackbox', 'test'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

/** A satisficing constraint: `metric` must be ≤ max and/or ≥ min (measured on `split`). */
export interface Constraint {
  readonly metric: string;
  readonly max?: number;
  readonly min?: number;
  readonly split: SplitName;
  /** fairness_gap only: the group column and the per-group measure */
  readonly attribute?: string;
  readonly measure?: 'tpr' | 'fpr' | 'selection_rate' | 'auc';
}

export type CalibrationSetting = 'auto' | 'platt' | 'isotonic' | 'temperature' | 'none';

export type SliceSpec =
  | { readonly kind: 'where'; readonly name: string; readonly where: string }
  | { readonly kind: 'by'; readonly name: string; readonly by: string };

export interface LearnerSpec {
  readonly name: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** where this entry sits in the spec, for error messages (e.g. `learners[1]`) */
  readonly keyPath: string;
}

export interface Spec {
  readonly name: string;
  /** absolute path of the spec file */
  readonly file: string;
  /** directory of the spec file; relative paths resolve against it */
  readonly dir: string;
  readonly data: {
    readonly source: string; // absolute
    readonly sourceAsWritten: string;
    readonly target: string;
    readonly id?: string;
    readonly exclude: readonly string[];
    readonly categorical: readonly string[];
    /** the prediction time of each row (a column); event-time columns must not be later than it */
    readonly time?: string;
    /** columns holding event times (checked against `time` for FUTURE_TIMESTAMP) */
    readonly eventTimes: readonly string[];
    /** a production sample file (absolute path), compared with the training data (PRODUCTION_MISMATCH) */
    readonly production?: string;
  };
  /** undefined = infer from the target column */
  readonly task?: Task;
  readonly objective: { readonly optimize: string; readonly constraints: readonly Constraint[] };
  readonly splits: {
    readonly strategy: 'random' | 'stratified' | 'group' | 'time';
    readonly seed: number;
    readonly fractions: Readonly<Record<SplitName, number>>;
    /** strategy 'group': no value of this column in two splits */
    readonly group?: string;
    /** strategy 'time': train < trainDev/eyeball/blackbox < test in this column */
    readonly time?: string;
    /** drop rows identical in every feature value (ignoring the id) before splitting */
    readonly dedupe: boolean;
  };
  readonly slices: readonly SliceSpec[];
  readonly baselines: { readonly heuristic?: string; readonly human?: Readonly<Record<string, number>> };
  /** undefined = every built-in learner suited to the task */
  readonly learners?: readonly LearnerSpec[];
  readonly evaluation: {
    /** bootstrap resamples for confidence intervals */
    readonly bootstrap: number;
    /** sample predictions recorded per split */
    readonly samples: number;
    /** slices with fewer rows are marked small (metrics shown, flagged) */
    readonly minSliceRows: number;
  };
  /** seed for learners (splits have their own) */
  readonly seed: number;
  /** readiness-gate settings */
  readonly gate: {
    /** significance level of "beats the best baseline / champion" (paired bootstrap, one-sided) */
    readonly alpha: number;
    /** no (non-small) slice's optimizing metric may be worse than this absolute value */
    readonly sliceFloor?: number;
    /** no (non-small) slice may be worse than overall by more than this fraction of the overall value */
    readonly maxSliceDrop: number;
  };
  /** what serving will have */
  readonly serving: {
    /** columns that exist only at training time; they must not be model inputs */
    readonly trainingOnly: readonly string[];
    /** optional sample of serving traffic (absolute path): must contain every model input with compatible types */
    readonly sample?: string;
  };
  /** the fallback for a first release when no previous champion exists: 'heuristic' | 'zero_rule' */
  readonly rollback: { readonly fallback?: 'heuristic' | 'zero_rule' };
  /** probability calibration, fit on trainDev only and chosen on blackbox by log loss ('auto') */
  readonly calibration: CalibrationSetting;
  readonly robustness: RobustnessSpec;
  /** diagnosis at the end of each run: decision table, sanity checks, weak slices, and learning curves (10 refits per learner) */
  readonly diagnose: { readonly learningCurves: boolean };
}

/** Behavioral (CheckList-style) tests declared under `robustness:` in the spec. */
export interface RobustnessSpec {
  /** metric degradation under corruption */
  readonly perturb: readonly PerturbTest[];
  /** changes that must not change the output by more than `tolerance` */
  readonly invariance: readonly InvarianceTest[];
  /** changes that must move the output one way */
  readonly directional: readonly DirectionalTest[];
  /** a behavioral test fails when more than this fraction of rows fail it (default 0.02) */
  readonly maxFailureRate: number;
  /** perturbation tests fail when the optimizing metric degrades by more than this fraction (default 0.05) */
  readonly maxDegradation: number;
}

export type PerturbTest =
  | { readonly kind: 'noise'; readonly name: string; readonly feature: string; readonly noise: number }
  | { readonly kind: 'missing'; readonly name: string; readonly features: readonly string[]; readonly rate: number }
  | { readonly kind: 'unseen'; readonly name: string; readonly feature: string; readonly rate: number };

export interface InvarianceTest {
  readonly name: string;
  readonly feature: string;
  /** max |Δ output| allowed per row */
  readonly tolerance: number;
}

export interface DirectionalTest {
  readonly name: string;
  readonly feature: string;
  /** '+10%', '-5%', '+1', '-2' */
  readonly change: string;
  readonly expect: 'increase' | 'decrease';
  /** |Δ| below this counts as no change (a failure); default 0 */
  readonly tolerance: number;
}

/** `{ metric: fairness_gap, attribute: sex, measure: tpr, max: 0.05 }` */
export interface FairnessConstraint {
  readonly attribute: string;
  readonly measure: 'tpr' | 'fpr' | 'selection_rate' | 'auc';
  readonly max: number;
  readonly split: SplitName;
}
