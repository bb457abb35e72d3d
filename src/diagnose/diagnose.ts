// The whole diagnosis of a finished run: decision table, learning curves, sanity checks and weak slices, as one versioned document.
import type { Finding } from '../evaluate/findings.ts';
import { diagnoseRun, type DecisionTable } from './decision-table.ts';
import { DEFAULT_FRACTIONS, learningCurves, type LearningCurve } from './learning-curves.ts';
import { sanityChecks, type SanityReport } from './sanity.ts';
import { blackboxWeakSlices } from './review-export.ts';
import type { WeakSliceResult } from './weak-slices.ts';
import { learnerEntry, learnerNames, seedOf, selectedName, type RunView } from './run-view.ts';

export const DIAGNOSIS_FORMAT = 'gauntlet-diagnosis';
export const DIAGNOSIS_VERSION = 1;

export interface Diagnosis {
  readonly format: typeof DIAGNOSIS_FORMAT;
  readonly version: typeof DIAGNOSIS_VERSION;
  readonly runId: string | null;
  readonly createdAt: string;
  /** the run's optimizing metric; every error is on its error scale */
  readonly metric: string;
  /** the model the decision table and weak slices are about */
  readonly model: string;
  readonly decision: DecisionTable;
  /** one per learner model; empty when curves were not requested */
  readonly learningCurves: readonly LearningCurve[];
  /** one per learner model */
  readonly sanity: readonly SanityReport[];
  /** the model's errors on blackbox, searched for weak slices (statistics only) */
  readonly weakSlices: (WeakSliceResult & { readonly model: string; readonly split: 'blackbox' }) | null;
  /** every finding above, in that order */
  readonly findings: readonly Finding[];
}

export interface DiagnoseOptions {
  /** learning curves (refits each learner ten times); default true */
  readonly curves?: boolean;
  readonly fractions?: readonly number[];
  readonly seed?: number;
  readonly onProgress?: (message: string) => void;
}

export async function diagnose(view: RunView, opts: DiagnoseOptions = {}): Promise<Diagnosis> {
  const log = opts.onProgress ?? (() => {});
  const seed = opts.seed ?? seedOf(view);
  const model = selectedName(view);
  const decision = diagnoseRun(view.evaluation, { human: view.spec?.baselines.human ?? view.evaluation.human, model });
  const names = learnerNames(view);
  const curves: LearningCurve[] = [];
  for (const name of opts.curves === false ? [] : names) {
    log(`learning curve of ${name}…`);
    curves.push(await learningCurves(view, name, opts.fractions ?? DEFAULT_FRACTIONS, seed));
  }
  const sanity: SanityReport[] = [];
  for (const name of names) {
    log(`sanity checks of ${name}…`);
    sanity.push(await sanityChecks(view, name, { seed }));
  }
  log(`weak slices of ${model} on blackbox…`);
  const weak = names.includes(model) ? { ...blackboxWeakSlices(view, learnerEntry(view, model)), model, split: 'blackbox' as const } : null;
  const findings = [...decision.findings, ...sanity.flatMap((s) => s.findings), ...(weak?.findings ?? [])];
  return {
    format: DIAGNOSIS_FORMAT, version: DIAGNOSIS_VERSION, runId: view.run?.id ?? null, createdAt: new Date().toISOString(),
    metric: view.evaluation.optimize, model, decision, learningCurves: curves, sanity, weakSlices: weak, findings,
  };
}
