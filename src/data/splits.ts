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
  readonly strategy: 'random' | 'stratified' | 'group' | 'time';
  readonly seed: number;
  readonly fractions: Readonly<Record<SplitName, number>>;
  /** strata per row (class index, or a target quantile bin for regression); required for 'stratified' */
  readonly strata?: Int32Array;
  /** 'group': a group key per row (e.g. customer id codes); rows with one key never land in two splits */
  readonly groups?: Int32Array;
  /** 'time': a time per row; train is earliest, test latest, the three dev splits in between */
  readonly times?: Float64Array;
  /** rows to leave out entirely (dedupe); they get no split (assignment 255) */
  readonly drop?: Uint8Array;
}

/** Assignment value of a row left out of every split (e.g. a duplicate removed by splits.dedupe). */
export const NO_SPLIT = 255;

/** Assign every row to exactly one split. Each stratum is shuffled and cut by the fractions (largest remainder). */
export function makeSplits(nRows: number, opts: SplitOptions): Splits {
  const assignment = new Uint8Array(nRows);
  const keep = allRows(nRows).filter((r) => !opts.drop?.[r]);
  if (opts.drop) for (let r = 0; r < nRows; r++) if (opts.drop[r]) assignment[r] = NO_SPLIT;
  if (opts.strategy === 'group') assignByGroup(keep, opts, assignment);
  else if (opts.strategy === 'time') assignByTime(keep, opts, assignment);
  else assignShuffled(keep, opts, assignment);
  const splits = fromAssignment(assignment);
  for (const name of SPLIT_NAMES) {
    if (splits.rows[name].length === 0) {
      throw new DataError(`split '${name}' got no rows from ${nRows} data rows; use more data or a larger splits.${name} fraction`);
    }
  }
  return splits;
}

function assignShuffled(keep: Int32Array, opts: SplitOptions, assignment: Uint8Array): void {
  const rng = new Rng(opts.seed);
  const strata = opts.strata;
  const groups = opts.strategy === 'stratified' && strata ? groupBy(Int32Array.from(keep, (r) => strata[r])).map((g) => g.map((i) => keep[i])) : [keep];
  for (const g of groups) {
    rng.shuffle(g);
    const counts = cutCounts(g.length, opts.fractions);
    let at = 0;
    counts.forEach((c, s) => {
      for (let k = 0; k < c; k++) assignment[g[at++]] = s;
    });
  }
}

/** Whole groups are shuffled, then each is given to the split whose row quota is furthest from filled. */
function assignByGroup(keep: Int32Array, opts: SplitOptions, assignment: Uint8Array): void {
  const keys = opts.groups!;
  const members = new Map<number, number[]>();
  for (const r of keep) {
    const k = keys[r];
    const list = members.get(k);
    if (list) list.push(r);
    else members.set(k, [r]);
  }
  const order = new Rng(opts.seed).shuffle([...members.keys()].sort((a, b) => a - b));
  const target = SPLIT_NAMES.map((n) => opts.fractions[n] * keep.length);
  const filled = new Array<number>(SPLIT_NAMES.length).fill(0);
  for (const k of order) {
    let best = 0;
    for (let s = 1; s < target.length; s++) if (target[s] - filled[s] > target[best] - filled[best]) best = s;
    for (const r of members.get(k)!) assignment[r] = best;
    filled[best] += members.get(k)!.length;
  }
}

/** Time order: train takes the earliest rows, test the latest, and the dev splits share the middle (shuffled). */
function assignByTime(keep: Int32Array, opts: SplitOptions, assignment: Uint8Array): void {
  const t = opts.times!;
  const missing = keep.find((r) => Number.isNaN(t[r]));
  if (missing !== undefined) throw new DataError(`splits.time: the time column is missing in data row ${missing + 1}; every row needs a time for a time split`);
  const sorted = Int32Array.from(keep).sort((a, b) => t[a] - t[b] || a - b);
  const counts = cutCounts(sorted.length, opts.fractions);
  const [nTrain, nDev1, nDev2, nDev3] = counts;
  for (let i = 0; i < nTrain; i++) assignment[sorted[i]] = 0;
  const middle = new Rng(opts.seed).shuffle(sorted.slice(nTrain, nTrain + nDev1 + nDev2 + nDev3));
  middle.forEach((r, i) => (assignment[r] = i < nDev1 ? 1 : i < nDev1 + nDev2 ? 2 : 3));
  for (let i = nTrain + nDev1 + nDev2 + nDev3; i < sorted.length; i++) assignment[sorted[i]] = 4;
}

/** Rebuild the per-split row lists from a recorded assignment (rows marked NO_SPLIT belong to none). */
export function fromAssignment(assignment: Uint8Array): Splits {
  const counts = new Array<number>(SPLIT_NAMES.length).fill(0);
  for (const s of assignment) if (s !== NO_SPLIT) counts[s]++;
  const rows = SPLIT_NAMES.map((_, s) => new Int32Array(counts[s]));
  const fill = new Array<number>(SPLIT_NAMES.length).fill(0);
  for (let i = 0; i < assignment.length; i++) if (assignment[i] !== NO_SPLIT) rows[assignment[i]][fill[assignment[i]]++] = i;
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
