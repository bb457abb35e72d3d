// Single-feature predictive scores (held-out): how well one column alone predicts the target, per task.
import type { Column, Table } from '../data/table.ts';
import type { Target } from '../data/target.ts';
import { rocAucScore } from '../metrics/index.ts';
import type { Holdout } from './sample.ts';
import { quantileCuts, sortedPresent, upperBound } from './quantiles.ts';

export interface FeatureScore {
  readonly feature: string;
  readonly score: number;
}

/** Each feature's score on `parts.evaluate` (statistics fit on `parts.fit`), best first; ties by column order. */
export function singleFeatureScores(table: Table, features: readonly string[], target: Target, parts: Holdout): FeatureScore[] {
  const scores = features.map((name) => {
    const col = table.columns.find((c) => c.name === name)!;
    return { feature: name, score: scoreFeature(col, target, parts) };
  });
  return scores.sort((a, b) => (Number.isNaN(b.score) ? -1 : b.score) - (Number.isNaN(a.score) ? -1 : a.score));
}

export function scoreFeature(col: Column, target: Target, parts: Holdout): number {
  if (target.task === 'binary') return col.kind === 'numeric' ? rawAuc(col.values, target.y, parts.evaluate) : binnedAuc(col, target.y, parts);
  const bins = binsOf(col, parts.fit);
  return target.task === 'multiclass' ? errorReduction(bins, target, parts) : binnedR2(bins, target.y, parts);
}

/** max(AUC, 1 − AUC) of a score per row; missing scores rank lowest. NaN when the rows hold one class. */
function symmetricAuc(y: Float64Array, score: Float64Array): number {
  const auc = rocAucScore(y, score);
  return Number.isNaN(auc) ? NaN : Math.max(auc, 1 - auc);
}

function rawAuc(values: Float64Array, y: Float64Array, rows: Int32Array): number {
  const score = Float64Array.from(rows, (r) => (Number.isNaN(values[r]) ? -Infinity : values[r]));
  return symmetricAuc(gather(y, rows), score);
}

/** The train (fit-part) positive rate of the row's level, smoothed one row toward the prior, as the score. */
function binnedAuc(col: Column, y: Float64Array, parts: Holdout): number {
  const { bin, nBins } = binsOf(col, parts.fit);
  const pos = new Float64Array(nBins);
  const n = new Float64Array(nBins);
  let prior = 0;
  for (const r of parts.fit) { pos[bin[r]] += y[r]; n[bin[r]]++; prior += y[r]; }
  prior /= Math.max(1, parts.fit.length);
  const score = Float64Array.from(parts.evaluate, (r) => (pos[bin[r]] + prior) / (n[bin[r]] + 1));
  return symmetricAuc(gather(y, parts.evaluate), score);
}

interface Bins {
  /** bin of every table row */
  readonly bin: Int32Array;
  readonly nBins: number;
}

/** Categorical: one bin per level plus one for missing. Numeric: quantile bins of the fit rows plus one for missing. */
export function binsOf(col: Column, fitRows: Int32Array): Bins {
  if (col.kind === 'categorical') {
    const missing = col.levels.length;
    return { bin: Int32Array.from(col.codes, (c) => (c < 0 ? missing : c)), nBins: missing + 1 };
  }
  const cuts = quantileCuts(sortedPresent(gather(col.values, fitRows)), Math.min(50, Math.max(5, Math.floor(fitRows.length / 50))));
  const missing = cuts.length + 1;
  return { bin: Int32Array.from(col.values, (v) => (Number.isNaN(v) ? missing : upperBound(cuts, v))), nBins: missing + 1 };
}

/** 1 − err/err₀: the per-bin majority class's held-out error against the overall majority's. */
function errorReduction({ bin, nBins }: Bins, target: Target, parts: Holdout): number {
  const k = target.nClasses;
  const counts = new Float64Array((nBins + 1) * k);
  for (const r of parts.fit) { counts[bin[r] * k + target.y[r]]++; counts[nBins * k + target.y[r]]++; }
  const overall = argmax(counts, nBins * k, k);
  const predicted = Int32Array.from({ length: nBins }, (_, b) => argmax(counts, b * k, k, overall));
  let err = 0;
  let err0 = 0;
  for (const r of parts.evaluate) {
    if (predicted[bin[r]] !== target.y[r]) err++;
    if (overall !== target.y[r]) err0++;
  }
  return err0 === 0 ? 0 : 1 - err / err0;
}

function argmax(counts: Float64Array, at: number, k: number, empty = 0): number {
  let best = -1;
  let most = 0;
  for (let c = 0; c < k; c++) if (counts[at + c] > most) { most = counts[at + c]; best = c; }
  return best < 0 ? empty : best;
}

/** Held-out R² of the per-bin mean (empty bins predict the overall fit mean). */
function binnedR2({ bin, nBins }: Bins, y: Float64Array, parts: Holdout): number {
  const sum = new Float64Array(nBins);
  const n = new Float64Array(nBins);
  let total = 0;
  for (const r of parts.fit) { sum[bin[r]] += y[r]; n[bin[r]]++; total += y[r]; }
  const mean = total / Math.max(1, parts.fit.length);
  let evalMean = 0;
  for (const r of parts.evaluate) evalMean += y[r];
  evalMean /= parts.evaluate.length;
  let sse = 0;
  let sst = 0;
  for (const r of parts.evaluate) {
    const b = bin[r];
    const pred = n[b] > 0 ? sum[b] / n[b] : mean;
    sse += (y[r] - pred) ** 2;
    sst += (y[r] - evalMean) ** 2;
  }
  return sst === 0 ? NaN : 1 - sse / sst;
}

function gather(y: Float64Array, rows: Int32Array): Float64Array {
  return Float64Array.from(rows, (r) => y[r]);
}
