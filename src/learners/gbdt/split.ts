// Split finding on a node's histogram: numeric thresholds with a learned missing direction, LightGBM-style categorical splits.
// Histograms hold [g, h] per bin; row counts per side are estimated as h × (C/H) of the node (exact for constant hessians).

export interface SplitParams {
  readonly lambdaL1: number;
  readonly lambdaL2: number;
  readonly minDataInLeaf: number;
  readonly minSumHessian: number;
  readonly minGain: number;
  readonly maxCatThreshold: number;
  readonly catSmooth: number;
  readonly catL2: number;
  /** per feature: -1, 0, 1 */
  readonly monotone: Int8Array;
}

/** Gradient sums of a node and the output bounds monotone constraints impose on it. */
export interface NodeStats {
  readonly G: number;
  readonly H: number;
  readonly C: number;
  readonly lo: number;
  readonly hi: number;
}

/** Histogram layout of one slot (see histogram.ts). */
export interface HistLayout {
  readonly offset2: Int32Array;
  /** bins per feature including the missing bin (the last) */
  readonly width: Int32Array;
  readonly categorical: Uint8Array;
}

export interface Split {
  readonly gain: number;
  readonly feature: number;
  /** numeric: rows with bin <= bin go left; -1 for categorical */
  readonly bin: number;
  readonly defaultLeft: boolean;
  /** 1 = bin goes left, per bin of the feature (the last entry is the missing bin) */
  readonly lut: Uint8Array;
  readonly GL: number; readonly HL: number; readonly CL: number;
  readonly GR: number; readonly HR: number; readonly CR: number;
  /** unshrunk outputs of the children */
  readonly wl: number; readonly wr: number;
}

/** Categories at most this many: try each one alone against the rest. */
const MAX_CAT_TO_ONEHOT = 4;

export function thresholdL1(G: number, l1: number): number {
  if (l1 <= 0) return G;
  return G > l1 ? G - l1 : G < -l1 ? G + l1 : 0;
}

/** Optimal leaf output for sums (G, H), clamped to [lo, hi]. */
export function leafOutput(G: number, H: number, l1: number, l2: number, lo: number, hi: number): number {
  const d = H + l2;
  let w = d > 0 ? -thresholdL1(G, l1) / d : 0;
  if (w < lo) w = lo;
  if (w > hi) w = hi;
  return w;
}

/** -2 × the regularized loss reduction of output w (equals T(G)²/(H+λ) at the optimum). */
export function leafGain(G: number, H: number, l1: number, l2: number, w: number): number {
  return -(2 * G * w + (H + l2) * w * w + 2 * l1 * Math.abs(w));
}

/** Mutable best-so-far, filled by the scanners; turned into a Split at the end. */
class Best {
  gain = -Infinity; feature = -1; bin = -1; defaultLeft = false; lut: Uint8Array | null = null;
  GL = 0; HL = 0; CL = 0; wl = 0; wr = 0;
}

/** Best split of a node over the active features, or null when no split satisfies the constraints. */
export function findBestSplit(hist: Float64Array, base: number, layout: HistLayout, active: Int32Array, nActive: number, s: NodeStats, p: SplitParams): Split | null {
  const best = new Best();
  const parentGain = leafGain(s.G, s.H, p.lambdaL1, p.lambdaL2, leafOutput(s.G, s.H, p.lambdaL1, p.lambdaL2, s.lo, s.hi));
  const cnt = s.H > 0 ? s.C / s.H : 0;
  for (let k = 0; k < nActive; k++) {
    const f = active[k];
    const o = base + layout.offset2[f];
    if (layout.categorical[f]) scanCategorical(hist, o, layout.width[f], f, s, p, parentGain, cnt, best);
    else scanNumeric(hist, o, layout.width[f], f, s, p, parentGain, cnt, best);
  }
  if (best.feature < 0 || !(best.gain > p.minGain) || !(best.gain > 1e-12)) return null;
  const lut = best.lut ?? numericLut(layout.width[best.feature], best.bin, best.defaultLeft);
  return {
    gain: best.gain, feature: best.feature, bin: best.bin, defaultLeft: best.defaultLeft, lut,
    GL: best.GL, HL: best.HL, CL: best.CL, GR: s.G - best.GL, HR: s.H - best.HL, CR: s.C - best.CL, wl: best.wl, wr: best.wr,
  };
}

