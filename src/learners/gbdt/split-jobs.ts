// Split finding for a batch of nodes (one tree level, or the two children of a split), run by the calling thread and
// the workers alike: node j is taken by thread j mod parts, which first subtracts its sibling's histogram when it holds
// its parent's, then scans it. Jobs and results live in shared memory; each result depends on its node only, so the
// tree is the same for any thread count.
import { subtractHistogram } from './histogram.ts';
import { unpackSlot } from './quantize.ts';
import { findBestSplit, type NodeStats, type Split, type SplitParams } from './split.ts';
import type { Workspace } from './workspace.ts';

/** Job fields (Float64Array, SIZE per job): histogram slot, sibling slot to subtract (-1: none), node stats. */
export const JOB = { SLOT: 0, MINUS: 1, G: 2, H: 3, C: 4, LO: 5, HI: 6, SIZE: 8 } as const;
/** Result fields (Float64Array, SIZE per job); FOUND = 0: no split satisfies the constraints. */
const OUT = { FOUND: 0, GAIN: 1, FEATURE: 2, BIN: 3, DEFAULT_LEFT: 4, GL: 5, HL: 6, CL: 7, GR: 8, HR: 9, CR: 10, WL: 11, WR: 12, SIZE: 16 } as const;

export const SPLIT_JOB_DOUBLES = JOB.SIZE;
export const SPLIT_OUT_DOUBLES = OUT.SIZE;

/** Queue job j: scan `slot` for a node with `stats`, after subtracting slot `minus` from it when minus >= 0. */
export function setSplitJob(w: Workspace, j: number, slot: number, minus: number, stats: NodeStats): void {
  const J = j * JOB.SIZE, a = w.splitJobs;
  a[J + JOB.SLOT] = slot; a[J + JOB.MINUS] = minus;
  a[J + JOB.G] = stats.G; a[J + JOB.H] = stats.H; a[J + JOB.C] = stats.C; a[J + JOB.LO] = stats.lo; a[J + JOB.HI] = stats.hi;
}

/** This thread's jobs (j ≡ part mod parts) of the first nJobs; `unpacked` is the thread's own buffer of one slot. */
export function runSplitJobs(w: Workspace, p: SplitParams, unpacked: Float64Array, nJobs: number, nActive: number, part: number, parts: number): void {
  const a = w.splitJobs, out = w.splitOut;
  for (let j = part; j < nJobs; j += parts) {
    const J = j * JOB.SIZE, slot = a[J + JOB.SLOT], minus = a[J + JOB.MINUS];
    if (minus >= 0) subtractHistogram(w, slot, minus, 0, nActive);
    let hist = w.hist, base = slot * w.slotSize;
    if (w.quantized) { unpackSlot(w, slot, unpacked, nActive); hist = unpacked; base = 0; }
    const stats: NodeStats = { G: a[J + JOB.G], H: a[J + JOB.H], C: a[J + JOB.C], lo: a[J + JOB.LO], hi: a[J + JOB.HI] };
    const s = findBestSplit(hist, base, w.layout, w.active, nActive, stats, p);
    const O = j * OUT.SIZE;
    out[O + OUT.FOUND] = s ? 1 : 0;
    if (!s) continue;
    out[O + OUT.GAIN] = s.gain; out[O + OUT.FEATURE] = s.feature; out[O + OUT.BIN] = s.bin; out[O + OUT.DEFAULT_LEFT] = s.defaultLeft ? 1 : 0;
    out[O + OUT.GL] = s.GL; out[O + OUT.HL] = s.HL; out[O + OUT.CL] = s.CL;
    out[O + OUT.GR] = s.GR; out[O + OUT.HR] = s.HR; out[O + OUT.CR] = s.CR;
    out[O + OUT.WL] = s.wl; out[O + OUT.WR] = s.wr;
    w.splitLuts.set(s.lut, 256 * j);
  }
}

/** The split job j found (its bin→side table copied out of shared memory), or null. */
export function readSplit(w: Workspace, j: number): Split | null {
  const out = w.splitOut, O = j * OUT.SIZE;
  if (out[O + OUT.FOUND] === 0) return null;
  const feature = out[O + OUT.FEATURE];
  return {
    gain: out[O + OUT.GAIN], feature, bin: out[O + OUT.BIN], defaultLeft: out[O + OUT.DEFAULT_LEFT] === 1,
    lut: w.splitLuts.slice(256 * j, 256 * j + w.width[feature]),
    GL: out[O + OUT.GL], HL: out[O + OUT.HL], CL: out[O + OUT.CL],
    GR: out[O + OUT.GR], HR: out[O + OUT.HR], CR: out[O + OUT.CR], wl: out[O + OUT.WL], wr: out[O + OUT.WR],
  };
}

/** The split parameters as sent to a worker thread (a plain, cloneable object). */
export function splitParamsOf(p: SplitParams): SplitParams {
  return {
    lambdaL1: p.lambdaL1, lambdaL2: p.lambdaL2, minDataInLeaf: p.minDataInLeaf, minSumHessian: p.minSumHessian, minGain: p.minGain,
    maxCatThreshold: p.maxCatThreshold, catSmooth: p.catSmooth, catL2: p.catL2, monotone: p.monotone,
  };
}
