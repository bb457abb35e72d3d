// Shared-memory training buffers (bins, gradients, row lists, histogram slots), allocated once per fit.
import { binColumn, type BinMapper } from './binning.ts';
import type { HistInputs } from './histogram.ts';
import type { PartitionInputs } from './partition.ts';
import type { HistLayout } from './split.ts';
import type { Matrix } from '../types.ts';
import { instantiateKernels, kernelModule } from './kernels/index.ts';
import { BLOCK_ROWS } from './kernels/constants.ts';
import { SPLIT_JOB_DOUBLES, SPLIT_OUT_DOUBLES } from './split-jobs.ts';

export interface Workspace extends HistInputs, PartitionInputs {
  /** targets, and raw scores class-major (scores[k*n+i]); `roundScores` is the start-of-round copy softmax reads */
  readonly y: Float64Array;
  readonly scores: Float64Array;
  readonly roundScores: Float64Array;
  /** the tree's leaves for score updates: rows idx[leafStart[j], leafEnd[j]) get leafValue[j] */
  readonly leafStart: Int32Array;
  readonly leafEnd: Int32Array;
  readonly leafValue: Float64Array;
  /** batched pool work (one tree level): 4 ints per job, and 256 bin→side entries per partition job */
  readonly jobs: Int32Array;
  readonly luts: Uint8Array;
  /** exact [G, H] of each leaf's rows (quantized mode) */
  readonly leafSums: Float64Array;
  /** quantization state (see quantize.ts) */
  readonly qinfo: Float64Array;
  readonly mapper: BinMapper;
  readonly layout: HistLayout;
  /** the buffers, to hand to worker threads */
  readonly shared: SharedBuffers;
  /** split finding for a batch of nodes (see split-jobs.ts): jobs, results, and each result's bin→side table */
  readonly splitJobs: Float64Array;
  readonly splitOut: Float64Array;
  readonly splitLuts: Uint8Array;
}

/** The workspace's buffers, by name. */
const REGIONS = ['bins', 'colBins', 'gh', 'idx', 'scratch', 'scratch2', 'hist', 'active', 'y', 'scores', 'roundScores', 'leafStart',
  'leafEnd', 'leafValue', 'leafSums', 'jobs', 'luts', 'q', 'qinfo', 'kargs', 'segmentHists', 'splitJobs', 'splitOut', 'splitLuts'] as const;
type Region = (typeof REGIONS)[number];

/** Where a buffer lives: a byte range of a shared buffer. */
interface Place { readonly buf: SharedArrayBuffer; readonly offset: number; readonly bytes: number }

/**
 * One shared WebAssembly memory holding every buffer, so the WebAssembly kernels and every thread see the same bytes;
 * or, when it would not fit a 32-bit memory, one SharedArrayBuffer per buffer and the JavaScript kernels.
 */
export interface SharedBuffers {
  readonly memory: WebAssembly.Memory | null;
  /** the compiled kernels (sent to workers with the memory, so they need not read or compile the file) */
  readonly module: WebAssembly.Module | null;
  readonly places: Record<Region, Place>;
  /** threads that will share the workspace (each gets its own kernel-argument area) */
  readonly parts: number;
}

/** Kernel arguments of one thread: column and histogram address per feature, then the histogram kernels' row records. */
function kargsBytes(F: number): number {
  return Math.ceil((8 * Math.max(1, F) + 32 * BLOCK_ROWS) / 64) * 64;
}

/** Largest WebAssembly memory (65536 pages of 64 KiB). */
const WASM_MAX_BYTES = 2 ** 32;
const PAGE = 65536;

/** Allocate the buffers for X (bins are filled by `binInto`); K = trees per round, up to maxLeaves leaves per tree. */
export function makeWorkspace(X: Matrix, mapper: BinMapper, nSlots: number, K: number, maxLeaves: number, quantized: boolean, parts = 1, kernels: 'wasm' | 'js' = 'wasm'): Workspace {
  const n = Math.max(1, X.nRows), F = X.columns.length;
  const sizes: Record<Region, number> = {
    bins: n * F, colBins: n * F, gh: 16 * n, idx: 4 * n, scratch: 4 * n, scratch2: parts > 1 ? 4 * n : 0,
    hist: 8 * 2 * mapper.totalBins * nSlots, active: 4 * Math.max(1, F), y: 8 * n,
    scores: 8 * K * n, roundScores: K > 1 ? 8 * K * n : 0,
    leafStart: 4 * maxLeaves, leafEnd: 4 * maxLeaves, leafValue: 8 * maxLeaves, leafSums: 16 * maxLeaves,
    jobs: 16 * maxLeaves, luts: 256 * maxLeaves, q: quantized ? 8 * n : 8, qinfo: 8 * 8,
    kargs: kargsBytes(F) * parts,
    segmentHists: quantized && parts > 1 ? 8 * mapper.totalBins * parts : 0,
    splitJobs: 8 * SPLIT_JOB_DOUBLES * maxLeaves, splitOut: 8 * SPLIT_OUT_DOUBLES * maxLeaves, splitLuts: 256 * maxLeaves,
  };
  const places = (kernels === 'wasm' ? wasmPlaces(sizes) : null) ?? jsPlaces(sizes);
  return viewsOf({ ...places, parts }, X.nRows, F, mapper, quantized, 0);
}

