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
}

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
  };
  /** undefined = infer from the target column */
  readonly task?: Task;
  readonly objective: { readonly optimize: string; readonly constraints: readonly Constraint[] };
  readonly splits: {
    readonly strategy: 'random' | 'stratified';
    readonly seed: number;
    readonly fractions: Readonly<Record<SplitName, number>>;
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
}
