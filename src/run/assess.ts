// Assessments beyond metrics: fairness gaps per model, and for the selected model behavioral tests and findings.
import { takeRows, type Table } from '../data/table.ts';
import type { Splits } from '../data/splits.ts';
import type { Target } from '../data/target.ts';
import type { Spec, SplitName, FairnessConstraint } from '../spec/types.ts';
import { fairnessGap, groupsOf } from '../fairness/index.ts';
import { runBehavioralTests, resultJson } from '../robustness/index.ts';
import type { Finding } from '../evaluate/findings.ts';
import type { ModelEval } from '../evaluate/document.ts';
import type { Trained } from './train.ts';
import type { Json } from '../track/types.ts';

export interface FairnessOutcome {
  /** `fairness_gap#i` → gap, for checkConstraints */
  readonly extra: Record<string, number>;
  readonly results: Json[];
  readonly findings: Finding[];
}

/** Every fairness_gap constraint measured on its split for one model's predictions (split-local arrays). */
export function assessFairness(spec: Spec, table: Table, target: Target, splits: Splits, preds: Partial<Record<SplitName, Float64Array>>, seed: number): FairnessOutcome {
  const out: FairnessOutcome = { extra: {}, results: [], findings: [] };
  spec.objective.constraints.forEach((c, i) => {
    if (c.metric !== 'fairness_gap' || target.task !== 'binary') return;
    const p = preds[c.split];
    if (!p) return;
    const rows = splits.rows[c.split];
    const fc: FairnessConstraint = { attribute: c.attribute!, measure: c.measure!, max: c.max!, split: c.split };
    const r = fairnessGap(fc, { y: Float64Array.from(rows, (row) => target.y[row]), p, groups: groupsOf(takeRows(table, rows), fc.attribute), seed, resamples: spec.evaluation.bootstrap });
    out.extra[`fairness_gap#${i}`] = r.gap;
    out.results.push(JSON.parse(JSON.stringify(r)) as Json);
    if (r.finding) out.findings.push(r.finding);
  });
  return out;
}

/** Behavioral tests of the selected model: rates on blackbox, failing examples from eyeball only. */
export function assessRobustness(spec: Spec, t: Trained, table: Table, target: Target, splits: Splits, optimize: string): { results: Json[]; findings: Finding[] } {
  const r = spec.robustness;
  if (!r.perturb.length && !r.invariance.length && !r.directional.length) return { results: [], findings: [] };
  const report = runBehavioralTests(r, {
    model: t.model, pipeline: t.pipeline, task: target.task, nClasses: target.nClasses, optimize,
    metricTable: takeRows(table, splits.rows.blackbox), metricY: Float64Array.from(splits.rows.blackbox, (row) => target.y[row]),
    eyeball: takeRows(table, splits.rows.eyeball), eyeballRowIds: splits.rows.eyeball, seed: spec.seed, resamples: spec.evaluation.bootstrap,
  });
  return { results: report.results.map(resultJson), findings: [...report.findings] };
}

/** MISCALIBRATED when the selected model's blackbox ECE exceeds the `ece` constraint. */
export function calibrationFindings(spec: Spec, m: ModelEval): Finding[] {
  const c = spec.objective.constraints.find((x) => x.metric === 'ece' && x.max !== undefined);
  const ece = m.splits[c?.split ?? 'blackbox']?.metrics.ece;
  if (!c || ece === undefined || !(ece > c.max!)) return [];
  return [{
    code: 'MISCALIBRATED', severity: 'error',
    message: `${m.name}: ECE ${ece.toFixed(4)} on ${c.split} exceeds the constraint max ${c.max} (calibration: ${m.calibration?.chosen ?? 'none'}); try calibration: platt or isotonic, or more trainDev rows`,
    evidence: { model: m.name, split: c.split, ece, max: c.max!, calibration: (m.calibration ?? null) as unknown as Json },
  }];
}
