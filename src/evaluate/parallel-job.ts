// Building the shared job of evaluateSplitParallel: y and pred copied once into shared memory (plus a score-ordered copy for binary bootstraps), result buffers, control block.
import type { SliceMask } from '../data/slices.ts';
import { BadInputError } from '../util/errors.ts';
import type { SplitData, SplitEvalOptions } from './evaluate.ts';
import { argsortScores, permute } from './parallel-rank.ts';
import { sliceRecordLength } from './parallel-slices.ts';
import { CTRL, type Job } from './parallel-work.ts';
import { resampleModule } from './kernels/index.ts';

function sharedCopy(a: Float64Array | Int32Array): SharedArrayBuffer {
  const buf = new SharedArrayBuffer(a.byteLength);
  new Uint8Array(buf).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return buf;
}

function sharedMasks(slices: readonly SliceMask[], rows: Int32Array): { masks: SharedArrayBuffer; maskLength: number } {
  const maskLength = slices.length === 0 ? 0 : slices[0].mask.length;
  let maxRow = -1;
  for (const r of rows) maxRow = Math.max(maxRow, r);
  const masks = new SharedArrayBuffer(slices.length * maskLength);
  slices.forEach((s, i) => {
    if (s.mask.length !== maskLength || maxRow >= maskLength) {
      throw new BadInputError(`slice masks must all cover every data row (the split uses rows up to ${maxRow}), but slice '${s.name}' has ${s.mask.length} rows and '${slices[0].name}' ${maskLength}`);
    }
    new Uint8Array(masks, i * maskLength, maskLength).set(s.mask);
  });
  return { masks, maskLength };
}

/** Binary: y and pred with rows in ascending score order, so that a resample's AUC or average precision is one pass in memory order. */
function scoreOrdered(data: SplitData, ranked: boolean): { ySorted: SharedArrayBuffer; predSorted: SharedArrayBuffer } | undefined {
  if (!ranked) return undefined;
  const order = argsortScores(data.pred);
  return { ySorted: sharedCopy(permute(data.y, order)), predSorted: sharedCopy(permute(data.pred, order)) };
}

/** Resamples per work unit: small enough to share out evenly (≥ 4 units a thread, ~2M row draws a unit), large enough to keep claims rare. */
function blockSize(resamples: number, n: number, threads: number): number {
  return Math.max(1, Math.min(Math.ceil(resamples / (4 * threads)), Math.ceil(2_000_000 / Math.max(1, n))));
}

export interface JobOptions extends SplitEvalOptions {
  readonly ciNames: readonly string[];
  readonly threads: number;
  /** 'js': the bootstrap's JavaScript loops even where the WebAssembly ones could run (tests compare the two) */
  readonly kernels?: 'wasm' | 'js';
}

export function createJob(data: SplitData, opts: JobOptions): Job {
  const resamples = opts.ciNames.length > 0 ? opts.bootstrap : 0;
  const y = sharedCopy(data.y), pred = sharedCopy(data.pred);
  const ranked = opts.task === 'binary' && resamples > 0;
  const sorted = scoreOrdered(data, ranked) ?? { ySorted: y, predSorted: pred };
  const perSlice = sliceRecordLength(opts.task);
  return {
    task: opts.task, nClasses: opts.nClasses, n: data.y.length, seed: opts.seed, resamples,
    block: blockSize(resamples, data.y.length, opts.threads), ciNames: opts.ciNames,
    nSlices: opts.slices.length, ...sharedMasks(opts.slices, data.rows),
    y, pred, rows: sharedCopy(data.rows), ...sorted, ranked,
    ciValues: new SharedArrayBuffer(8 * opts.ciNames.length * resamples),
    sliceValues: new SharedArrayBuffer(8 * perSlice * opts.slices.length),
    sliceN: new SharedArrayBuffer(4 * opts.slices.length),
    ctrl: new SharedArrayBuffer(4 * CTRL.SIZE),
    kernels: resamples > 0 && opts.kernels !== 'js' ? resampleModule() : null,
  };
}
