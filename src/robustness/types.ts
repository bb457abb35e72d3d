// Behavioral test contracts: what runBehavioralTests needs (a fitted model, its pipeline, two raw tables) and what it returns.
import type { Table } from '../data/table.ts';
import type { Finding } from '../evaluate/findings.ts';
import type { FittedPipeline } from '../features/pipeline.ts';
import type { Model, Task } from '../learners/types.ts';
import type { Json } from '../track/types.ts';

export type BehavioralKind = 'noise' | 'missing' | 'unseen' | 'invariance' | 'directional';

export interface BehavioralContext {
  readonly model: Model;
  /** fitted on train; numeric inputs' train `std` scales the noise */
  readonly pipeline: FittedPipeline;
  readonly task: Task;
  readonly nClasses: number;
  /** the optimizing metric (perturbation tests report it clean vs perturbed) */
  readonly optimize: string;
  /** blackbox rows, raw columns: every failure rate and metric is measured here */
  readonly metricTable: Table;
  readonly metricY: Float64Array;
  /** eyeball rows, raw columns: the only rows shown as examples */
  readonly eyeball: Table;
  /** data row number of each eyeball row */
  readonly eyeballRowIds: Int32Array;
  readonly seed: number;
  /** bootstrap resamples for the degradation interval (default 1000) */
  readonly resamples?: number;
}

/** One model output: a number (binary P(1), regression value) or the k class probabilities (multiclass). */
export type Output = number | number[];

/** A failing eyeball row: its raw model inputs, the changed cells, and the output before and after. */
export interface BehavioralExample {
  /** data row number (eyeball split) */
  readonly row: number;
  /** every model input of the row, raw */
  readonly before: Record<string, number | string | null>;
  /** the changed inputs only, raw */
  readonly after: Record<string, number | string | null>;
  readonly outputBefore: Output;
  readonly outputAfter: Output;
}

/**
 * One behavioral test's outcome, measured on the metric (blackbox) table.
 * - invariance / directional: `failures` of `rows` tested rows (rows whose feature was missing, or
 *   left unchanged by the change, are `skipped`); `ci` is the Wilson 95% interval of `failureRate`;
 *   passed = failureRate ≤ maxFailureRate.
 * - perturbation (noise / missing / unseen): `failures` and `failureRate` are null; `ci` is the
 *   paired-bootstrap 95% interval of `degradation`; passed = degradation ≤ maxDegradation.
 * A test that cannot apply (directional on a multiclass model, no row to change, undefined metric)
 * has `notApplicable` set and passed = true: it is reported, not counted against the model.
 */
export interface BehavioralResult {
  readonly name: string;
  readonly kind: BehavioralKind;
  readonly features: readonly string[];
  /** what was done, in words (e.g. "income × 1.1", "region swapped to another train level") */
  readonly change: string;
  /** invariance / directional: the |Δ output| that counts as no change */
  readonly tolerance?: number;
  readonly rows: number;
  readonly skipped: number;
  readonly failures: number | null;
  readonly failureRate: number | null;
  readonly ci: readonly [number, number];
  /** maxFailureRate or maxDegradation, whichever the test is judged by */
  readonly threshold: number;
  readonly passed: boolean;
  readonly notApplicable?: string;
  readonly metric?: string;
  readonly metricClean?: number;
  readonly metricPerturbed?: number;
  /** fraction of the clean metric lost (direction-aware: positive = worse) */
  readonly degradation?: number;
  /** perturbation tests: metric-table rows with at least one corrupted cell */
  readonly changedRows?: number;
  /** up to 5 failing eyeball rows (perturbation tests: the eyeball rows whose output moved most) */
  readonly examples: readonly BehavioralExample[];
}

export interface BehavioralReport {
  readonly results: readonly BehavioralResult[];
  readonly findings: readonly Finding[];
}

/** A result as a JSON value for the evaluation document (NaN becomes null). */
export function resultJson(r: BehavioralResult): Json {
  return JSON.parse(JSON.stringify(r)) as Json;
}
