// Best-first (leaf-wise) tree growth bounded by numLeaves and maxDepth, with the histogram subtraction trick.
import type { BinMapper } from './binning.ts';
import { unpackSlot } from './quantize.ts';
import type { Workspace } from './workspace.ts';
import type { HistLayout, NodeStats, Split, SplitParams } from './split.ts';
import { readSplit, setSplitJob } from './split-jobs.ts';
import type { ForestBuilder } from './tree.ts';

/** Runs the row-heavy work, locally or on the worker pool (see pool.ts). */
export interface HistEngine {
  /** histogram of rows idx[start, end) into `slot`, active features [0, nActive) */
  build(slot: number, start: number, end: number, nActive: number): void;
  /** best splits of split jobs j < nJobs (see split-jobs.ts), into the workspace's results */
  splits(nJobs: number, nActive: number): void;
  /** gradients of class k for every row, from the workspace's roundScores; returns [max |g|, max h] over the rows */
  gradients(k: number): [number, number];
  /** pack the quantized gradients of every row (qinfo must be set) */
  quantize(): void;
  /** exact [G, H] of leaves 0..nLeaves-1 (ranges in leafStart/leafEnd) into leafSums */
  leafSums(nLeaves: number): void;
  /** histograms of jobs j < nJobs: (slot, start, end) = jobs[4j..4j+2] */
  buildBatch(nJobs: number, nActive: number): void;
  /** partitions of jobs j < nJobs: (start, end, feature) = jobs[4j..4j+2] by jobLut(j); boundary into jobs[4j+3] */
  partitionBatch(nJobs: number): void;
  /** scores[off + row] += leafValue[j] for the rows of leaves 0..nLeaves-1 (positions [0, nRows) of idx) */
  addLeaves(nLeaves: number, nRows: number, off: number): void;
}

export interface GrowerSetup {
  readonly w: Workspace;
  readonly layout: HistLayout;
  readonly mapper: BinMapper;
  readonly split: SplitParams;
  readonly numLeaves: number;
  readonly maxDepth: number;
  readonly engine: HistEngine;
  /** false: always best-first, even when level-by-level growth would give the same tree (tests) */
  readonly levelWise: boolean;
  /** quantized mode: real-valued [g, h] of the slot being evaluated (one slot's size) */
  readonly unpacked: Float64Array;
}

/** A finished leaf: its tree node, its rows idx[start, end), sums and output bounds. */
export interface GrownLeaf extends NodeStats {
  readonly node: number;
  readonly start: number;
  readonly end: number;
}

interface OpenLeaf extends GrownLeaf {
  readonly depth: number;
  slot: number;
  /** the sibling's slot when this slot still holds the parent's histogram (subtract it before scanning), else -1 */
  minus: number;
  best: Split | null;
}

/** Slots needed for a tree: one per open leaf. */
export function slotsNeeded(numLeaves: number, maxDepth: number): number {
  return maxDepth > 0 && maxDepth < 20 ? Math.min(numLeaves, 2 ** maxDepth) : numLeaves;
}

/** Grow one tree over rows idx[0, nRows) with active features [0, nActive); returns its leaves (values not yet set). */
export function growTree(g: GrowerSetup, nRows: number, nActive: number, forest: ForestBuilder): GrownLeaf[] {
  const free: number[] = [];
  const nSlots = g.w.hist.length / g.w.slotSize;
  for (let s = nSlots - 1; s >= 0; s--) free.push(s);
  const rootSlot = free.pop() as number;
  g.engine.build(rootSlot, 0, nRows, nActive);
  const [G, H] = slotTotals(g, rootSlot);
  const root: OpenLeaf = { node: forest.startTree(), start: 0, end: nRows, G, H, C: nRows, lo: -Infinity, hi: Infinity, depth: 0, slot: rootSlot, minus: -1, best: null };
  const open: OpenLeaf[] = [root];
  const done: GrownLeaf[] = [];
  evaluateNodes(g, [root], nActive, free);
  if (growsComplete(g)) return growLevels(g, root, nActive, forest, free);
  while (open.length + done.length < g.numLeaves) {
    const i = bestLeaf(open);
    if (i < 0) break;
    const leaf = open[i];
    open.splice(i, 1);
    for (const child of splitLeaf(g, leaf, nActive, forest, free)) open.push(child);
    for (let j = open.length - 1; j >= 0; j--) {
      if (open[j].best === null) done.push(open.splice(j, 1)[0]);
    }
  }
  for (const l of open) free.push(l.slot);
  return done.concat(open).sort((a, b) => a.node - b.node);
}

