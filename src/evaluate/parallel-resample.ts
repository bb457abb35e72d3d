// Bootstrap resamples keyed by (seed, resample index), drawn block by block: any thread can draw any resample, and every count is made in L1 cache.
import { Rng } from '../util/rng.ts';
import { BLOCK_ROWS, FULL_BLOCK_SHIFT } from './kernels/constants.ts';
import { inKernels, resampleKernels, type ResampleKernels } from './kernels/index.ts';
import { binomial } from './parallel-binomial.ts';

export { BLOCK_ROWS } from './kernels/constants.ts';

/**
 * The generator of resample b: `new Rng(seed).fork(b)`. fork mixes its label with an odd multiplier,
 * so b ↦ stream is one-to-one for a given seed, and resample b never depends on which thread drew
 * the resamples before it.
 */
export function resampleRng(seed: number, b: number): Rng {
  return new Rng(seed).fork(b);
}

/** One thread's scratch space for resamples of n rows (reused, overwritten by every draw). */
export interface ResampleBuffers {
  readonly n: number;
  /** a chunk of raw 32-bit words for in-block draws */
  readonly words: Uint32Array;
  /** times each row was drawn; a byte keeps a block's counts in L1 cache */
  readonly counts: Uint8Array;
  /** the drawn rows in ascending order, one slot of padding for the branch-light expansion */
  readonly idx: Int32Array;
  /** the WebAssembly loops, whose memory holds `counts` (null: the JavaScript loops run) */
  readonly kernels: ResampleKernels | null;
}

/** Scratch for resamples of n rows; with the compiled kernels module, `counts` lives in the kernels' own memory. */
export function resampleBuffers(n: number, module: WebAssembly.Module | null = null): ResampleBuffers {
  const kernels = resampleKernels(module, n);
  return { n, words: new Uint32Array(BLOCK_ROWS), counts: kernels?.counts ?? new Uint8Array(n), idx: new Int32Array(n + 1), kernels };
}

const TWO_32 = 4294967296;

/** Lands k draws on a full block: the top 12 bits of a uniform 32-bit word are a uniform row of 4096. */
function countFullBlock(rng: Rng, k: number, window: Uint8Array | Int32Array, words: Uint32Array, kernels: ResampleKernels | null): boolean {
  if (kernels && inKernels(kernels, window)) {
    rng.saveState(kernels.state);
    const wrapped = kernels.exports.count_full(kernels.state.byteOffset, k, window.byteOffset) !== 0;
    rng.loadState(kernels.state);
    return wrapped;
  }
  let wrapped = false;
  for (let done = 0; done < k; done += words.length) {
    const batch = words.subarray(0, Math.min(words.length, k - done));
    rng.fillU32(batch);
    for (let j = 0; j < batch.length; j++) {
      if (window[batch[j] >>> FULL_BLOCK_SHIFT]++ === 255 && window instanceof Uint8Array) wrapped = true;
    }
  }
  return wrapped;
}

/**
 * Lands k draws on the L < 4096 rows of the last block, one word each by Lemire's multiply-shift:
 * row ⌊x·L / 2³²⌋ (exact: x·L < 2⁵³), skipping the 2³² mod L words whose low half falls below
 * 2³² mod L, which makes every row equally likely; words come from the stream in order.
 */
function countPartialBlock(rng: Rng, k: number, window: Uint8Array | Int32Array): boolean {
  const L = window.length;
  const threshold = TWO_32 % L;
  let wrapped = false;
  for (let left = k; left > 0;) {
    const m = rng.nextU32() * L;
    const row = Math.floor(m / TWO_32);
    if (m - row * TWO_32 < threshold) continue;
    if (window[row]++ === 255 && window instanceof Uint8Array) wrapped = true;
    left--;
  }
  return wrapped;
}

/** Lands k uniform draws on the rows of one block; true when a byte count wrapped past 255. */
function countBlockDraws(rng: Rng, k: number, window: Uint8Array | Int32Array, words: Uint32Array, kernels: ResampleKernels | null): boolean {
  return window.length === BLOCK_ROWS ? countFullBlock(rng, k, window, words, kernels) : countPartialBlock(rng, k, window);
}

/**
 * Resample b of n rows as counts per row. It is n draws with replacement, made block by block:
 * block i (rows [4096 i, 4096 (i + 1))) receives Binomial(draws left, its rows / rows left) of
 * them — the sequential-conditional form of Multinomial(n, 1/n, …, 1/n) — and each lands on a
 * uniformly chosen row of the block. So the counts have exactly the law of n independent uniform
 * draws (the classic bootstrap), at one 32-bit word a draw, without a random access outside 4 KiB.
 * Returns false when a byte count wrapped (a row drawn 256+ times: possible in principle, never
 * seen); `sortedDraws` then gives the same resample with full-width counts.
 */
export function countResample(seed: number, b: number, n: number, counts: Uint8Array | Int32Array, words: Uint32Array, kernels: ResampleKernels | null = null): boolean {
  const rng = resampleRng(seed, b);
  let left = n;
  let wrapped = false;
  for (let start = 0; start < n; start += BLOCK_ROWS) {
    const window = counts.subarray(start, Math.min(n, start + BLOCK_ROWS));
    const k = binomial(rng, left, window.length / (n - start));
    left -= k;
    window.fill(0);
    if (countBlockDraws(rng, k, window, words, kernels)) wrapped = true;
  }
  return !wrapped;
}

/** Draws resample b into `buf.counts`; false when a byte count wrapped (see countResample). */
export function drawCounts(seed: number, b: number, buf: ResampleBuffers): boolean {
  return countResample(seed, b, buf.n, buf.counts, buf.words, buf.kernels);
}

/** The rows of a counted resample in ascending order, each repeated as often as it was drawn. */
function expand(counts: Uint8Array | Int32Array, idx: Int32Array): Int32Array {
  let at = 0;
  for (let r = 0; r < counts.length; r++) {
    const c = counts[r];
    idx[at] = r; // written even when c = 0: the next row overwrites it (hence the padding slot)
    for (let extra = 1; extra < c; extra++) idx[at + extra] = r;
    at += c;
  }
  return idx.subarray(0, counts.length);
}

/** The rows of the resample in buf.counts in ascending order (a view of buf.idx, valid until the next call). */
export function expandCounts(buf: ResampleBuffers): Int32Array {
  return expand(buf.counts, buf.idx);
}

/** Resample b as sorted row indices with full-width counts: the reference, and the path when a byte count wraps. */
export function sortedDraws(seed: number, b: number, n: number): Int32Array {
  const counts = new Int32Array(n);
  countResample(seed, b, n, counts, new Uint32Array(BLOCK_ROWS));
  return expand(counts, new Int32Array(n + 1));
}
