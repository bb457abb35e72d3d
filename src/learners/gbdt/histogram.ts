// Per-node gradient/hessian histograms over Uint8 bins, and the subtraction trick (larger child = parent - smaller).
// The row loops run in WebAssembly (kernels/) when the workspace lives in a WebAssembly memory, else in JavaScript.
// No per-bin counts (as in LightGBM/XGBoost): split finding estimates them from hessians; leaf counts are exact.

import type { Kernels } from './kernels/index.ts';

/** Shared training buffers: everything a histogram build reads or writes. */
export interface HistInputs {
  /** rows */
  readonly n: number;
  /** features (row stride of `bins`) */
  readonly nFeatures: number;
  /** row-major bin codes: row r, feature f at r*nFeatures+f */
  readonly bins: Uint8Array;
  /** interleaved [g, h] per row */
  readonly gh: Float64Array;
  /** quantized mode: packed g,h per row (see quantize.ts); histograms then hold one packed sum per bin, at [bin] */
  readonly quantized: boolean;
  readonly q: Float64Array;
  /** row index lists of the nodes (each node owns a contiguous range, ascending) */
  readonly idx: Uint32Array;
  /** histogram slots, each `slotSize` doubles: interleaved [g, h] per bin (quantized: the first half, one packed sum per bin) */
  readonly hist: Float64Array;
  readonly slotSize: number;
  /** first bin of each feature */
  readonly offset: Int32Array;
  /** first bin of each feature, times 2 (offset in doubles of an interleaved [g, h] slot) */
  readonly offset2: Int32Array;
  /** bins of each feature including the missing bin */
  readonly width: Int32Array;
  /** features to build (the tree's sampled features, ascending) */
  readonly active: Int32Array;
  /** the WebAssembly kernels over this workspace's memory, or null: the JavaScript kernels run */
  readonly kernels: Kernels | null;
  /** quantized mode: one private histogram (one packed sum per bin) per thread's row segment of a parallel build */
  readonly segmentHists: Float64Array;
  readonly mapper: { readonly totalBins: number };
  /** this thread's kernel arguments in that memory: column and histogram byte address per feature */
  readonly kFeats: Int32Array;
  readonly kOffs: Int32Array;
  /** byte address of this thread's scratch for the histogram kernels' row records */
  readonly kScratch: number;
}

/** Doubles per histogram bin: one packed sum, or g and h. */
export function binDoubles(w: HistInputs): number {
  return w.quantized ? 1 : 2;
}

/**
 * Build the histogram of rows idx[start, end) into `slot`, for active features [k0, k1).
 * The sum for each feature runs over the rows in list order, whichever thread or kernel runs it: bit-identical results.
 */
export function buildHistogram(w: HistInputs, slot: number, start: number, end: number, k0: number, k1: number): void {
  buildInto(w, w.hist, slot * w.slotSize, start, end, k0, k1);
}

/** buildHistogram into any histogram-shaped array of the workspace (a slot of `hist`, or a thread's private one) at `base`. */
function buildInto(w: HistInputs, hist: Float64Array, base: number, start: number, end: number, k0: number, k1: number): void {
  const nk = k1 - k0;
  if (nk <= 0) return;
  const per = binDoubles(w);
  const feats = w.kFeats.subarray(0, nk);
  const offs = w.kOffs.subarray(0, nk);
  for (let k = 0; k < nk; k++) {
    const f = w.active[k0 + k];
    const o = base + per * w.offset[f];
    feats[k] = f;
    hist.fill(0, o, o + per * w.width[f]);
    offs[k] = w.kernels ? hist.byteOffset + 8 * o : o;
  }
  if (end <= start) return;
  const run = feats[nk - 1] - feats[0] === nk - 1;
  const K = w.kernels;
  if (K) {
    const vals = w.quantized ? w.q.byteOffset : w.gh.byteOffset;
    const args = [w.bins.byteOffset, w.nFeatures, vals, w.idx.byteOffset, start, end, offs.byteOffset, feats.byteOffset, nk, w.kScratch] as const;
    if (w.quantized) (run ? K.hist_packed_run : K.hist_packed_some)(...args);
    else (run ? K.hist_gh_run : K.hist_gh_some)(...args);
  } else if (w.quantized) {
    accumulatePacked(w.bins, w.q, w.idx, hist, feats, offs, w.nFeatures, start, end);
  } else if (run) {
    accumulateRun(w.bins, w.gh, w.idx, hist, offs, w.nFeatures, feats[0], start, end);
  } else {
    accumulateSome(w.bins, w.gh, w.idx, hist, feats, offs, w.nFeatures, start, end);
  }
}

/**
 * Quantized mode, row-parallel: the rows of jobs j < nJobs (slot, start, end = jobs[4j..4j+2]), taken end to end, are
 * cut into `parts` equal segments, and thread `part` builds every feature over its segment. A job whose first rows are
 * in the segment is built into its slot; the segment's first job, when it began in an earlier segment, goes to the
 * segment's private histogram, which `mergeSegments` adds in. Packed sums are exact integers, so the result does not
 * depend on the cut: bit-identical for any thread count. Each thread reads only its rows' codes.
 */