function slotTotals(g: GrowerSetup, slot: number): [number, number] {
  const f = g.w.active[0];
  const [hist, base] = slotView(g, slot, 1);
  const o = base + g.w.offset2[f];
  let G = 0, H = 0;
  for (let b = 0; b < g.w.width[f]; b++) { G += hist[o + 2 * b]; H += hist[o + 2 * b + 1]; }
  return [G, H];
}

/** The slot's real-valued [g, h] histogram and its base offset (unpacked first in quantized mode). */
function slotView(g: GrowerSetup, slot: number, nActive: number): [Float64Array, number] {
  if (!g.w.quantized) return [g.w.hist, slot * g.w.slotSize];
  unpackSlot(g.w, slot, g.unpacked, nActive);
  return [g.unpacked, 0];
}

function bestLeaf(open: OpenLeaf[]): number {
  let bi = -1, bg = -Infinity;
  for (let i = 0; i < open.length; i++) {
    const b = open[i].best;
    if (b !== null && b.gain > bg) { bg = b.gain; bi = i; }
  }
  return bi;
}

function canSplit(g: GrowerSetup, leaf: OpenLeaf): boolean {
  const depthOk = g.maxDepth <= 0 || leaf.depth < g.maxDepth;
  return depthOk && leaf.C >= Math.max(2, 2 * g.split.minDataInLeaf) && leaf.H >= 2 * g.split.minSumHessian;
}

/** Find the nodes' best splits in one batch; nodes that cannot split give their histogram slots back afterwards. */
function evaluateNodes(g: GrowerSetup, nodes: readonly OpenLeaf[], nActive: number, free: number[]): void {
  const jobOf = nodes.map(() => -1);
  let nJobs = 0;
  nodes.forEach((leaf, i) => {
    if (canSplit(g, leaf)) { setSplitJob(g.w, nJobs, leaf.slot, leaf.minus, leaf); jobOf[i] = nJobs++; }
  });
  if (nJobs > 0) g.engine.splits(nJobs, nActive);
  nodes.forEach((leaf, i) => {
    leaf.best = jobOf[i] >= 0 ? readSplit(g.w, jobOf[i]) : null;
    leaf.minus = -1;
    if (leaf.best === null && leaf.slot >= 0) { free.push(leaf.slot); leaf.slot = -1; }
  });
}

/**
 * With numLeaves >= 2^maxDepth every splittable leaf is split whatever the order, so best-first and level-by-level
 * growth give the same tree; level by level, the pool runs one batch per level instead of one call per node.
 */
function growsComplete(g: GrowerSetup): boolean {
  return g.levelWise && g.maxDepth > 0 && g.maxDepth < 20 && g.numLeaves >= 2 ** g.maxDepth;
}

function growLevels(g: GrowerSetup, root: OpenLeaf, nActive: number, forest: ForestBuilder, free: number[]): GrownLeaf[] {
  const done: GrownLeaf[] = [];
  let level = [root];
  while (level.length > 0) {
    const splitting = level.filter((l) => l.best !== null);
    for (const l of level) if (l.best === null) done.push(l);
    const nodes = splitting.map((leaf, j) => {
      const s = leaf.best as Split;
      g.w.jobs.set([leaf.start, leaf.end, s.feature, 0], 4 * j);
      g.w.luts.set(s.lut, 256 * j);
      return commitSplit(g, leaf, forest);
    });
    if (splitting.length > 0) g.engine.partitionBatch(splitting.length);
    const mids = splitting.map((_, j) => g.w.jobs[4 * j + 3]);
    let builds = 0;
    const next: OpenLeaf[] = [];
    splitting.forEach((leaf, j) => {
      const [left, right] = makeChildren(g, leaf, nodes[j], mids[j]);
      const small = assignSlots(g, leaf, left, right, free);
      if (small) g.w.jobs.set([small.slot, small.start, small.end, 0], 4 * builds++);
      next.push(left, right);
    });
    if (builds > 0) g.engine.buildBatch(builds, nActive);
    evaluateNodes(g, next, nActive, free);
    level = next;
  }
  return done.sort((a, b) => a.node - b.node);
}

