// Rows in score order for the bootstrap: a stable LSD radix argsort of float64 scores (NaN last), and the tie groups of the sorted scores.

const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;

/**
 * Each score's bits as an unsigned (hi, lo) pair whose order is the numeric order: positives get
 * the sign bit set, negatives are inverted, and every NaN maps to the largest key (sorted last).
 */
function sortKeys(p: Float64Array): { hi: Uint32Array; lo: Uint32Array } {
  const n = p.length;
  const words = new Uint32Array(p.slice().buffer); // little-endian: [lo, hi] per double
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + 1], l = words[2 * i];
    if (Number.isNaN(p[i])) { hi[i] = 0xffffffff; lo[i] = 0xffffffff; } else if (h >>> 31) { hi[i] = ~h >>> 0; lo[i] = ~l >>> 0; } else { hi[i] = (h | 0x80000000) >>> 0; lo[i] = l; }
  }
  return { hi, lo };
}

/** Rows being sorted, with their keys carried along so that every pass reads memory in order. */
interface Sorting {
  hi: Uint32Array;
  lo: Uint32Array;
  rows: Int32Array;
}

function digitCounts(key: Uint32Array, shift: number): Int32Array {
  const counts = new Int32Array(BUCKETS);
  for (let i = 0; i < key.length; i++) counts[(key[i] >>> shift) & (BUCKETS - 1)]++;
  return counts;
}

/** One stable counting pass on the digit of `key` at `shift` from `a` into `b`; false (nothing moved) when every row shares that digit. */
function radixPass(a: Sorting, b: Sorting, key: 'hi' | 'lo', shift: number): boolean {
  const counts = digitCounts(a[key], shift);
  if (counts.some((c) => c === a.rows.length)) return false;
  let sum = 0;
  for (let d = 0; d < BUCKETS; d++) { const c = counts[d]; counts[d] = sum; sum += c; }
  const k = a[key], aHi = a.hi, aLo = a.lo, aRows = a.rows, bHi = b.hi, bLo = b.lo, bRows = b.rows;
  for (let i = 0; i < k.length; i++) {
    const at = counts[(k[i] >>> shift) & (BUCKETS - 1)]++;
    bHi[at] = aHi[i]; bLo[at] = aLo[i]; bRows[at] = aRows[i];
  }
  return true;
}

/** Row order that sorts `p` ascending, ties in row order, NaN last (the order Float64Array#sort gives the values). */
export function argsortScores(p: Float64Array): Int32Array {
  const n = p.length;
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  let a: Sorting = { ...sortKeys(p), rows };
  let b: Sorting = { hi: new Uint32Array(n), lo: new Uint32Array(n), rows: new Int32Array(n) };
  for (const key of ['lo', 'hi'] as const) {
    for (let shift = 0; shift < 32; shift += DIGIT_BITS) {
      if (radixPass(a, b, key, shift)) [a, b] = [b, a];
    }
  }
  return a.rows;
}

/** `values` rearranged so that position j holds values[order[j]]. */
export function permute(values: Float64Array, order: Int32Array, out: Float64Array = new Float64Array(order.length)): Float64Array {
  for (let j = 0; j < order.length; j++) out[j] = values[order[j]];
  return out;
}

/** Labels and tie groups of scores sorted ascending: what the counting scorers of AUC and average precision need. */
export interface RankIndex {
  /** 1 where the row's label is the positive class */
  readonly pos: Uint8Array;
  /** 1 where the row's score differs from the previous row's (the first row of a tie group) */
  readonly first: Uint8Array;
  /** rows from here on have a NaN score */
  readonly nanStart: number;
  /** some non-NaN scores are tied */
  readonly ties: boolean;
}

export function rankIndex(ySorted: Float64Array, pSorted: Float64Array): RankIndex {
  const n = pSorted.length;
  const pos = new Uint8Array(n);
  const first = new Uint8Array(n);
  let nanStart = n;
  for (let r = 0; r < n; r++) {
    pos[r] = ySorted[r] === 1 ? 1 : 0;
    first[r] = r === 0 || pSorted[r] !== pSorted[r - 1] ? 1 : 0;
    if (nanStart === n && Number.isNaN(pSorted[r])) nanStart = r;
  }
  return { pos, first, nanStart, ties: first.subarray(0, nanStart).includes(0) };
}
