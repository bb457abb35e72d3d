// Bootstrap scorers over rows in score order: AUC and average precision from per-row draw counts in one sequential pass, other metrics from sorted rows.
import type { Task } from '../learners/types.ts';
import { metricFn } from '../metrics/index.ts';
import { LOCAL_ROWS } from './kernels/constants.ts';
import { inKernels, type ResampleKernels } from './kernels/index.ts';
import type { RankIndex } from './parallel-rank.ts';

/**
 * Scores one resample given how often each row was drawn and, on demand, the drawn rows in
 * ascending order. On every resample it returns exactly metric(y, pred, rows, nClasses) for the
 * arrays it was built on: the counting forms below only change how the same exact sums are formed.
 */
export type CountScorer = (counts: Uint8Array, rows: () => Int32Array) => number;

function anyDrawnFrom(counts: Uint8Array, start: number): boolean {
  for (let r = start; r < counts.length; r++) if (counts[r] > 0) return true;
  return false;
}

/** Mann-Whitney U with tie groups: the positives drawn in a group count the negatives drawn below it plus half of those tied with it. */
function uTied(counts: Uint8Array, { pos, first, nanStart }: RankIndex): [u: number, nPos: number, nNeg: number] {
  let u = 0, below = 0, nPos = 0, gPos = 0, gNeg = 0;
  for (let r = 0; r < nanStart; r++) {
    if (first[r] === 1) {
      u += gPos * (below + 0.5 * gNeg);
      below += gNeg; nPos += gPos; gPos = 0; gNeg = 0;
    }
    const c = counts[r], cp = c * pos[r];
    gPos += cp; gNeg += c - cp;
  }
  return [u + gPos * (below + 0.5 * gNeg), nPos + gPos, below + gNeg];
}


/**
 * The same U when no two scores tie: each drawn positive counts the negatives drawn below it. Sums
 * run per 4096 rows on block-local counts (small integers: integer adds, not a chain of float adds),
 * then U gains the block's positives × the negatives below the block. All terms are integers, exact.
 */
function uDistinct(counts: Uint8Array, { pos, nanStart }: RankIndex): [u: number, nPos: number, nNeg: number] {
  let u = 0, below = 0, nPos = 0;
  for (let start = 0; start < nanStart; start += LOCAL_ROWS) {
    const end = Math.min(nanStart, start + LOCAL_ROWS);
    let uLocal = 0, negLocal = 0, posLocal = 0;
    for (let r = start; r < end; r++) {
      const c = counts[r], cp = c * pos[r];
      uLocal += cp * negLocal; negLocal += c - cp; posLocal += cp;
    }
    u += uLocal + posLocal * below;
    below += negLocal; nPos += posLocal;
  }
  return [u, nPos, below];
}

/** uDistinct in WebAssembly, on counts in the kernels' memory (the positive flags are copied there once). */
function uDistinctKernel(k: ResampleKernels, rank: RankIndex): (counts: Uint8Array, rank: RankIndex) => [number, number, number] {
  k.pos.set(rank.pos);
  return (counts, r) => {
    if (!inKernels(k, counts)) return uDistinct(counts, r);
    k.exports.u_distinct(counts.byteOffset, k.pos.byteOffset, r.nanStart, k.out.byteOffset);
    return [k.out[0], k.out[1], k.out[2]];
  };
}

/**
 * ROC AUC of a resample of rows sorted by score, from draw counts, as rocAucScore computes it: every
 * term of U is an integer or a half, so the sum is exact and the value identical. With the bootstrap
 * kernels, the pass without ties runs in WebAssembly (the same integer sums).
 */
export function countingAuc(rank: RankIndex, kernels: ResampleKernels | null = null): CountScorer {
  const mannWhitney = rank.ties ? uTied : kernels ? uDistinctKernel(kernels, rank) : uDistinct;
  return (counts) => {
    if (anyDrawnFrom(counts, rank.nanStart)) return NaN;
    const [u, nPos, nNeg] = mannWhitney(counts, rank);
    return nPos === 0 || nNeg === 0 ? NaN : u / (nPos * nNeg);
  };
}

/**
 * Average precision of a resample of rows sorted by score: tie groups from the top down, adding
 * (positives gained) × precision at each threshold in the same order and with the same operations
 * as averagePrecisionScore, hence the same value.
 */
export function countingAveragePrecision({ pos, first, nanStart }: RankIndex): CountScorer {
  return (counts) => {
    if (anyDrawnFrom(counts, nanStart)) return NaN;
    let tp = 0, fp = 0, sum = 0, gPos = 0, gNeg = 0;
    for (let r = nanStart - 1; r >= 0; r--) {
      const c = counts[r], cp = c * pos[r];
      gPos += cp; gNeg += c - cp;
      if (first[r] === 1) {
        fp += gNeg; tp += gPos;
        if (gPos > 0) sum += gPos * (tp / (tp + fp));
        gPos = 0; gNeg = 0;
      }
    }
    return tp === 0 ? NaN : sum / tp;
  };
}

/** Any metric on the sorted drawn rows, through its own resample precomputation when it has one. */
function rowScorer(name: string, task: Task, y: Float64Array, pred: Float64Array, nClasses: number): CountScorer {
  const metric = metricFn(name, task);
  const score = metric.prepare?.(y, pred, nClasses) ?? ((idx: Int32Array) => metric(y, pred, idx, nClasses));
  return (_counts, rows) => score(rows());
}

/** One scorer per name, over `y`/`pred` (binary: rows sorted by score, described by `rank`). */
export function countScorers(names: readonly string[], task: Task, y: Float64Array, pred: Float64Array, nClasses: number, rank?: RankIndex, kernels: ResampleKernels | null = null): CountScorer[] {
  return names.map((name) => {
    if (rank !== undefined && name === 'auc') return countingAuc(rank, kernels);
    if (rank !== undefined && name === 'pr_auc') return countingAveragePrecision(rank);
    return rowScorer(name, task, y, pred, nClasses);
  });
}