/** estimated rows behind hessian sum h */
function countOf(h: number, cnt: number): number {
  return Math.round(h * cnt);
}

function numericLut(width: number, bin: number, defaultLeft: boolean): Uint8Array {
  const lut = new Uint8Array(width);
  for (let b = 0; b <= bin; b++) lut[b] = 1;
  lut[width - 1] = defaultLeft ? 1 : 0;
  return lut;
}

/** Evaluate left sums (gl, hl) with estimated count cl; returns the gain or -Infinity when a constraint fails. */
function evaluate(gl: number, hl: number, cl: number, s: NodeStats, p: SplitParams, l2: number, mono: number, parentGain: number, best: Best): number {
  const gr = s.G - gl, hr = s.H - hl, cr = s.C - cl;
  // a side with (almost) no hessian is empty: histogram subtraction leaves rounding residue in empty bins
  const minHess = Math.max(p.minSumHessian, 1e-12 * s.H);
  if (hl < minHess || hr < minHess) return -Infinity;
  if (p.minDataInLeaf > 0 && (cl < p.minDataInLeaf || cr < p.minDataInLeaf)) return -Infinity;
  const wl = leafOutput(gl, hl, p.lambdaL1, l2, s.lo, s.hi);
  const wr = leafOutput(gr, hr, p.lambdaL1, l2, s.lo, s.hi);
  if ((mono > 0 && wl > wr) || (mono < 0 && wl < wr)) return -Infinity;
  const gain = leafGain(gl, hl, p.lambdaL1, l2, wl) + leafGain(gr, hr, p.lambdaL1, l2, wr) - parentGain;
  if (gain > best.gain) {
    best.gain = gain; best.GL = gl; best.HL = hl; best.CL = cl; best.wl = wl; best.wr = wr;
  }
  return gain;
}

function scanNumeric(hist: Float64Array, o: number, width: number, f: number, s: NodeStats, p: SplitParams, parentGain: number, cnt: number, best: Best): void {
  const nb = width - 1;
  const m = o + 2 * nb;
  const gm = hist[m], hm = hist[m + 1], cm = hm > 1e-12 * s.H ? 1 : 0;
  const mono = p.monotone[f];
  if (mono === 0 && p.lambdaL1 === 0 && s.lo === -Infinity && s.hi === Infinity) {
    scanFree(hist, o, nb, f, s, p, cnt, gm, hm, cm, best);
    return;
  }
  for (let dir = 0; dir < (cm > 0 ? 2 : 1); dir++) {
    let gl = dir ? gm : 0, hl = dir ? hm : 0;
    for (let t = 0; t < nb - 1; t++) {
      const j = o + 2 * t;
      if (hist[j + 1] === 0 && t > 0) continue;
      gl += hist[j]; hl += hist[j + 1];
      const cl = countOf(hl, cnt);
      const before = best.gain;
      evaluate(gl, hl, cl, s, p, p.lambdaL2, mono, parentGain, best);
      if (best.gain !== before) {
        best.feature = f; best.bin = t; best.lut = null;
        best.defaultLeft = cm > 0 ? dir === 1 : cl >= s.C - cl;
      }
    }
  }
}

/**
 * scanNumeric without L1, output bounds or a monotone constraint (the common case): the gain in closed form,
 * G²/(H+λ) per side, and the children's outputs only for a new best. Same constraints and tie order as `evaluate`.
 */
