// Per-node gradient/hessian/count histograms over Uint8 bins, and the subtraction trick (larger child = parent - smaller).

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
  /** row index lists of the nodes (each node owns a contiguous range) */
  readonly idx: Uint32Array;
  /** histogram slots, each `slotSize` doubles: interleaved [g, h, count] per bin */
  readonly hist: Float64Array;
  readonly slotSize: number;
  /** first bin of each feature, times 3 (offset in doubles inside a slot) */
  readonly offset3: Int32Array;
  /** bins of each feature including the missing bin */
  readonly width: Int32Array;
  /** features to build (the tree's sampled features), and how many of them are used */
  readonly active: Int32Array;
}

/**
 * Build the histogram of rows idx[start, end) into `slot`, for active features [k0, k1).
 * The sum for each feature runs over the rows in list order, whichever thread runs it: bit-identical results.
 */
export function buildHistogram(w: HistInputs, slot: number, start: number, end: number, k0: number, k1: number): void {
  const nk = k1 - k0;
  if (nk <= 0) return;
  const { bins, gh, idx, hist, nFeatures: F } = w;
  const base = slot * w.slotSize;
  const feats = new Int32Array(nk);
  const offs = new Int32Array(nk);
  for (let k = 0; k < nk; k++) {
    const f = w.active[k0 + k];
    feats[k] = f;
    offs[k] = base + w.offset3[f];
    hist.fill(0, offs[k], offs[k] + 3 * w.width[f]);
  }
  if (nk === F && k0 === 0 && isIdentity(w.active, F)) {
    accumulateAll(bins, gh, idx, hist, offs, F, start, end);
  } else {
    accumulateSome(bins, gh, idx, hist, feats, offs, F, start, end);
  }
}

function isIdentity(active: Int32Array, F: number): boolean {
  for (let k = 0; k < F; k++) if (active[k] !== k) return false;
  return true;
}

/** every feature: the row's bins are contiguous */
function accumulateAll(bins: Uint8Array, gh: Float64Array, idx: Uint32Array, hist: Float64Array, offs: Int32Array, F: number, start: number, end: number): void {
  for (let i = start; i < end; i++) {
    const r = idx[i];
    const g = gh[2 * r], h = gh[2 * r + 1];
    const rb = r * F;
    for (let f = 0; f < F; f++) {
      const o = offs[f] + 3 * bins[rb + f];
      hist[o] += g;
      hist[o + 1] += h;
      hist[o + 2] += 1;
    }
  }
}

function accumulateSome(bins: Uint8Array, gh: Float64Array, idx: Uint32Array, hist: Float64Array, feats: Int32Array, offs: Int32Array, F: number, start: number, end: number): void {
  const nk = feats.length;
  for (let i = start; i < end; i++) {
    const r = idx[i];
    const g = gh[2 * r], h = gh[2 * r + 1];
    const rb = r * F;
    for (let k = 0; k < nk; k++) {
      const o = offs[k] + 3 * bins[rb + feats[k]];
      hist[o] += g;
      hist[o + 1] += h;
      hist[o + 2] += 1;
    }
  }
}

/** parent slot -= child slot, over active features [k0, k1): the parent slot then holds the sibling's histogram. */
export function subtractHistogram(w: HistInputs, parent: number, child: number, k0: number, k1: number): void {
  const { hist } = w;
  const pb = parent * w.slotSize, cb = child * w.slotSize;
  for (let k = k0; k < k1; k++) {
    const f = w.active[k];
    const o = w.offset3[f], len = 3 * w.width[f];
    for (let j = o; j < o + len; j++) hist[pb + j] -= hist[cb + j];
  }
}
