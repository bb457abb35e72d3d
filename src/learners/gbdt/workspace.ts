// Shared-memory training buffers (bins, gradients, row lists, histogram slots), allocated once per fit.
import { binColumn, type BinMapper } from './binning.ts';
import type { HistInputs } from './histogram.ts';
import type { PartitionInputs } from './partition.ts';
import type { HistLayout } from './split.ts';
import type { Matrix } from '../types.ts';

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
}

export interface SharedBuffers {
  readonly bins: SharedArrayBuffer;
  readonly colBins: SharedArrayBuffer;
  readonly gh: SharedArrayBuffer;
  readonly idx: SharedArrayBuffer;
  readonly scratch: SharedArrayBuffer;
  readonly lut: SharedArrayBuffer;
  readonly hist: SharedArrayBuffer;
  readonly active: SharedArrayBuffer;
  readonly y: SharedArrayBuffer;
  readonly scores: SharedArrayBuffer;
  readonly roundScores: SharedArrayBuffer;
  readonly leafStart: SharedArrayBuffer;
  readonly leafEnd: SharedArrayBuffer;
  readonly leafValue: SharedArrayBuffer;
  readonly leafSums: SharedArrayBuffer;
  readonly jobs: SharedArrayBuffer;
  readonly luts: SharedArrayBuffer;
  readonly q: SharedArrayBuffer;
  readonly qinfo: SharedArrayBuffer;
}

/** Allocate the buffers for X (bins are filled by `binInto`); K = trees per round, up to maxLeaves leaves per tree. */
export function makeWorkspace(X: Matrix, mapper: BinMapper, nSlots: number, K: number, maxLeaves: number, quantized: boolean): Workspace {
  const n = X.nRows, F = X.columns.length;
  const scores = new SharedArrayBuffer(8 * K * Math.max(1, n));
  const shared: SharedBuffers = {
    bins: new SharedArrayBuffer(Math.max(1, n * F)),
    colBins: new SharedArrayBuffer(Math.max(1, n * F)),
    gh: new SharedArrayBuffer(16 * Math.max(1, n)),
    idx: new SharedArrayBuffer(4 * Math.max(1, n)),
    scratch: new SharedArrayBuffer(4 * Math.max(1, n)),
    lut: new SharedArrayBuffer(256),
    hist: new SharedArrayBuffer(8 * 2 * mapper.totalBins * nSlots),
    active: new SharedArrayBuffer(4 * Math.max(1, F)),
    y: new SharedArrayBuffer(8 * Math.max(1, n)),
    scores, roundScores: K > 1 ? new SharedArrayBuffer(8 * K * Math.max(1, n)) : scores,
    leafStart: new SharedArrayBuffer(4 * maxLeaves), leafEnd: new SharedArrayBuffer(4 * maxLeaves), leafValue: new SharedArrayBuffer(8 * maxLeaves),
    leafSums: new SharedArrayBuffer(16 * maxLeaves),
    jobs: new SharedArrayBuffer(16 * maxLeaves), luts: new SharedArrayBuffer(256 * maxLeaves),
    q: new SharedArrayBuffer(quantized ? 8 * Math.max(1, n) : 8), qinfo: new SharedArrayBuffer(8 * 8),
  };
  return viewsOf(shared, n, F, mapper, quantized);
}

/** Typed views over the shared buffers (used by the main thread and by each worker). */
export function viewsOf(shared: SharedBuffers, n: number, F: number, mapper: BinMapper, quantized: boolean): Workspace {
  const width = Int32Array.from(mapper.features, (f) => f.nBins + 1);
  const offset2 = mapper.offsets.map((o) => 2 * o);
  const categorical = Uint8Array.from(mapper.features, (f) => (f.categorical ? 1 : 0));
  return {
    n, nFeatures: F, mapper, shared, quantized, q: new Float64Array(shared.q), qinfo: new Float64Array(shared.qinfo),
    bins: new Uint8Array(shared.bins), colBins: new Uint8Array(shared.colBins), gh: new Float64Array(shared.gh), idx: new Uint32Array(shared.idx),
    scratch: new Uint32Array(shared.scratch), lut: new Uint8Array(shared.lut),
    hist: new Float64Array(shared.hist), active: new Int32Array(shared.active),
    y: new Float64Array(shared.y), scores: new Float64Array(shared.scores), roundScores: new Float64Array(shared.roundScores),
    leafStart: new Int32Array(shared.leafStart), leafEnd: new Int32Array(shared.leafEnd), leafValue: new Float64Array(shared.leafValue),
    leafSums: new Float64Array(shared.leafSums), jobs: new Int32Array(shared.jobs), luts: new Uint8Array(shared.luts),
    slotSize: 2 * mapper.totalBins, offset2, width,
    layout: { offset2, width, categorical },
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
  const { idx, scores } = w;
  for (let j = 0; j < nLeaves; j++) {
    const s = Math.max(from, w.leafStart[j]), e = Math.min(to, w.leafEnd[j]), v = w.leafValue[j];
    for (let i = s; i < e; i++) scores[off + idx[i]] += v;
  }
}

/** Exact gradient sums of leaves j = part, part+parts, …: each leaf is summed by one thread in row-list order. */
export function sumLeaves(w: Workspace, nLeaves: number, part: number, parts: number): void {
  const { idx, gh } = w;
  for (let j = part; j < nLeaves; j += parts) {
    let G = 0, H = 0;
    for (let i = w.leafStart[j]; i < w.leafEnd[j]; i++) { const r = idx[i]; G += gh[2 * r]; H += gh[2 * r + 1]; }
    w.leafSums[2 * j] = G;
    w.leafSums[2 * j + 1] = H;
  }
}

/** The partition job's bin→side table. */
export function jobLut(w: Workspace, j: number): Uint8Array {
  return w.luts.subarray(256 * j, 256 * (j + 1));
}