function scanFree(hist: Float64Array, o: number, nb: number, f: number, s: NodeStats, p: SplitParams, cnt: number, gm: number, hm: number, cm: number, best: Best): void {
  const l2 = p.lambdaL2, G = s.G, H = s.H, C = s.C;
  const minHess = Math.max(p.minSumHessian, 1e-12 * H), minData = p.minDataInLeaf;
  const parentGain = H + l2 > 0 ? (G * G) / (H + l2) : 0;
  for (let dir = 0; dir < (cm > 0 ? 2 : 1); dir++) {
    let gl = dir ? gm : 0, hl = dir ? hm : 0;
    for (let t = 0; t < nb - 1; t++) {
      const j = o + 2 * t;
      if (hist[j + 1] === 0 && t > 0) continue;
      gl += hist[j]; hl += hist[j + 1];
      const gr = G - gl, hr = H - hl;
      if (hl < minHess || hr < minHess) continue;
      const cl = Math.round(hl * cnt);
      if (minData > 0 && (cl < minData || C - cl < minData)) continue;
      const dl = hl + l2, dr = hr + l2;
      const gain = (gl * gl) / dl + (gr * gr) / dr - parentGain;
      if (gain > best.gain) {
        best.gain = gain; best.GL = gl; best.HL = hl; best.CL = cl; best.wl = -gl / dl; best.wr = -gr / dr;
        best.feature = f; best.bin = t; best.lut = null;
        best.defaultLeft = cm > 0 ? dir === 1 : cl >= C - cl;
      }
    }
  }
}

function scanCategorical(hist: Float64Array, o: number, width: number, f: number, s: NodeStats, p: SplitParams, parentGain: number, cnt: number, best: Best): void {
  const used: number[] = [];
  for (let b = 0; b < width; b++) if (hist[o + 2 * b + 1] > 1e-12 * s.H) used.push(b);
  if (used.length < 2) return;
  if (used.length <= MAX_CAT_TO_ONEHOT) {
    for (const b of used) tryCategorySet(hist, o, width, [b], f, s, p, p.lambdaL2, parentGain, cnt, best);
    return;
  }
  const ratio = new Float64Array(width);
  for (const b of used) ratio[b] = hist[o + 2 * b] / (hist[o + 2 * b + 1] + p.catSmooth);
  used.sort((a, b) => ratio[a] - ratio[b] || a - b);
  const maxK = Math.min(p.maxCatThreshold, (used.length + 1) >> 1);
  const l2 = p.lambdaL2 + p.catL2;
  // the set of this feature's last improvement; its table is built once, after the scan
  let bestDir = -1, bestK = -1;
  for (let dir = 0; dir < 2; dir++) {
    let gl = 0, hl = 0;
    for (let k = 0; k < maxK; k++) {
      const b = used[dir === 0 ? k : used.length - 1 - k];
      gl += hist[o + 2 * b]; hl += hist[o + 2 * b + 1];
      const before = best.gain;
      evaluate(gl, hl, countOf(hl, cnt), s, p, l2, 0, parentGain, best);
      if (best.gain !== before) { bestDir = dir; bestK = k; }
    }
  }
  if (bestDir >= 0) recordCategorical(best, f, width, bestDir === 0 ? used.slice(0, bestK + 1) : used.slice(used.length - 1 - bestK));
}

function tryCategorySet(hist: Float64Array, o: number, width: number, set: number[], f: number, s: NodeStats, p: SplitParams, l2: number, parentGain: number, cnt: number, best: Best): void {
  let gl = 0, hl = 0;
  for (const b of set) { gl += hist[o + 2 * b]; hl += hist[o + 2 * b + 1]; }
  const before = best.gain;
  evaluate(gl, hl, countOf(hl, cnt), s, p, l2, 0, parentGain, best);
  if (best.gain !== before) recordCategorical(best, f, width, set);
}

function recordCategorical(best: Best, f: number, width: number, set: number[]): void {
  const lut = new Uint8Array(width);
  for (const b of set) lut[b] = 1;
  best.feature = f; best.bin = -1; best.lut = lut; best.defaultLeft = lut[width - 1] === 1;
}
