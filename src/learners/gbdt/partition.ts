// Stable partition of nodes' row lists by their splits: on one thread in place, or on several in two phases (each
// thread splits its row chunk into two scratch lists, then, after a barrier, copies them to their final places).
// The result is the same either way: left rows in list order, then right rows in list order.
import type { Kernels } from './kernels/index.ts';

/** What partitioning reads and writes: row lists, two same-size scratch lists, column-major codes, the jobs. */
export interface PartitionInputs {
  readonly n: number;
  readonly idx: Uint32Array;
  readonly scratch: Uint32Array;
  readonly scratch2: Uint32Array;
  readonly colBins: Uint8Array;
  /** partition jobs: (start, end, feature, boundary) = jobs[4j..4j+3] */
  readonly jobs: Int32Array;
  /** 256 bin→side entries per job (1 = left) */
  readonly luts: Uint8Array;
  /** the WebAssembly kernels when these buffers live in their memory */
  readonly kernels: Kernels | null;
}

/**
 * Split src[start, end) by feature f through lut: left rows in order to left[start..), right rows in order to
 * right[start..). `left` may be `src` (in place: the write position never passes the read position). Returns the
 * number of left rows.
 */
export function partitionChunk(w: PartitionInputs, src: Uint32Array, left: Uint32Array, right: Uint32Array, start: number, end: number, f: number, lut: Uint8Array): number {
  if (w.kernels) return w.kernels.partition(src.byteOffset, left.byteOffset, right.byteOffset, w.colBins.byteOffset + f * w.n, lut.byteOffset, start, end);
  const codes = w.colBins.subarray(f * w.n, (f + 1) * w.n);
  let l = start, r = start;
  for (let i = start; i < end; i++) {
    // branch-free: the side is data-dependent and unpredictable
    const row = src[i];
    const side = lut[codes[row]];
    left[l] = row;
    right[r] = row;
    l += side;
    r += 1 - side;
  }
  return l - start;
}

/** Chunk c of `parts` over [start, end). */
export function chunkRange(start: number, end: number, c: number, parts: number): [number, number] {
  const len = end - start;
  return [start + Math.floor((c * len) / parts), start + Math.floor(((c + 1) * len) / parts)];
}

/** The job's bin→side table. */
export function jobLut(w: PartitionInputs, j: number): Uint8Array {
  return w.luts.subarray(256 * j, 256 * (j + 1));
}

/** One thread: partition jobs j < nJobs in place (rights through scratch); boundaries into jobs[4j+3]. */
export function partitionJobsHere(w: PartitionInputs, nJobs: number): void {
  const { idx, scratch, jobs } = w;
  for (let j = 0; j < nJobs; j++) {
    const start = jobs[4 * j], end = jobs[4 * j + 1];
    const nLeft = partitionChunk(w, idx, idx, scratch, start, end, jobs[4 * j + 2], jobLut(w, j));
    idx.set(scratch.subarray(start, start + (end - start - nLeft)), start + nLeft);
    jobs[4 * j + 3] = start + nLeft;
  }
}

/** Phase 1 on thread `part`: its chunk of every job, lefts to scratch2 and rights to scratch; counts into lefts[j·parts+part]. */
export function splitChunks(w: PartitionInputs, nJobs: number, lefts: Int32Array, part: number, parts: number): void {
  const { jobs } = w;
  for (let j = 0; j < nJobs; j++) {
    const [s, e] = chunkRange(jobs[4 * j], jobs[4 * j + 1], part, parts);
    lefts[j * parts + part] = partitionChunk(w, w.idx, w.scratch2, w.scratch, s, e, jobs[4 * j + 2], jobLut(w, j));
  }
}

/** Phase 2 on thread `part`, once every thread finished phase 1: copy its lefts and rights to their places in idx. */
export function placeChunks(w: PartitionInputs, nJobs: number, lefts: Int32Array, part: number, parts: number): void {
  const { jobs, idx } = w;
  for (let j = 0; j < nJobs; j++) {
    const start = jobs[4 * j], end = jobs[4 * j + 1];
    let leftBefore = 0, rightBefore = 0, allLeft = 0;
    for (let q = 0; q < parts; q++) {
      const [s, e] = chunkRange(start, end, q, parts);
      const l = lefts[j * parts + q];
      if (q < part) { leftBefore += l; rightBefore += e - s - l; }
      allLeft += l;
    }
    const [s, e] = chunkRange(start, end, part, parts);
    const l = lefts[j * parts + part];
    idx.set(w.scratch2.subarray(s, s + l), start + leftBefore);
    idx.set(w.scratch.subarray(s, s + (e - s - l)), start + allLeft + rightBefore);
    if (part === 0) jobs[4 * j + 3] = start + allLeft;
  }
}
