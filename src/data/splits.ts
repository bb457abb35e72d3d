// The five disjoint splits (train, trainDev, eyeball, blackbox, test): random or stratified, seeded.
import { Rng } from '../util/rng.ts';
import { SPLIT_NAMES, type SplitName } from '../spec/types.ts';
import { DataError } from '../util/errors.ts';

export interface Splits {
  /** `assignment[i]` = index into SPLIT_NAMES of data row i */
  readonly assignment: Uint8Array;
  /** row indices of each split, ascending */
  readonly rows: Readonly<Record<SplitName, Int32Array>>;
}

export interface SplitOptions {
  readonly strategy: 'random' | 'stratified';
  readonly seed: number;
  readonly fractions: Readonly<Record<SplitName, number>>;
  /** strata per row (class index, or a target quantile bin for regression); required for 'stratified' */
  readonly strata?: Int32Array;
}

/** Assign every row to exactly one split. Each stratum is shuffled and cut by the fractions (largest remainder). */
export function makeSplits(nRows: number, opts: SplitOptions): Splits {
  const rng = new Rng(opts.seed);
  const groups = opts.strategy === 'stratified' && opts.strata ? groupBy(opts.strata) : [allRows(nRows)];
  const assignment = new Uint8Array(nRows);
  for (const g of groups) {
    rng.shuffle(g);
    const counts = cutCounts(g.length, opts.fractions);
    let at = 0;
    counts.forEach((c, s) => {
      for (let k = 0; k < c; k++) assignment[g[at++]] = s;
    });
  }
  const splits = fromAssignment(assignment);
  for (const name of SPLIT_NAMES) {
    if (splits.rows[name].length === 0) {
      throw new DataError(`split '${name}' got no rows from ${nRows} data rows; use more data or a larger splits.${name} fraction`);
    }
  }
  return splits;
}

/** Rebuild the per-split row lists from a recorded assignment. */
export function fromAssignment(assignment: Uint8Array): Splits {
  const counts = new Array<number>(SPLIT_NAMES.length).fill(0);
  for (const s of assignment) counts[s]++;
  const rows = SPLIT_NAMES.map((_, s) => new Int32Array(counts[s]));
  const fill = new Array<number>(SPLIT_NAMES.length).fill(0);
  for (let i = 0; i < assignment.length; i++) rows[assignment[i]][fill[assignment[i]]++] = i;
  return {
    assignment,
    rows: Object.fromEntries(SPLIT_NAMES.map((n, s) => [n, rows[s]])) as Record<SplitName, Int32Array>,
  };
}

/** Quantile bins of a numeric target, so regression splits can be stratified too. */
export function quantileStrata(y: Float64Array, bins = 10): Int32Array {
  const sorted = Float64Array.from(y).sort();
  const cuts: number[] = [];
  for (let b = 1; b < bins; b++) cuts.push(sorted[Math.floor((b * sorted.length) / bins)]);
  const out = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    let k = 0;
    while (k < cuts.length && y[i] >= cuts[k]) k++;
    out[i] = k;
  }
  return out;
}

function allRows(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

function groupBy(strata: Int32Array): Int32Array[] {
  const keys = [...new Set(strata)].sort((a, b) => a - b);
  const index = new Map(keys.map((k, i) => [k, i]));
  const counts = new Array<number>(keys.length).fill(0);
  for (const s of strata) counts[index.get(s)!]++;
  const groups = counts.map((c) => new Int32Array(c));
  const fill = new Array<number>(keys.length).fill(0);
  for (let i = 0; i < strata.length; i++) {
    const g = index.get(strata[i])!;
    groups[g][fill[g]++] = i;
  }
  return groups;
}

/** Split n items by fractions with the largest-remainder method (counts sum to n exactly). */
function cutCounts(n: number, fractions: Readonly<Record<SplitName, number>>): number[] {
  const exact = SPLIT_NAMES.map((s) => n * fractions[s]);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k][1]]++;
  return counts;
}