export function buildSegment(w: HistInputs, jobs: Int32Array, nJobs: number, nActive: number, part: number, parts: number): void {
  const total = jobRows(jobs, nJobs);
  const a = Math.floor((part * total) / parts), b = Math.floor(((part + 1) * total) / parts);
  for (let j = 0, c = 0; j < nJobs && c < b; j++) {
    const slot = jobs[4 * j], start = jobs[4 * j + 1], len = jobs[4 * j + 2] - start;
    const lo = Math.max(a, c), hi = Math.min(b, c + len);
    if (hi > lo) {
      if (lo === c) buildInto(w, w.hist, slot * w.slotSize, start, start + hi - c, 0, nActive);
      else buildInto(w, w.segmentHists, part * w.mapper.totalBins, start + lo - c, start + hi - c, 0, nActive);
    } else if (len === 0 && part === 0) {
      buildInto(w, w.hist, slot * w.slotSize, start, start, 0, nActive);
    }
    c += len;
  }
}

/** After every thread's buildSegment: add each segment's private histogram into the job it continued. */
export function mergeSegments(w: HistInputs, jobs: Int32Array, nJobs: number, nActive: number, parts: number): void {
  const total = jobRows(jobs, nJobs), size = w.mapper.totalBins;
  for (let part = 1; part < parts; part++) {
    const a = Math.floor((part * total) / parts), b = Math.floor(((part + 1) * total) / parts);
    if (b <= a) continue;
    for (let j = 0, c = 0; j < nJobs; j++) {
      const len = jobs[4 * j + 2] - jobs[4 * j + 1];
      if (a > c && a < c + len) {
        const base = jobs[4 * j] * w.slotSize, pb = part * size;
        for (let k = 0; k < nActive; k++) {
          const f = w.active[k], o = w.offset[f];
          for (let bin = 0; bin < w.width[f]; bin++) w.hist[base + o + bin] += w.segmentHists[pb + o + bin];
        }
        break;
      }
      c += len;
    }
  }
}

/** Rows of jobs j < nJobs together. */
export function jobRows(jobs: Int32Array, nJobs: number): number {
  let total = 0;
  for (let j = 0; j < nJobs; j++) total += jobs[4 * j + 2] - jobs[4 * j + 1];
  return total;
}

/** a contiguous run of features f0..f0+offs.length-1: the row's codes are contiguous; unrolled by 4 */
function accumulateRun(bins: Uint8Array, gh: Float64Array, idx: Uint32Array, hist: Float64Array, offs: Int32Array, F: number, f0: number, start: number, end: number): void {
  const nk = offs.length;
  for (let i = start; i < end; i++) {
    const r = idx[i];
    const g = gh[2 * r], h = gh[2 * r + 1];
    const rb = r * F + f0;
    let k = 0;
    for (; k + 3 < nk; k += 4) {
      const a = offs[k] + 2 * bins[rb + k];
      const b = offs[k + 1] + 2 * bins[rb + k + 1];
      const c = offs[k + 2] + 2 * bins[rb + k + 2];
      const d = offs[k + 3] + 2 * bins[rb + k + 3];
      hist[a] += g; hist[a + 1] += h;
      hist[b] += g; hist[b + 1] += h;
      hist[c] += g; hist[c + 1] += h;
      hist[d] += g; hist[d + 1] += h;
    }
    for (; k < nk; k++) {
      const a = offs[k] + 2 * bins[rb + k];
      hist[a] += g; hist[a + 1] += h;
    }
  }
}

/** quantized: one add per feature of the row's packed value; features unrolled by 4 */
function accumulatePacked(bins: Uint8Array, q: Float64Array, idx: Uint32Array, hist: Float64Array, feats: Int32Array, offs: Int32Array, F: number, start: number, end: number): void {
  const nk = feats.length;
  const run = feats[nk - 1] - feats[0] === nk - 1;
  const f0 = feats[0];
  for (let i = start; i < end; i++) {
    const r = idx[i];
    const v = q[r];
    let k = 0;
    if (run) {
      const rb = r * F + f0;
      for (; k + 3 < nk; k += 4) {
        hist[offs[k] + bins[rb + k]] += v;
        hist[offs[k + 1] + bins[rb + k + 1]] += v;
        hist[offs[k + 2] + bins[rb + k + 2]] += v;
        hist[offs[k + 3] + bins[rb + k + 3]] += v;
      }
    }
    for (; k < nk; k++) hist[offs[k] + bins[r * F + feats[k]]] += v;
  }
}

function accumulateSome(bins: Uint8Array, gh: Float64Array, idx: Uint32Array, hist: Float64Array, feats: Int32Array, offs: Int32Array, F: number, start: number, end: number): void {
  const nk = feats.length;
  for (let i = start; i < end; i++) {
    const r = idx[i];
    const g = gh[2 * r], h = gh[2 * r + 1];
    const rb = r * F;
    let k = 0;
    for (; k + 1 < nk; k += 2) {
      const a = offs[k] + 2 * bins[rb + feats[k]];
      const b = offs[k + 1] + 2 * bins[rb + feats[k + 1]];
      hist[a] += g; hist[a + 1] += h;
      hist[b] += g; hist[b + 1] += h;
    }
    if (k < nk) {
      const a = offs[k] + 2 * bins[rb + feats[k]];
      hist[a] += g; hist[a + 1] += h;
    }
  }
}

/** parent slot -= child slot, over active features [k0, k1): the parent slot then holds the sibling's histogram. */
export function subtractHistogram(w: HistInputs, parent: number, child: number, k0: number, k1: number): void {
  const { hist } = w;
  const per = binDoubles(w);
  const pb = parent * w.slotSize, cb = child * w.slotSize;
  for (let k = k0; k < k1; k++) {
    const f = w.active[k];
    const o = per * w.offset[f], len = per * w.width[f];
    for (let j = o; j < o + len; j++) hist[pb + j] -= hist[cb + j];
  }
}
