// Percentile and paired bootstrap for any metric: resamples are sorted Int32Array row indices scored in place, seeded by Rng.

import { BadInputError } from '../util/errors.ts';
import { Rng } from '../util/rng.ts';
import { quantileSorted } from './quantile.ts';
import type { MetricFn, ResampleScorer } from './types.ts';

export interface BootstrapOptions {
  /** number of resamples (default 1000) */
  readonly resamples?: number;
  /** seed of the resampling stream: the same seed gives the same interval */
  readonly seed: number;
  /** two-sided confidence level (default 0.95) */
  readonly level?: number;
  /** classes of a multiclass prediction, passed to the metric */
  readonly nClasses?: number;
}

export interface PairedBootstrapOptions extends BootstrapOptions {
  /** direction of the one-sided test: true (default) asks "is A higher than B?", false "is A lower?" */
  readonly higherIsBetter?: boolean;
}

/**
 * `resamples` counts the resamples on which the metric was defined: undefined (NaN) resamples,
 * such as an AUC resample holding one class, are left out of the interval.
 */
export interface BootstrapResult {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  readonly resamples: number;
}

export interface PairedBootstrapResult {
  /** metric(A) − metric(B) on the full data */
  readonly delta: number;
  readonly low: number;
  readonly high: number;
  /** one-sided: (1 + #resamples where A is not better) / (1 + resamples) */
  readonly pValue: number;
  readonly resamples: number;
}

interface Resolved {
  readonly resamples: number;
  readonly level: number;
}

function resolve(options: BootstrapOptions): Resolved {
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new BadInputError(`\`resamples\` must be an integer >= 1, but got ${resamples}`);
  }
  if (!(level > 0 && level < 1)) throw new BadInputError(`\`level\` must lie in (0, 1), but got ${level}`);
  if (!Number.isInteger(options.seed)) throw new BadInputError(`\`seed\` must be an integer, but got ${options.seed}`);
  return { resamples, level };
}

/** The metric as a resample scorer, using its own precomputation when it has one. */
function scorerOf(metric: MetricFn, y: Float64Array, pred: Float64Array, nClasses?: number): ResampleScorer {
  if (metric.prepare !== undefined) return metric.prepare(y, pred, nClasses);
  return (idx) => metric(y, pred, idx, nClasses);
}

/**
 * Seeded stream of bootstrap resamples of rows 0..n-1: each call draws n rows uniformly with
 * replacement and returns them in ascending order, so metrics read memory in order (several times
 * faster on large data than random order) and score the same multiset as n independent draws.
 * The sorted draws come directly from exponential spacings: with S_k the running sum of k + 1
 * Exp(1) variables, S_k / S_n for k < n are distributed as n sorted Uniform(0, 1) draws (no sort,
 * no random memory access). The returned array is overwritten by the next call.
 */
export function resampler(n: number, seed: number): () => Int32Array {
  const rng = new Rng(seed);
  const sums = new Float64Array(n);
  const idx = new Int32Array(n);
  return () => {
    let s = 0;
    for (let k = 0; k < n; k++) {
      s -= Math.log(1 - rng.float());
      sums[k] = s;
    }
    s -= Math.log(1 - rng.float());
    const scale = n / s;
    for (let k = 0; k < n; k++) idx[k] = Math.min(Math.floor(sums[k] * scale), n - 1);
    return idx;
  };
}

/** Each scorer's values on the same `resamples` resamples. */
function resampledValues(scorers: readonly ResampleScorer[], n: number, resamples: number, seed: number): Float64Array[] {
  const next = resampler(n, seed);
  const values = scorers.map(() => new Float64Array(resamples));
  for (let b = 0; b < resamples; b++) {
    const idx = next();
    scorers.forEach((score, s) => { values[s][b] = score(idx); });
  }
  return values;
}

/** Percentile interval of the defined (non-NaN) values. */
function percentileInterval(values: Float64Array, level: number): { low: number; high: number; defined: number } {
  const sorted = values.slice().sort();
  let defined = sorted.length;
  while (defined > 0 && Number.isNaN(sorted[defined - 1])) defined--;
  const finite = sorted.subarray(0, defined);
  const tail = (1 - level) / 2;
  return { low: quantileSorted(finite, tail), high: quantileSorted(finite, 1 - tail), defined };
}

function resultOf(estimate: number, values: Float64Array, level: number): BootstrapResult {
  const { low, high, defined } = percentileInterval(values, level);
  return { estimate, low, high, resamples: defined };
}

/** Percentile bootstrap confidence interval of `metric` over `resamples` resamples of the rows of `y`. */
export function bootstrapCI(metric: MetricFn, y: Float64Array, pred: Float64Array, options: BootstrapOptions): BootstrapResult {
  return bootstrapCIs({ metric }, y, pred, options).metric;
}

/** Intervals of several metrics from ONE set of resamples (cheaper than one bootstrapCI each; same seed, same rows). */
export function bootstrapCIs<K extends string>(
  metrics: Readonly<Record<K, MetricFn>>,
  y: Float64Array,
  pred: Float64Array,
  options: BootstrapOptions,
): Record<K, BootstrapResult> {
  const { resamples, level } = resolve(options);
  const names = Object.keys(metrics) as K[];
  const k = options.nClasses;
  const scorers = names.map((name) => scorerOf(metrics[name], y, pred, k));
  const values = resampledValues(scorers, y.length, resamples, options.seed);
  const out = {} as Record<K, BootstrapResult>;
  names.forEach((name, s) => { out[name] = resultOf(metrics[name](y, pred, undefined, k), values[s], level); });
  return out;
}

/**
 * Paired bootstrap of metric(A) − metric(B): both models are scored on the SAME resampled rows, so
 * the interval reflects the difference, not two independent noises. pValue tests one-sided that A
 * is better (higher, or lower when `higherIsBetter` is false), with the +1 correction so it is never 0.
 */
export function pairedBootstrap(
  metric: MetricFn,
  y: Float64Array,
  predA: Float64Array,
  predB: Float64Array,
  options: PairedBootstrapOptions,
): PairedBootstrapResult {
  const { resamples, level } = resolve(options);
  const k = options.nClasses;
  const delta = metric(y, predA, undefined, k) - metric(y, predB, undefined, k);
  const scorers = [scorerOf(metric, y, predA, k), scorerOf(metric, y, predB, k)];
  const [a, b] = resampledValues(scorers, y.length, resamples, options.seed);
  const deltas = a.map((v, i) => v - b[i]);
  const { low, high, defined } = percentileInterval(deltas, level);
  return { delta, low, high, pValue: oneSidedP(deltas, defined, options.higherIsBetter ?? true), resamples: defined };
}

function oneSidedP(deltas: Float64Array, defined: number, higherIsBetter: boolean): number {
  let notBetter = 0;
  for (let b = 0; b < deltas.length; b++) {
    const d = deltas[b];
    if (Number.isNaN(d)) continue;
    if (higherIsBetter ? d <= 0 : d >= 0) notBetter++;
  }
  return (notBetter + 1) / (defined + 1);
}
