// Calibration of P(class 1): expected calibration error (positive-class and top-label) and reliability-diagram bins.

import { BadInputError } from '../util/errors.ts';
import { badBinaryLabel, checkSameLength } from './check.ts';
import { lowerBound, quantileSorted } from './quantile.ts';
import { THRESHOLD } from './types.ts';

/**
 * 'uniform': B equal-width bins on [0, 1], bin = min(floor(B·p), B − 1) (REFERENCE.md).
 * 'quantile': edges at the 0, 1/B, …, 1 quantiles of the scored predictions (numpy's linear
 * quantile); a prediction equal to an edge falls in the lower bin, as sklearn's calibration_curve.
 */
export type BinStrategy = 'uniform' | 'quantile';

export interface CalibrationOptions {
  /** number of bins (default 15) */
  readonly bins?: number;
  /** default 'uniform' */
  readonly strategy?: BinStrategy;
  /** rows to score (a resample); default every row */
  readonly idx?: Int32Array;
}

/** One reliability-diagram bin; the means are NaN for an empty bin. */
export interface ReliabilityBin {
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
  readonly meanPredicted: number;
  readonly fractionPositive: number;
}

/** Per-bin sums. `x` is the binned prediction, `o` the outcome it predicts. */
interface BinSums {
  readonly edges: Float64Array;
  readonly count: Float64Array;
  readonly sumX: Float64Array;
  readonly sumO: Float64Array;
  readonly total: number;
  /** a NaN prediction was met: the error is undefined */
  readonly invalid: boolean;
}

const DEFAULT_BINS = 15;

function resolveBins(options: CalibrationOptions): number {
  const bins = options.bins ?? DEFAULT_BINS;
  if (!Number.isInteger(bins) || bins < 1) throw new BadInputError(`\`bins\` must be an integer >= 1, but got ${bins}`);
  const strategy = options.strategy ?? 'uniform';
  if (strategy !== 'uniform' && strategy !== 'quantile') {
    throw new BadInputError(`\`strategy\` must be 'uniform' or 'quantile', but got '${String(strategy)}'`);
  }
  return bins;
}

/** The value binned: P(class 1), or for top-label calibration the confidence max(p, 1 − p). */
function binnedValue(p: number, top: boolean): number {
  return top ? Math.max(p, 1 - p) : p;
}

/** The outcome it predicts: the label, or for top-label calibration whether the predicted label is right. */
function outcome(y: Float64Array, r: number, p: number, top: boolean): number {
  const v = y[r];
  if (v !== 0 && v !== 1) throw badBinaryLabel(r, v);
  if (!top) return v;
  return (p > THRESHOLD ? 1 : 0) === v ? 1 : 0;
}

function uniformEdges(bins: number): Float64Array {
  const edges = new Float64Array(bins + 1);
  for (let b = 0; b <= bins; b++) edges[b] = b / bins;
  return edges;
}

/** Edges at the 0, 1/B, …, 1 quantiles, with q computed as numpy's linspace → percentile computes it. */
function quantileEdges(p: Float64Array, idx: Int32Array | undefined, bins: number, top: boolean): Float64Array {
  const m = idx === undefined ? p.length : idx.length;
  const values = new Float64Array(m);
  for (let j = 0; j < m; j++) values[j] = binnedValue(p[idx === undefined ? j : idx[j]], top);
  values.sort();
  let end = m;
  while (end > 0 && Number.isNaN(values[end - 1])) end--; // NaN sorts last; it has no quantile
  const finite = values.subarray(0, end);
  const edges = new Float64Array(bins + 1);
  for (let b = 0; b <= bins; b++) edges[b] = quantileSorted(finite, b === bins ? 1 : (b * (1 / bins) * 100) / 100);
  return edges;
}

function binOf(x: number, edges: Float64Array, uniform: boolean): number {
  const bins = edges.length - 1;
  if (uniform) return Math.max(0, Math.min(Math.floor(bins * x), bins - 1));
  return lowerBound(edges.subarray(1), x, bins - 1);
}

function binSums(y: Float64Array, p: Float64Array, options: CalibrationOptions, top: boolean): BinSums {
  checkSameLength(y, p, 'p');
  const bins = resolveBins(options);
  const { idx } = options;
  const uniform = (options.strategy ?? 'uniform') === 'uniform';
  const edges = uniform ? uniformEdges(bins) : quantileEdges(p, idx, bins, top);
  const count = new Float64Array(bins);
  const sumX = new Float64Array(bins);
  const sumO = new Float64Array(bins);
  const m = idx === undefined ? y.length : idx.length;
  let invalid = false;
  for (let j = 0; j < m; j++) {
    const r = idx === undefined ? j : idx[j];
    const x = binnedValue(p[r], top);
    const o = outcome(y, r, p[r], top);
    if (Number.isNaN(x)) { invalid = true; continue; }
    const b = binOf(x, edges, uniform);
    count[b]++;
    sumX[b] += x;
    sumO[b] += o;
  }
  return { edges, count, sumX, sumO, total: m, invalid };
}

function errorOf(s: BinSums): number {
  if (s.invalid || s.total === 0) return NaN;
  let e = 0;
  for (let b = 0; b < s.count.length; b++) {
    const n = s.count[b];
    if (n > 0) e += (n / s.total) * Math.abs(s.sumO[b] / n - s.sumX[b] / n);
  }
  return e;
}

function maxErrorOf(s: BinSums): number {
  if (s.invalid || s.total === 0) return NaN;
  let e = 0;
  for (let b = 0; b < s.count.length; b++) {
    const n = s.count[b];
    if (n > 0) e = Math.max(e, Math.abs(s.sumO[b] / n - s.sumX[b] / n));
  }
  return e;
}

/** Maximum calibration error of P(class 1): the largest |mean(y) − mean(p)| over non-empty bins (15 uniform by default). */
export function mce(y: Float64Array, p: Float64Array, options: CalibrationOptions = {}): number {
  return maxErrorOf(binSums(y, p, options, false));
}

/**
 * Expected calibration error of P(class 1): Σ over non-empty bins of (n_b/N)·|mean(y) − mean(p)|.
 * Defaults (15 uniform bins) are REFERENCE.md's ECE. NaN on zero rows or a NaN prediction.
 */
export function ece(y: Float64Array, p: Float64Array, options: CalibrationOptions = {}): number {
  return errorOf(binSums(y, p, options, false));
}

/** Top-label ECE: the same bins on the confidence max(p, 1 − p) against the accuracy of the p > 0.5 label. */
export function eceTop(y: Float64Array, p: Float64Array, options: CalibrationOptions = {}): number {
  return errorOf(binSums(y, p, options, true));
}

/** Every bin of the reliability diagram of P(class 1), empty ones included (n = 0, NaN means); NaN predictions are left out. */
export function reliabilityBins(y: Float64Array, p: Float64Array, options: CalibrationOptions = {}): ReliabilityBin[] {
  const s = binSums(y, p, options, false);
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < s.count.length; b++) {
    const n = s.count[b];
    out.push({ lo: s.edges[b], hi: s.edges[b + 1], n, meanPredicted: s.sumX[b] / n, fractionPositive: s.sumO[b] / n });
  }
  return out;
}