/** Record the leaf's best split in the tree; returns the child nodes. */
function commitSplit(g: GrowerSetup, leaf: OpenLeaf, forest: ForestBuilder): [number, number] {
  const s = leaf.best as Split;
  const fb = g.mapper.features[s.feature];
  const threshold = fb.categorical ? 0 : fb.upper[s.bin];
  const bits = fb.categorical ? categoryBits(fb.codeToBin, fb.levels, s.lut) : null;
  return forest.split(leaf.node, s.feature, threshold, s.defaultLeft, s.gain, bits);
}

/**
 * The smaller child gets a new slot (returned: its histogram must be built), the larger the parent's, from which the
 * smaller one's is subtracted before the scan; or none, when neither child can split.
 */
function assignSlots(g: GrowerSetup, leaf: OpenLeaf, left: OpenLeaf, right: OpenLeaf, free: number[]): OpenLeaf | null {
  if (!canSplit(g, left) && !canSplit(g, right)) { free.push(leaf.slot); return null; }
  const [small, large] = left.end - left.start <= right.end - right.start ? [left, right] : [right, left];
  small.slot = free.pop() as number;
  large.slot = leaf.slot;
  large.minus = small.slot;
  return small;
}

function splitLeaf(g: GrowerSetup, leaf: OpenLeaf, nActive: number, forest: ForestBuilder, free: number[]): OpenLeaf[] {
  const s = leaf.best as Split;
  const nodes = commitSplit(g, leaf, forest);
  g.w.jobs.set([leaf.start, leaf.end, s.feature, 0], 0);
  g.w.luts.set(s.lut, 0);
  g.engine.partitionBatch(1);
  const mid = g.w.jobs[3];
  const [left, right] = makeChildren(g, leaf, nodes, mid);
  const small = assignSlots(g, leaf, left, right, free);
  if (small) g.engine.build(small.slot, small.start, small.end, nActive);
  evaluateNodes(g, [left, right], nActive, free);
  return [left, right];
}

/** Children of a split leaf with rows [start, mid) and [mid, end). */
function makeChildren(g: GrowerSetup, leaf: OpenLeaf, [ln, rn]: [number, number], mid: number): [OpenLeaf, OpenLeaf] {
  const s = leaf.best as Split;
  const [lb, rb] = childBounds(leaf, s, g.split.monotone[s.feature]);
  const depth = leaf.depth + 1;
  // counts are exact from the partition (the split's counts were estimated from hessians)
  const left: OpenLeaf = { node: ln, start: leaf.start, end: mid, G: s.GL, H: s.HL, C: mid - leaf.start, lo: lb[0], hi: lb[1], depth, slot: -1, minus: -1, best: null };
  const right: OpenLeaf = { node: rn, start: mid, end: leaf.end, G: s.GR, H: s.HR, C: leaf.end - mid, lo: rb[0], hi: rb[1], depth, slot: -1, minus: -1, best: null };
  return [left, right];
}

/** Monotone constraints: children of a constrained split are bounded by the midpoint of their outputs. */
function childBounds(leaf: OpenLeaf, s: Split, mono: number): [[number, number], [number, number]] {
  if (mono === 0) return [[leaf.lo, leaf.hi], [leaf.lo, leaf.hi]];
  const mid = (s.wl + s.wr) / 2;
  return mono > 0
    ? [[leaf.lo, Math.min(leaf.hi, mid)], [Math.max(leaf.lo, mid), leaf.hi]]
    : [[Math.max(leaf.lo, mid), leaf.hi], [leaf.lo, Math.min(leaf.hi, mid)]];
}

/** Left-set bitset over category codes from the bin-level split. */
function categoryBits(codeToBin: Int32Array, levels: number, lut: Uint8Array): Uint32Array {
  const bits = new Uint32Array(Math.max(1, Math.ceil(levels / 32)));
  for (let c = 0; c < levels; c++) if (lut[codeToBin[c]] === 1) bits[c >>> 5] |= 1 << (c & 31);
  return bits;
}
