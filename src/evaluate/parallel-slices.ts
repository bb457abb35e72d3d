// Slice results of evaluateSplitParallel as fixed-length float64 records in shared memory: metrics in registry order, then (binary) the reliability bins.
import type { Task } from '../learners/types.ts';
import { metricFn, metricsFor, reliabilityBins, type ReliabilityBin } from '../metrics/index.ts';
import type { SliceEval } from './evaluate.ts';

const BINS = 10;
const BIN_FIELDS = 5;

/** Metric names reported per slice, in registry order (as evaluateSplit). */
export function sliceMetricNames(task: Task): string[] {
  return metricsFor(task).map((m) => m.name);
}

/** float64 slots of one slice's record */
export function sliceRecordLength(task: Task): number {
  return sliceMetricNames(task).length + (task === 'binary' ? BINS * BIN_FIELDS : 0);
}

/** Score the rows `idx` of y/pred as evaluateSplit scores a slice, into `out` (left untouched for an empty slice). */
export function scoreSliceInto(out: Float64Array, task: Task, nClasses: number, y: Float64Array, pred: Float64Array, idx: Int32Array): void {
  if (idx.length === 0) return;
  const names = sliceMetricNames(task);
  names.forEach((name, m) => { out[m] = metricFn(name, task)(y, pred, idx, nClasses); });
  if (task !== 'binary') return;
  reliabilityBins(y, pred, { bins: BINS, idx }).forEach((b, i) => {
    out.set([b.lo, b.hi, b.n, b.meanPredicted, b.fractionPositive], names.length + i * BIN_FIELDS);
  });
}

function unpackBins(record: Float64Array, at: number): ReliabilityBin[] {
  return Array.from({ length: BINS }, (_, i) => {
    const f = record.subarray(at + i * BIN_FIELDS, at + (i + 1) * BIN_FIELDS);
    return { lo: f[0], hi: f[1], n: f[2], meanPredicted: f[3], fractionPositive: f[4] };
  });
}

export interface SliceHead {
  readonly name: string;
  readonly group: string;
  readonly n: number;
  readonly minSliceRows: number;
}

/** The SliceEval a packed record stands for, field for field as evaluateSplit builds it. */
export function unpackSlice(head: SliceHead, task: Task, record: Float64Array): SliceEval {
  const names = sliceMetricNames(task);
  const metrics: Record<string, number> = {};
  if (head.n > 0) names.forEach((name, m) => { metrics[name] = record[m]; });
  const reliability = task === 'binary' && head.n > 0 ? unpackBins(record, names.length) : undefined;
  return { name: head.name, group: head.group, n: head.n, small: head.n < head.minSliceRows, metrics, reliability };
}
