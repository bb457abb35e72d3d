// Per-group fairness measures at the 0.5 threshold (tpr, fpr, selection rate) and AUC, on full data or a resample.
import { rocAucScore } from '../metrics/index.ts';
import { THRESHOLD } from '../metrics/types.ts';

export type FairnessMeasure = 'tpr' | 'fpr' | 'selection_rate' | 'auc';

/** A measure over one group's rows: all of them (no idx) or a resample of them (idx, repeats allowed); NaN when undefined. */
export type GroupScorer = (idx?: Int32Array) => number;

/** The rows a measure is computed over: positives for tpr, negatives for fpr, every row otherwise. */
export function supportOf(measure: FairnessMeasure, y: Float64Array): number {
  if (measure === 'tpr') return y.reduce((s, v) => s + (v === 1 ? 1 : 0), 0);
  if (measure === 'fpr') return y.reduce((s, v) => s + (v === 0 ? 1 : 0), 0);
  return y.length;
}

export function scorerFor(measure: FairnessMeasure, y: Float64Array, p: Float64Array): GroupScorer {
  if (measure === 'auc') {
    const resampled = rocAucScore.prepare(y, p);
    return (idx) => (idx === undefined ? rocAucScore(y, p) : resampled(idx));
  }
  // tpr: selected among y = 1; fpr: selected among y = 0; selection_rate: selected among all rows
  const among = measure === 'tpr' ? 1 : measure === 'fpr' ? 0 : -1;
  return (idx) => {
    let rows = 0;
    let selected = 0;
    const m = idx === undefined ? y.length : idx.length;
    for (let j = 0; j < m; j++) {
      const r = idx === undefined ? j : idx[j];
      if (among >= 0 && y[r] !== among) continue;
      rows++;
      if (p[r] > THRESHOLD) selected++;
    }
    return rows ? selected / rows : NaN;
  };
}
