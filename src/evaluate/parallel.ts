// evaluateSplit on worker threads for big data: the same SplitEval, with bootstrap resamples and slice metrics spread over threads through shared memory.
import { availableParallelism } from 'node:os';
import { metricFn, metricNames } from '../metrics/index.ts';
import { quantileSorted } from '../metrics/quantile.ts';
import { BadInputError } from '../util/errors.ts';
import { evaluateSplit, type Interval, type SliceEval, type SplitData, type SplitEval, type SplitEvalOptions } from './evaluate.ts';
import { createJob } from './parallel-job.ts';
import { startPool, type Pool } from './parallel-pool.ts';
import { sliceRecordLength, unpackSlice } from './parallel-slices.ts';
import { runShare, type Job } from './parallel-work.ts';

export interface ParallelEvalOptions extends SplitEvalOptions {
  /** threads doing the work, the calling thread included (default: cores available) */
  readonly threads?: number;
  /** a bootstrap CI for every metric of the task, all from one set of resamples (default: only `ciMetrics`) */
  readonly ciAllMetrics?: boolean;
  /** 'js': the bootstrap's JavaScript loops even where the WebAssembly ones run (tests compare the two) */
  readonly kernels?: 'wasm' | 'js';
}

/** Below this many row visits (rows × (resamples + slices)) the calling thread does everything: starting workers would cost more. */
export const MIN_PARALLEL_ROW_VISITS = 2_000_000;

const LEVEL = 0.95;

/**
 * evaluateSplit's record, computed on `threads` threads. Everything but the CIs is bit-identical to
 * evaluateSplit's: the whole-split part is evaluateSplit's own, and each slice is scored by the same
 * functions on the same rows in the same order (parallel-slices mirrors evaluateSplit's slices).
 * Bootstrap CIs use resamples keyed by (seed, resample index): resample b is drawn from
 * `new Rng(seed).fork(b)` alone (block-wise: see countResample — the law of n uniform draws with
 * replacement, as any bootstrap), so the intervals are identical for any thread count and any
 * scheduling, but are not evaluateSplit's, whose resamples come from one sequential stream.
 * Binary tasks resample the rows in ascending score order (a permutation: the bootstrap distribution
 * is the same), which turns each resample's AUC into one sequential pass over per-row draw counts.
 * Every worker is terminated before the promise settles.
 */
export async function evaluateSplitParallel(data: SplitData, opts: ParallelEvalOptions): Promise<SplitEval> {
  const ciNames = ciMetricNames(opts);
  const threads = resolveThreads(opts.threads, data.y.length * (ciNames.length > 0 ? opts.bootstrap : 0) + data.y.length * opts.slices.length);
  const job = createJob(data, { ...opts, ciNames, threads });
  const pool = threads > 1 ? startPool(job, threads - 1) : undefined;
  try {
    return await evaluateOn(job, data, opts, pool);
  } finally {
    await pool?.terminate();
  }
}

/**
 * The whole-split part (metrics, reliability bins, any field evaluateSplit adds) is evaluateSplit
 * itself without slices or bootstrap, on the calling thread while the workers start; then this
 * thread joins the slices and resamples.
 */
async function evaluateOn(job: Job, data: SplitData, opts: ParallelEvalOptions, pool: Pool | undefined): Promise<SplitEval> {
  const whole = evaluateSplit(data, { ...opts, slices: [], ciMetrics: [], bootstrap: 0 });
  runShare(job);
  await pool?.finished();
  return { ...whole, ci: intervals(job), slices: sliceEvals(job, opts) };
}

/** CI metric names, each checked against the task before any thread starts. */
function ciMetricNames(opts: ParallelEvalOptions): string[] {
  if (opts.bootstrap <= 0) return [];
  const names = opts.ciAllMetrics ? metricNames(opts.task) : [...new Set(opts.ciMetrics)];
  for (const name of names) metricFn(name, opts.task);
  return names;
}

function resolveThreads(threads: number | undefined, rowVisits: number): number {
  const t = threads ?? availableParallelism();
  if (!Number.isInteger(t) || t < 1) throw new BadInputError(`\`threads\` must be an integer >= 1, but got ${t}`);
  return rowVisits < MIN_PARALLEL_ROW_VISITS ? 1 : t;
}

/** Percentile interval of the defined (non-NaN) resample values, as bootstrapCI computes it. */
function interval(values: Float64Array): Interval {
  const sorted = values.slice().sort();
  let defined = sorted.length;
  while (defined > 0 && Number.isNaN(sorted[defined - 1])) defined--;
  const finite = sorted.subarray(0, defined);
  const tail = (1 - LEVEL) / 2;
  return { low: quantileSorted(finite, tail), high: quantileSorted(finite, 1 - tail), level: LEVEL, resamples: defined };
}

function intervals(job: Job): Record<string, Interval> {
  const values = new Float64Array(job.ciValues);
  const out: Record<string, Interval> = {};
  job.ciNames.forEach((name, m) => { out[name] = interval(values.subarray(m * job.resamples, (m + 1) * job.resamples)); });
  return out;
}

function sliceEvals(job: Job, opts: SplitEvalOptions): SliceEval[] {
  const length = sliceRecordLength(opts.task);
  const values = new Float64Array(job.sliceValues);
  const sizes = new Int32Array(job.sliceN);
  return opts.slices.map((s, i) => unpackSlice(
    { name: s.name, group: s.group, n: sizes[i], minSliceRows: opts.minSliceRows }, opts.task, values.subarray(i * length, (i + 1) * length),
  ));
}
