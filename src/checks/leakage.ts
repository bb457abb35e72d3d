// LEAKY_FEATURE: one column that predicts the target far too well on its own (a copy of, or derived from, the label).
import type { Finding } from '../evaluate/findings.ts';
import type { Table } from '../data/table.ts';
import type { Target } from '../data/target.ts';
import { Rng } from '../util/rng.ts';
import { holdout, sampleRows } from './sample.ts';
import { singleFeatureScores, type FeatureScore } from './single-feature.ts';
import { CHECK_LIMITS, LEAK_THRESHOLDS, finding, fmt, round } from './types.ts';

const MEASURE_TEXT = { auc: 'AUC', errorReduction: 'error reduction over the majority class', r2: 'R²' } as const;

/** Score every feature alone on a seeded held-out part of `rows`; report those past the task's thresholds. */
export function checkLeakage(table: Table, featureColumns: readonly string[], target: Target, rows: Int32Array, seed: number): Finding[] {
  if (rows.length < 10 || featureColumns.length === 0) return [];
  const rng = new Rng(seed ^ 0x1ea4);
  const parts = holdout(sampleRows(rows, CHECK_LIMITS.leakRows, rng), CHECK_LIMITS.holdout, rng);
  const scores = singleFeatureScores(table, featureColumns, target, parts);
  return leakyFeatures(scores, target).map((s) => leakFinding(s, scores, target));
}

interface Leak extends FeatureScore {
  readonly rule: 'alone' | 'dominant';
}

/** Features at or past `alone`, or the best one when it is past `dominant` and `margin` above the second best. */
export function leakyFeatures(sorted: readonly FeatureScore[], target: Target): Leak[] {
  const t = LEAK_THRESHOLDS[target.task];
  const valid = sorted.filter((s) => Number.isFinite(s.score));
  const leaks: Leak[] = valid.filter((s) => s.score >= t.alone).map((s) => ({ ...s, rule: 'alone' }));
  const [best, second] = valid;
  if (leaks.length === 0 && best && second && best.score >= t.dominant && best.score - second.score >= t.margin) leaks.push({ ...best, rule: 'dominant' });
  return leaks;
}

function leakFinding(leak: Leak, scores: readonly FeatureScore[], target: Target): Finding {
  const t = LEAK_THRESHOLDS[target.task];
  const others = scores.filter((s) => s.feature !== leak.feature && Number.isFinite(s.score));
  const next = others[0];
  const why = leak.rule === 'alone'
    ? `≥ ${t.alone}`
    : `${fmt(leak.score - next.score)} above the next best ('${next.feature}' ${fmt(next.score)})`;
  const message = `column '${leak.feature}' alone has ${MEASURE_TEXT[t.measure]} ${fmt(leak.score, 3)} on held-out rows (${why}); `
    + `it likely encodes the target or is recorded after the outcome: drop it (data.exclude) unless it is known at prediction time`;
  return finding('LEAKY_FEATURE', message, {
    column: leak.feature, task: target.task, measure: t.measure, score: round(leak.score), rule: leak.rule,
    thresholds: { alone: t.alone, dominant: t.dominant, margin: t.margin },
    scores: scores.slice(0, CHECK_LIMITS.topFeatures).map((s) => ({ feature: s.feature, score: round(s.score) })),
  });
}
