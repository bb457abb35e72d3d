// Quantile binning on a row subsample: per-feature bin upper bounds (numeric) or code→bin maps (categorical), plus a missing bin.
import { Rng } from '../../util/rng.ts';
import { sortFloat64 } from '../../util/sort.ts';
import type { Matrix } from '../types.ts';

/** Rows used to find bin boundaries (LightGBM's bin_construct_sample_cnt). */
export const BIN_SAMPLE_ROWS = 200_000;

export interface FeatureBins {
  readonly categorical: boolean;
  /** non-missing bins; the missing bin is `nBins` */
  readonly nBins: number;
  /** numeric: bin k holds x <= upper[k] (and > upper[k-1]); the last bound is +Infinity */
  readonly upper: Float64Array;
  /** categorical: bin of each code 0..levels-1 */
  readonly codeToBin: Int32Array;
  readonly levels: number;
}

export interface BinMapper {
  readonly features: readonly FeatureBins[];
  /** first histogram bin of each feature; feature f spans nBins+1 bins (the last one is missing) */
  readonly offsets: Int32Array;
  readonly totalBins: number;
}

/** Find bin boundaries for every feature of X from a seeded row sample. */
export function fitBinMapper(X: Matrix, maxBin: number, seed: number): BinMapper {
  const sample = sampleRows(X.nRows, BIN_SAMPLE_ROWS, seed);
  const features = X.features.map((info, j) => info.kind === 'categorical'
    ? categoricalBins(X.columns[j], maxBin, info.levels)
    : numericBins(X.columns[j], sample, maxBin));
  const offsets = new Int32Array(features.length);
  let total = 0;
  features.forEach((f, j) => { offsets[j] = total; total += f.nBins + 1; });
  return { features, offsets, totalBins: total };
}

/** Sorted sample of row indices (all rows when n <= size). */
export function sampleRows(n: number, size: number, seed: number): Uint32Array {
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  if (n <= size) return all;
  const rng = new Rng(seed ^ 0x5bd1e995);
  for (let i = 0; i < size; i++) {
    const j = i + rng.int(n - i);
    const t = all[i]; all[i] = all[j]; all[j] = t;
  }
  return all.subarray(0, size).sort();
}

function numericBins(col: Float64Array, sample: Uint32Array, maxBin: number): FeatureBins {
  const vals = new Float64Array(sample.length);
  let m = 0;
  for (let i = 0; i < sample.length; i++) {
    const v = col[sample[i]];
    if (v === v) vals[m++] = v;
  }
  const sorted = sortFloat64(vals.subarray(0, m));
  const upper = boundsFromSorted(sorted, maxBin);
  return { categorical: false, nBins: upper.length, upper, codeToBin: new Int32Array(0), levels: 0 };
}

/** Upper bounds: midpoints between distinct values, or between quantile cut values when there are too many. */
export function boundsFromSorted(sorted: Float64Array, maxBin: number): Float64Array {
  const m = sorted.length;
  const out: number[] = [];
  if (m > 0) {
    const distinct = countDistinct(sorted);
    const cuts = distinct <= maxBin ? distinct - 1 : maxBin - 1;
    let prevPos = 0;
    for (let k = 1; k <= cuts; k++) {
      let last: number;
      if (distinct <= maxBin) {
        last = upperBound(sorted, sorted[prevPos], prevPos) - 1;
      } else {
        last = Math.max(prevPos, Math.floor((k * m) / maxBin) - 1);
        last = upperBound(sorted, sorted[last], last) - 1;
      }
      const next = last + 1;
      if (next >= m) break;
      out.push(midpoint(sorted[last], sorted[next]));
      prevPos = next;
    }
  }
  out.push(Infinity);
  return Float64Array.from(out);
}

function countDistinct(sorted: Float64Array): number {
  let d = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) d++;
  return d;
}

/** first index >= from whose value is > v */
function upperBound(a: Float64Array, v: number, from: number): number {
  let lo = from, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= v) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** a value m with a <= m < b */
function midpoint(a: number, b: number): number {
  const m = a + (b - a) / 2;
  return m < b && m >= a ? m : a;
}

function categoricalBins(col: Float64Array, maxBin: number, levelsGiven?: number): FeatureBins {
  let levels = levelsGiven ?? 0;
  if (!levelsGiven) for (let i = 0; i < col.length; i++) if (col[i] + 1 > levels && Number.isInteger(col[i])) levels = col[i] + 1;
  const codeToBin = new Int32Array(levels);
  if (levels <= maxBin) {
    for (let c = 0; c < levels; c++) codeToBin[c] = c;
    return { categorical: true, nBins: Math.max(levels, 1), upper: new Float64Array(0), codeToBin, levels };
  }
  // too many levels: the maxBin-1 most frequent codes get their own bin, the rest share the last one
  const counts = new Float64Array(levels);
  for (let i = 0; i < col.length; i++) { const c = col[i]; if (c >= 0 && c < levels && Number.isInteger(c)) counts[c]++; }
  const order = Array.from({ length: levels }, (_, c) => c).sort((a, b) => counts[b] - counts[a] || a - b);
  codeToBin.fill(maxBin - 1);
  for (let r = 0; r < maxBin - 1; r++) codeToBin[order[r]] = r;
  return { categorical: true, nBins: maxBin, upper: new Float64Array(0), codeToBin, levels };
}

/** Bin of value x for feature fb (the missing bin for NaN or an unknown code). */
export function binOf(fb: FeatureBins, x: number): number {
  if (fb.categorical) {
    return x >= 0 && x < fb.levels && Number.isInteger(x) ? fb.codeToBin[x] : fb.nBins;
  }
  if (x !== x) return fb.nBins;
  const u = fb.upper;
  let lo = 0, hi = u.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u[mid] >= x) hi = mid; else lo = mid + 1;
  }
  return lo;
}

/** Bin one feature's values into `out`. */
export function binColumn(fb: FeatureBins, col: Float64Array, out: Uint8Array): void {
  if (fb.categorical) {
    for (let i = 0; i < col.length; i++) out[i] = binOf(fb, col[i]);
  } else {
    numericCodes(fb, col, out);
  }
}

/** Cells of the uniform grid that jump-starts the bin search (see numericCodes). */
const GRID_CELLS = 4096;

/**
 * Numeric codes via a uniform grid over the finite bounds: each cell stores the bin of its left edge, then a short
 * scan finds the exact bin (x <= upper[bin]). Avoids a mispredicted binary search per value.
 */
function numericCodes(fb: FeatureBins, col: Float64Array, out: Uint8Array): void {
  const u = fb.upper, missing = fb.nBins, last = u.length - 1;
  if (last === 0) {
    for (let i = 0; i < col.length; i++) out[i] = col[i] === col[i] ? 0 : missing;
    return;
  }
  const a = u[0], b = u[last - 1];
  const scale = b > a ? GRID_CELLS / (b - a) : 0;
  const cellBin = new Uint8Array(GRID_CELLS + 1);
  for (let c = 0, bin = 0; c <= GRID_CELLS; c++) {
    const edge = a + c / (scale || 1);
    while (bin < last && u[bin] < edge) bin++;
    cellBin[c] = bin;
  }
  for (let i = 0; i < col.length; i++) {
    const x = col[i];
    if (x !== x) { out[i] = missing; continue; }
    if (x <= a) { out[i] = 0; continue; }
    if (x > b) { out[i] = last; continue; }
    let bin = cellBin[Math.floor((x - a) * scale)];
    while (bin > 0 && u[bin - 1] >= x) bin--;
    while (u[bin] < x) bin++;
    out[i] = bin;
  }
}
