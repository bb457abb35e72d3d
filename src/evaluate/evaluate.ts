// The standard evaluate(): every metric of the task on a split, per slice with n, reliability bins,
// and a percentile-bootstrap CI for the optimizing metric. Pure: predictions in, one JSON-ready record out.
import type { Task } from '../learners/types.ts';
import { bootstrapCI, metricFn, metricsFor, reliabilityBins, type ReliabilityBin } from '../metrics/index.ts';
import { slicePositions, type SliceMask } from '../data/slices.ts';

export interface Interval {
  readonly low: number;
  readonly high: number;
  readonly level: number;
  readonly resamples: number;
}

export interface SliceEval {
  readonly name: string;
  readonly group: string;
  readonly n: number;
  /** fewer rows than evaluation.minSliceRows: shown, but its metrics are noisy */
  readonly small: boolean;
  readonly metrics: Readonly<Record<string, number>>;
  /** 95% bootstrap CI of the optimizing metric (deciding splits, slices with at least minSliceRows rows) */
  readonly ci?: Readonly<Record<string, Interval>>;
  /** binary only: 10 equal-width reliability bins of the slice's rows */
  readonly reliability?: readonly ReliabilityBin[];
}

export interface SplitEval {
  readonly n: number;
  readonly metrics: Readonly<Record<string, number>>;
  /** bootstrap CIs by metric name (the optimizing metric, on the splits that decide) */
  readonly ci: Readonly<Record<string, Interval>>;
  readonly slices: readonly SliceEval[];
  /** binary only: 10 equal-width bins */
  readonly reliability?: readonly ReliabilityBin[];
  /** binary only: 10 equal-frequency bins */
  readonly reliabilityQuantile?: readonly ReliabilityBin[];
}

export interface SplitEvalOptions {
  readonly task: Task;
  readonly nClasses: number;
  /** metrics that get a bootstrap CI */
  readonly ciMetrics: readonly string[];
  readonly bootstrap: number;
  readonly seed: number;
  readonly slices: readonly SliceMask[];
  readonly minSliceRows: number;
}

/** Labels and predictions of the rows of one split, gathered to contiguous arrays. */
export interface SplitData {
  readonly rows: Int32Array;
  readonly y: Float64Array;
  readonly pred: Float64Array;
}

/** Gather the rows of a split from full-length label and prediction arrays (k values per row for multiclass). */
export function gatherSplit(rows: Int32Array, y: Float64Array, pred: Float64Array, k: number): SplitData {
  const ys = new Float64Array(rows.length);
  const ps = new Float64Array(rows.length * k);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    ys[i] = y[r];
    for (let c = 0; c < k; c++) ps[i * k + c] = pred[r * k + c];
  }
  return { rows, y: ys, pred: ps };
}

export function evaluateSplit(data: SplitData, opts: SplitEvalOptions): SplitEval {
  const metrics = scoreAll(opts.task, data.y, data.pred, undefined, opts.nClasses);
  const ci: Record<string, Interval> = {};
  for (const name of opts.ciMetrics) {
    if (opts.bootstrap <= 0) break;
    const r = bootstrapCI(metricFn(name, opts.task), data.y, data.pred, { resamples: opts.bootstrap, seed: opts.seed, nClasses: opts.nClasses });
    ci[name] = { low: r.low, high: r.high, level: 0.95, resamples: r.resamples };
  }
  const slices = opts.slices.map((s) => evaluateSlice(s, data, opts));
  const reliability = opts.task === 'binary' ? reliabilityBins(data.y, data.pred, { bins: 10 }) : undefined;
  const reliabilityQuantile = opts.task === 'binary' ? reliabilityBins(data.y, data.pred, { bins: 10, strategy: 'quantile' }) : undefined;
  return { n: data.rows.length, metrics, ci, slices, reliability, reliabilityQuantile };
}

function evaluateSlice(s: SliceMask, data: SplitData, opts: SplitEvalOptions): SliceEval {
  const idx = slicePositions(s.mask, data.rows);
  const n = idx.length;
  const metrics = n > 0 ? scoreAll(opts.task, data.y, data.pred, idx, opts.nClasses) : {};
  const reliability = opts.task === 'binary' && n > 0 ? reliabilityBins(data.y, data.pred, { bins: 10, idx }) : undefined;
  return { name: s.name, group: s.group, n, small: n < opts.minSliceRows, metrics, reliability };
}

function scoreAll(task: Task, y: Float64Array, pred: Float64Array, idx: Int32Array | undefined, k: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of metricsFor(task)) out[m.name] = metricFn(m.name, task)(y, pred, idx, k);
  return out;
}
