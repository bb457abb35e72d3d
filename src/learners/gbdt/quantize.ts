// Quantized gradients (LightGBM's use_quantized_grad): g and h rounded stochastically to a few integer levels and packed
// into one float64 per row (G·M + H, exact integers), so a histogram update is one add instead of two and subtraction is exact.
import type { Objective } from './objective.ts';
import type { Workspace } from './workspace.ts';

/** qinfo layout (Float64Array over shared memory) */
export const Q = { M: 0, QG: 1, QH: 2, GMAX: 3, HMAX: 4, SEED: 5, SIZE: 8 } as const;

/** Largest level count per side: more levels, less rounding noise. */
const MAX_LEVELS = 256;

/**
 * Levels for g (|g| → 0..Qg) and h (0..Qh), and the packing multiplier M, such that sums over n rows stay exact
 * below 2^53: log2(Qg·n) + 1 + log2(Qh·n) + 1 <= 52.
 */
export function quantLevels(n: number): { Qg: number; Qh: number; M: number } {
  const rowBits = Math.ceil(Math.log2(n + 1));
  const free = Math.max(2, 50 - 2 * rowBits);
  const bits = Math.min(Math.log2(MAX_LEVELS), Math.floor(free / 2));
  const Q = 2 ** bits;
  return { Qg: Q, Qh: Q, M: 2 ** (rowBits + bits + 1) };
}

/** Rows per block of the fused gradient pass: a block's g, h are still in cache when its range is taken. */
const GRADIENT_BLOCK = 4096;

/** Gradients of class k for rows [from, to), and their [max |g|, max h], in one pass of cache-sized blocks. */
export function gradientsWithRange(obj: Objective, w: Workspace, k: number, from: number, to: number): [number, number] {
  let gm = 0, hm = 0;
  for (let s = from; s < to; s += GRADIENT_BLOCK) {
    const e = Math.min(to, s + GRADIENT_BLOCK);
    if (w.kernels && obj.name === 'logloss') w.kernels.logloss_gradients(w.roundScores.byteOffset, w.y.byteOffset, w.gh.byteOffset, s, e);
    else obj.gradients(w.roundScores, w.y, k, w.gh, s, e);
    const [g, h] = gradientRange(w.gh, s, e);
    if (g > gm) gm = g;
    if (h > hm) hm = h;
  }
  return [gm, hm];
}

/** max |g| and max h over rows [from, to) */
export function gradientRange(gh: Float64Array, from: number, to: number): [number, number] {
  let gm = 0, hm = 0;
  for (let i = from; i < to; i++) {
    const g = Math.abs(gh[2 * i]), h = gh[2 * i + 1];
    if (g > gm) gm = g;
    if (h > hm) hm = h;
  }
  return [gm, hm];
}

/** counter-based uniform in [0, 1) for row i: the same on every thread */
function uniform(i: number, seed: number): number {
  let x = (i ^ seed) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  x ^= x >>> 16;
  return (x >>> 0) / 4294967296;
}

/** Pack rows [from, to): q[i] = round(g)·M + round(h) with stochastic rounding (unbiased). */
export function quantizeRows(w: Workspace, from: number, to: number): void {
  const qi = w.qinfo, gh = w.gh, q = w.q;
  const M = qi[Q.M], seed = qi[Q.SEED] | 0;
  const gs = qi[Q.GMAX] > 0 ? qi[Q.QG] / qi[Q.GMAX] : 0;
  const hs = qi[Q.HMAX] > 0 ? qi[Q.QH] / qi[Q.HMAX] : 0;
  if (w.kernels) { w.kernels.quantize(gh.byteOffset, q.byteOffset, from, to, seed, gs, hs, M); return; }
  for (let i = from; i < to; i++) {
    const u = uniform(i, seed);
    const gq = Math.floor(gh[2 * i] * gs + u);
    const hq = Math.floor(gh[2 * i + 1] * hs + u);
    q[i] = gq * M + hq;
  }
}

/** Unpack a slot's packed sums into real [g, h] pairs in `out` (same layout), for the active features. */
export function unpackSlot(w: Workspace, slot: number, out: Float64Array, nActive: number): void {
  const qi = w.qinfo, hist = w.hist, M = qi[Q.M];
  const gUnit = qi[Q.QG] > 0 ? qi[Q.GMAX] / qi[Q.QG] : 0;
  const hUnit = qi[Q.QH] > 0 ? qi[Q.HMAX] / qi[Q.QH] : 0;
  const base = slot * w.slotSize;
  for (let k = 0; k < nActive; k++) {
    const f = w.active[k];
    const o = w.offset2[f], po = base + w.offset[f];
    for (let b = 0; b < w.width[f]; b++) {
      const p = hist[po + b];
      const G = Math.floor(p / M);
      out[o + 2 * b] = G * gUnit;
      out[o + 2 * b + 1] = (p - G * M) * hUnit;
    }
  }
}
