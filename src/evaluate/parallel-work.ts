// The shared job of evaluateSplitParallel: inputs and results in SharedArrayBuffers, and the loop every thread (main or worker) runs over it.
import { slicePositions } from '../data/slices.ts';
import type { Task } from '../learners/types.ts';
import { metricFn } from '../metrics/index.ts';
import { rankIndex } from './parallel-rank.ts';
import { drawCounts, expandCounts, resampleBuffers, sortedDraws, type ResampleBuffers } from './parallel-resample.ts';
import { countScorers, type CountScorer } from './parallel-scorers.ts';
import { scoreSliceInto, sliceRecordLength } from './parallel-slices.ts';

/** Slots of the control block (Int32Array over a SharedArrayBuffer). */
export const CTRL = { NEXT: 0, DONE: 1, SIZE: 2 } as const;

/**
 * Everything a thread needs, as plain values and SharedArrayBuffers (cloned into workers, the
 * buffers shared, never copied). Work units are the slices, then blocks of `block` resamples;
 * threads claim them with an atomic counter, in any order: every unit's result depends only on
 * its inputs, so the result does not depend on how the units were shared out.
 */
export interface Job {
  readonly task: Task;
  readonly nClasses: number;
  readonly n: number;
  readonly seed: number;
  readonly resamples: number;
  readonly block: number;
  readonly ciNames: readonly string[];
  readonly nSlices: number;
  /** length of a slice mask (rows of the whole data) */
  readonly maskLength: number;
  readonly y: SharedArrayBuffer;
  readonly pred: SharedArrayBuffer;
  /** the split's data rows (positions in the masks) */
  readonly rows: SharedArrayBuffer;
  readonly masks: SharedArrayBuffer;
  /** binary: y and pred with rows in ascending score order (the bootstrap draws from these); else y and pred */
  readonly ySorted: SharedArrayBuffer;
  readonly predSorted: SharedArrayBuffer;
  readonly ranked: boolean;
  /** results: ci values [metric × resample], slice records [slice × sliceRecordLength], slice sizes */
  readonly ciValues: SharedArrayBuffer;
  readonly sliceValues: SharedArrayBuffer;
  readonly sliceN: SharedArrayBuffer;
  readonly ctrl: SharedArrayBuffer;
  /** the compiled bootstrap kernels (cloned into workers), or null: the JavaScript loops run */
  readonly kernels: WebAssembly.Module | null;
}

export function unitCount(job: Job): number {
  return job.nSlices + Math.ceil(job.resamples / job.block);
}

/** Claim and run units until none are left; returns how many this thread ran. */
export function runShare(job: Job): number {
  const ctrl = new Int32Array(job.ctrl);
  const units = unitCount(job);
  const resampling = lazy(() => resamplingOf(job));
  let ran = 0;
  for (;;) {
    const u = Atomics.add(ctrl, CTRL.NEXT, 1);
    if (u >= units) return ran;
    if (u < job.nSlices) scoreSlice(job, u);
    else scoreBlock(job, resampling(), u - job.nSlices);
    ran++;
    if (Atomics.add(ctrl, CTRL.DONE, 1) + 1 === units) Atomics.notify(ctrl, CTRL.DONE);
  }
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** The split positions of slice s's rows, ascending (the rows evaluateSplit scores for it). */
function slicePositionsOf(job: Job, s: number): Int32Array {
  return slicePositions(new Uint8Array(job.masks, s * job.maskLength, job.maskLength), new Int32Array(job.rows));
}

function scoreSlice(job: Job, s: number): void {
  const idx = slicePositionsOf(job, s);
  const length = sliceRecordLength(job.task);
  new Int32Array(job.sliceN)[s] = idx.length;
  const out = new Float64Array(job.sliceValues, s * length * 8, length);
  scoreSliceInto(out, job.task, job.nClasses, new Float64Array(job.y), new Float64Array(job.pred), idx);
}

/** A thread's bootstrap state: scratch buffers and one scorer per CI metric, built on its first block. */
interface Resampling {
  readonly buf: ResampleBuffers;
  readonly scorers: CountScorer[];
  readonly y: Float64Array;
  readonly pred: Float64Array;
}

function resamplingOf(job: Job): Resampling {
  const y = new Float64Array(job.ySorted), pred = new Float64Array(job.predSorted);
  const rank = job.ranked ? rankIndex(y, pred) : undefined;
  const buf = resampleBuffers(job.n, job.kernels);
  return { buf, scorers: countScorers(job.ciNames, job.task, y, pred, job.nClasses, rank, buf.kernels), y, pred };
}

function scoreBlock(job: Job, r: Resampling, block: number): void {
  const values = new Float64Array(job.ciValues);
  const end = Math.min(job.resamples, (block + 1) * job.block);
  for (let b = block * job.block; b < end; b++) {
    const scores = resampleScores(job, r, b);
    scores.forEach((v, m) => { values[m * job.resamples + b] = v; });
  }
}

function resampleScores(job: Job, r: Resampling, b: number): number[] {
  if (!drawCounts(job.seed, b, r.buf)) return overflowScores(job, r, b);
  let rows: Int32Array | undefined;
  const sortedRows = (): Int32Array => (rows ??= expandCounts(r.buf));
  return r.scorers.map((score) => score(r.buf.counts, sortedRows));
}

/** A row drawn 256+ times overflowed its byte count: score the same resample from its sorted draws. */
function overflowScores(job: Job, r: Resampling, b: number): number[] {
  const idx = sortedDraws(job.seed, b, job.n);
  return job.ciNames.map((name) => metricFn(name, job.task)(r.y, r.pred, idx, job.nClasses));
}
