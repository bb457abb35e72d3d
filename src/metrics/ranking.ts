// Ranking metrics (ROC AUC, average precision) by sorting each class's scores natively as Float64Arrays: no index sort, no objects.

import { badBinaryLabel, checkSameLength } from './check.ts';
import { lowerBound } from './quantile.ts';
import type { ResampleScorer } from './types.ts';

/** Scores of the selected rows split by label, each sorted ascending (NaN last). */
interface ClassScores {
  readonly pos: Float64Array;
  readonly neg: Float64Array;
}

function countPositives(y: Float64Array, idx: Int32Array | undefined): number {
  const m = idx === undefined ? y.length : idx.length;
  let positives = 0;
  for (let j = 0; j < m; j++) {
    const r = idx === undefined ? j : idx[j];
    const v = y[r];
    if (v === 1) positives++;
    else if (v !== 0) throw badBinaryLabel(r, v);
  }
  return positives;
}

function scoresByClass(y: Float64Array, p: Float64Array, idx: Int32Array | undefined): ClassScores {
  const m = idx === undefined ? y.length : idx.length;
  const nPos = countPositives(y, idx);
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(m - nPos);
  let a = 0;
  let b = 0;
  for (let j = 0; j < m; j++) {
    const r = idx === undefined ? j : idx[j];
    if (y[r] === 1) pos[a++] = p[r];
    else neg[b++] = p[r];
  }
  // TypedArray#sort without a comparator is a native numeric sort (NaN last, -0 next to +0)
  return { pos: pos.sort(), neg: neg.sort() };
}

function hasNaN(s: ClassScores): boolean {
  return Number.isNaN(s.pos[s.pos.length - 1]) || Number.isNaN(s.neg[s.neg.length - 1]);
}

/**
 * Mann-Whitney U over sorted class scores: each positive counts the negatives scored below it plus
 * half of those tied with it. This equals sklearn's trapezoidal ROC AUC, tied groups included; all
 * terms are integers or halves, so the sum is exact and only the final division rounds.
 */
function aucFromSorted({ pos, neg }: ClassScores): number {
  let u = 0;
  let below = 0;
  let i = 0;
  while (i < pos.length) {
    const s = pos[i];
    let tiedPos = 0;
    while (i < pos.length && pos[i] === s) { tiedPos++; i++; }
    while (below < neg.length && neg[below] < s) below++;
    let tiedNeg = 0;
    while (below + tiedNeg < neg.length && neg[below + tiedNeg] === s) tiedNeg++;
    u += tiedPos * (below + 0.5 * tiedNeg);
  }
  return u / (pos.length * neg.length);
}

/**
 * Area under the ROC curve of P(class 1) scores, O(n log n), ties averaged exactly as sklearn.
 * NaN when the rows hold a single class (AUC is undefined; sklearn raises) or a NaN score.
 */
export function rocAucScore(y: Float64Array, p: Float64Array, idx?: Int32Array): number {
  checkSameLength(y, p, 'p');
  const scores = scoresByClass(y, p, idx);
  if (scores.pos.length === 0 || scores.neg.length === 0 || hasNaN(scores)) return NaN;
  return aucFromSorted(scores);
}

/** Distinct non-NaN values of `p`, ascending. */
function distinctSorted(p: Float64Array): Float64Array {
  const sorted = p.slice().sort();
  let g = 0;
  for (let i = 0; i < sorted.length && !Number.isNaN(sorted[i]); i++) {
    if (g === 0 || sorted[i] !== sorted[g - 1]) sorted[g++] = sorted[i];
  }
  return sorted.subarray(0, g);
}

/** Each row's tie group: the rank of its score among the distinct scores (-1 for NaN). */
function scoreLevels(p: Float64Array, levels: Float64Array): Int32Array {
  const level = new Int32Array(p.length);
  for (let i = 0; i < p.length; i++) level[i] = Number.isNaN(p[i]) ? -1 : lowerBound(levels, p[i]);
  return level;
}

/**
 * Bootstrap form of rocAucScore: ranks the scores once, then scores each resample in O(n + distinct
 * scores) by counting the resampled rows per tie group. Agrees exactly with rocAucScore(y, p, idx).
 */
function prepareRocAuc(y: Float64Array, p: Float64Array): ResampleScorer {
  checkSameLength(y, p, 'p');
  const levels = distinctSorted(p);
  const level = scoreLevels(p, levels);
  // negatives then positives of each tie group, interleaved: one cache line per resampled row
  const counts = new Int32Array(2 * levels.length);
  return (idx) => {
    counts.fill(0);
    for (let j = 0; j < idx.length; j++) {
      const r = idx[j];
      const v = y[r];
      if (v !== 0 && v !== 1) throw badBinaryLabel(r, v);
      if (level[r] < 0) return NaN;
      counts[2 * level[r] + v]++;
    }
    return aucFromCounts(counts);
  };
}

function aucFromCounts(counts: Int32Array): number {
  let u = 0;
  let below = 0;
  let nPos = 0;
  for (let g = 0; g < counts.length; g += 2) {
    const neg = counts[g];
    const pos = counts[g + 1];
    u += pos * (below + 0.5 * neg);
    below += neg;
    nPos += pos;
  }
  return nPos === 0 || below === 0 ? NaN : u / (nPos * below);
}

rocAucScore.prepare = prepareRocAuc;

/**
 * sklearn's average_precision_score ("pr_auc"): Σ over distinct thresholds, descending, of
 * (recall gained) × precision at that threshold. NaN when the rows hold no positive (sklearn
 * warns and returns 0) or a NaN score.
 */
export function averagePrecisionScore(y: Float64Array, p: Float64Array, idx?: Int32Array): number {
  checkSameLength(y, p, 'p');
  const scores = scoresByClass(y, p, idx);
  if (scores.pos.length === 0 || hasNaN(scores)) return NaN;
  return apFromSorted(scores);
}

function apFromSorted({ pos, neg }: ClassScores): number {
  let i = pos.length - 1;
  let j = neg.length - 1;
  let tp = 0;
  let fp = 0;
  let sum = 0;
  while (i >= 0) {
    const t = j >= 0 && neg[j] > pos[i] ? neg[j] : pos[i];
    let gained = 0;
    while (i >= 0 && pos[i] === t) { gained++; i--; }
    while (j >= 0 && neg[j] === t) { fp++; j--; }
    tp += gained;
    if (gained > 0) sum += gained * (tp / (tp + fp));
  }
  return sum / pos.length;
}