/** Every region in one shared memory, 64-byte aligned; null when it does not fit. */
function wasmPlaces(sizes: Record<Region, number>): { memory: WebAssembly.Memory; module: WebAssembly.Module; places: Record<Region, Place> } | null {
  let at = 64;
  const offsets = {} as Record<Region, number>;
  for (const r of REGIONS) { offsets[r] = at; at += Math.ceil(Math.max(8, sizes[r]) / 64) * 64; }
  if (at > WASM_MAX_BYTES) return null;
  const pages = Math.ceil(at / PAGE);
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  } catch {
    return null;
  }
  const buf = memory.buffer as unknown as SharedArrayBuffer;
  const places = {} as Record<Region, Place>;
  for (const r of REGIONS) places[r] = { buf, offset: offsets[r], bytes: sizes[r] };
  return { memory, module: kernelModule(), places };
}

function jsPlaces(sizes: Record<Region, number>): { memory: null; module: null; places: Record<Region, Place> } {
  const places = {} as Record<Region, Place>;
  for (const r of REGIONS) places[r] = { buf: new SharedArrayBuffer(Math.max(8, sizes[r])), offset: 0, bytes: sizes[r] };
  return { memory: null, module: null, places };
}

/** Typed views over the shared buffers for thread `part` (the main thread is 0; each worker builds its own). */
export function viewsOf(shared: SharedBuffers, n: number, F: number, mapper: BinMapper, quantized: boolean, part: number): Workspace {
  const width = Int32Array.from(mapper.features, (f) => f.nBins + 1);
  const offset = mapper.offsets;
  const offset2 = offset.map((o) => 2 * o);
  const categorical = Uint8Array.from(mapper.features, (f) => (f.categorical ? 1 : 0));
  const p = shared.places;
  const view = <T>(C: new (b: SharedArrayBuffer, o: number, len: number) => T, r: Region, bytesPer: number): T => new C(p[r].buf, p[r].offset, Math.floor(p[r].bytes / bytesPer));
  const f64 = (r: Region): Float64Array => view(Float64Array, r, 8);
  const i32 = (r: Region): Int32Array => view(Int32Array, r, 4);
  const u8 = (r: Region): Uint8Array => view(Uint8Array, r, 1);
  const scores = f64('scores');
  const Fk = Math.max(1, F);
  const kargs = new Int32Array(p.kargs.buf, p.kargs.offset + kargsBytes(F) * part, 2 * Fk);
  return {
    n, nFeatures: F, mapper, shared, quantized, q: f64('q'), qinfo: f64('qinfo'),
    bins: u8('bins'), colBins: u8('colBins'), gh: f64('gh'), idx: view(Uint32Array, 'idx', 4),
    scratch: view(Uint32Array, 'scratch', 4), scratch2: view(Uint32Array, 'scratch2', 4),
    hist: f64('hist'), active: i32('active'),
    y: f64('y'), scores, roundScores: p.roundScores.bytes > 0 ? f64('roundScores') : scores,
    leafStart: i32('leafStart'), leafEnd: i32('leafEnd'), leafValue: f64('leafValue'),
    leafSums: f64('leafSums'), jobs: i32('jobs'), luts: u8('luts'),
    slotSize: 2 * mapper.totalBins, offset, offset2, width,
    layout: { offset2, width, categorical },
    kernels: shared.memory && shared.module ? instantiateKernels(shared.module, shared.memory) : null,
    kFeats: kargs.subarray(0, Fk), kOffs: kargs.subarray(Fk, 2 * Fk), kScratch: kargs.byteOffset + 8 * Fk,
    segmentHists: f64('segmentHists'),
    splitJobs: f64('splitJobs'), splitOut: f64('splitOut'), splitLuts: u8('splitLuts'),
  };
}

/** Bin every feature of X into the workspace: column-major codes, then a blocked transpose into the row-major codes. */
export function binInto(w: Workspace, columns: readonly Float64Array[]): void {
  for (let j = 0; j < columns.length; j++) binColumn(w.mapper.features[j], columns[j], w.colBins.subarray(j * w.n, (j + 1) * w.n));
  transposeCodes(w.colBins, w.bins, w.n, w.nFeatures);
}

/** column-major n×F → row-major, in row blocks that stay in cache */
function transposeCodes(cols: Uint8Array, rows: Uint8Array, n: number, F: number): void {
  const block = 4096;
  for (let s = 0; s < n; s += block) {
    const e = Math.min(n, s + block);
    for (let j = 0; j < F; j++) {
      const c = j * n;
      for (let i = s, o = s * F + j; i < e; i++, o += F) rows[o] = cols[c + i];
    }
  }
}

/** Add leaf values to the scores of class offset `off` for the leaves' rows within positions [from, to) of idx. */
export function addLeafValues(w: Workspace, nLeaves: number, off: number, from: number, to: number): void {
  const { idx, scores, kernels } = w;
  for (let j = 0; j < nLeaves; j++) {
    const s = Math.max(from, w.leafStart[j]), e = Math.min(to, w.leafEnd[j]), v = w.leafValue[j];
    if (kernels) { if (e > s) kernels.add_value(idx.byteOffset, scores.byteOffset + 8 * off, s, e, v); continue; }
    for (let i = s; i < e; i++) scores[off + idx[i]] += v;
  }
}

/** Exact gradient sums of leaves j = part, part+parts, …: each leaf is summed by one thread in row-list order. */
export function sumLeaves(w: Workspace, nLeaves: number, part: number, parts: number): void {
  const { idx, gh, kernels } = w;
  for (let j = part; j < nLeaves; j += parts) {
    if (kernels) { kernels.leaf_sum(idx.byteOffset, gh.byteOffset, w.leafStart[j], w.leafEnd[j], w.leafSums.byteOffset + 16 * j); continue; }
    let G = 0, H = 0;
    for (let i = w.leafStart[j]; i < w.leafEnd[j]; i++) { const r = idx[i]; G += gh[2 * r]; H += gh[2 * r + 1]; }
    w.leafSums[2 * j] = G;
    w.leafSums[2 * j + 1] = H;
  }
}
