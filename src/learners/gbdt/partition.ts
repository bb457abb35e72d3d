// Stable partition of a node's row list by a split, sequential or in row chunks merged in order (same result either way).
import type { Kernels } from './kernels/index.ts';

/** What partitioning reads and writes: row lists, a same-size scratch list, column-major codes, the split's bin→side table. */
export interface PartitionInputs {
  readonly n: number;
  readonly idx: Uint32Array;
  readonly scratch: Uint32Array;
  readonly colBins: Uint8Array;
  /** 1 = the bin goes left, for the feature being split (shared with workers) */
  readonly lut: Uint8Array;
  /** the WebAssembly kernels when idx, scratch, colBins and the lut live in their memory */
  readonly kernels: Kernels | null;
}

/**
 * Partition idx[start, end) by feature f: left rows stay in order at idx[start..), right rows go in order to scratch[start..).
 * Returns the number of left rows.
 */
export function partitionChunk(w: PartitionInputs, start: number, end: number, f: number, lut: Uint8Array = w.lut): number {
  const { idx, scratch } = w;
  if (w.kernels) return w.kernels.partition(idx.byteOffset, scratch.byteOffset, w.colBins.byteOffset + f * w.n, lut.byteOffset, start, end);
  const codes = w.colBins.subarray(f * w.n, (f + 1) * w.n);
  let l = start, r = start;
  for (let i = start; i < end; i++) {
    // branch-free: the side is data-dependent and unpredictable; l <= i, so idx[l] was already read
    const row = idx[i];
    const left = lut[codes[row]];
    idx[l] = row;
    scratch[r] = row;
    l += left;
    r += 1 - left;
  }
  return l - start;
}

/** Chunk c of `parts` over [start, end). */
export function chunkRange(start: number, end: number, c: number, parts: number): [number, number] {
  const len = end - start;
  return [start + Math.floor((c * len) / parts), start + Math.floor(((c + 1) * len) / parts)];
}

/** After partitionChunk on each chunk: gather lefts then rights, chunk by chunk. Returns the boundary. */
export function mergeChunks(w: PartitionInputs, start: number, end: number, lefts: ArrayLike<number>, parts: number): number {
  let to = start;
  for (let c = 0; c < parts; c++) {
    const [s] = chunkRange(start, end, c, parts);
    if (to !== s) w.idx.copyWithin(to, s, s + lefts[c]);
    to += lefts[c];
  }
  const mid = to;
  for (let c = 0; c < parts; c++) {
    const [s, e] = chunkRange(start, end, c, parts);
    const rights = e - s - lefts[c];
    w.idx.set(w.scratch.subarray(s, s + rights), to);
    to += rights;
  }
  return mid;
}

/** Sequential stable partition; returns the boundary. */
export function partitionRows(w: PartitionInputs, start: number, end: number, f: number, lut: Uint8Array = w.lut): number {
  const left = partitionChunk(w, start, end, f, lut);
  return mergeChunks(w, start, end, [left], 1);
}
