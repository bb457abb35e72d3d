// The evaluation document: one versioned JSON record of every model on every split, the selection and the comparison.
import type { Params, Task } from '../learners/types.ts';
import type { SplitName, Constraint } from '../spec/types.ts';
import type { SplitEval } from './evaluate.ts';
import type { ServingEval } from './serving.ts';
import type { Finding } from './findings.ts';
import type { Json } from '../track/types.ts';

export const EVALUATION_FORMAT = 'gauntlet-evaluation';
export const EVALUATION_VERSION = 1;

export interface ConstraintResult {
  readonly metric: string;
  readonly split: SplitName;
  readonly max?: number;
  readonly min?: number;
  /** NaN when the model has no such figure (e.g. latency of a baseline) */
  readonly value: number;
  readonly pass: boolean;
}

export interface ModelEval {
  readonly name: string;
  readonly kind: 'baseline' | 'learner';
  readonly learner: string;
  readonly params: Params;
  readonly splits: Partial<Record<SplitName, SplitEval>>;
  readonly serving?: ServingEval;
  readonly constraints: readonly ConstraintResult[];
  readonly fitSeconds?: number;
  readonly iterations?: number;
  readonly featureSetVersion?: string;
  readonly importance?: Record<string, Record<string, number>>;
  readonly note?: string;
  /** probability calibration: the method used (fit on trainDev, chosen on blackbox) and what was compared */
  readonly calibration?: { readonly chosen: string; readonly setting: string; readonly candidates: readonly { method: string; logloss: number; ece: number }[] };
  /** fairness gaps measured for fairness_gap constraints */
  readonly fairness?: readonly Json[];
}

export interface Comparison {
  readonly model: string;
  readonly baseline: string;
  readonly metric: string;
  readonly split: SplitName;
  /** model − baseline (positive = model better when higher is better) */
  readonly delta: number;
  readonly low: number;
  readonly high: number;
  readonly pValue: number;
  readonly significant: boolean;
}

export interface Evaluation {
  readonly format: typeof EVALUATION_FORMAT;
  readonly version: typeof EVALUATION_VERSION;
  readonly task: Task;
  readonly target: string;
  readonly classes: readonly string[];
  readonly optimize: string;
  readonly higherIsBetter: boolean;
  readonly constraints: readonly Constraint[];
  readonly successHash: string;
  readonly splitSizes: Readonly<Record<SplitName, number>>;
  readonly human?: Readonly<Record<string, number>>;
  readonly models: readonly ModelEval[];
  readonly selected: { readonly name: string; readonly reason: string; readonly constraintsMet: boolean } | null;
  readonly comparison: Comparison | null;
  /** behavioral tests of the selected model (perturbation, invariance, directional) */
  readonly robustness?: readonly Json[];
  /** every finding of the evaluation (MISCALIBRATED, FAIRNESS_GAP, SIMPSONS_PARADOX, robustness codes) */
  readonly findings: readonly Finding[];
}

/** Check one model's measured figures against the constraints. */
export function checkConstraints(constraints: readonly Constraint[], splits: ModelEval['splits'], serving: Record<string, number>, extra: Record<string, number> = {}): ConstraintResult[] {
  return constraints.map((c, i) => {
    const value = c.metric === 'fairness_gap' ? (extra[`fairness_gap#${i}`] ?? NaN) : (serving[c.metric] ?? splits[c.split]?.metrics[c.metric] ?? NaN);
    const pass = Number.isFinite(value) && (c.max === undefined || value <= c.max) && (c.min === undefined || value >= c.min);
    return { metric: c.metric, split: c.split, max: c.max, min: c.min, value, pass };
  });
}

/** Every (model, split, slice, metric) value of an evaluation as store rows: what runs log and reproduce compares. */
export function metricRowsOf(models: readonly ModelEval[]): { model: string; split: string; metric: string; value: number; slice?: string }[] {
  return models.flatMap((m) => Object.entries(m.splits).flatMap(([split, e]) => [
    ...Object.entries(e!.metrics).map(([metric, value]) => ({ model: m.name, split, metric, value })),
    ...e!.slices.flatMap((s) => Object.entries(s.metrics).map(([metric, value]) => ({ model: m.name, split, metric, value, slice: s.name }))),
  ]));
}
