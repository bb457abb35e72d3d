// Distribution shift per feature: PSI (reference quantile bins or levels) and the two-sample KS statistic.
import type { CategoricalColumn, Column, NumericColumn } from '../data/table.ts';
import { quantileCuts, sortedPresent } from './quantiles.ts';

/**
 * The PSI epsilon, as a count: every bin gets this many extra rows on both sides before proportions are taken, so
 * an empty bin gives a finite term that shrinks with the sample (half a row in 20,000 is 2.5e-5).
 */
export const PSI_SMOOTHING = 0.5;
/** Numeric PSI bins: quantiles of the reference. */
export const PSI_BINS = 10;
/** Categorical PSI keeps levels with at least this share of the reference (at most MAX_LEVELS), pooling the rest as "other". */
const MIN_LEVEL_SHARE = 0.01;
const MAX_LEVELS = 20;

export interface Drift {
  readonly feature: string;
  readonly psi: number;
  /**
   * PSI two samples of these sizes from one distribution show by chance, (bins − 1)(1/n₁ + 1/n₂) (PSI ≈ χ²·(1/n₁+1/n₂)):
   * a feature counts as shifted when psi − chance passes the threshold, so small samples do not raise false alarms.
   */
  readonly chance: number;
  /** numeric only: max |F_a − F_b| over present values */
  readonly ks: number | null;
}

/** Drift of column `b` against reference column `a` (same name, kind and encoding). */
export function drift(a: Column, b: Column): Drift {
  if (a.kind === 'numeric') return numericDrift(a, b as NumericColumn);
  const [ca, cb] = levelCounts(a, b as CategoricalColumn);
  return { feature: a.name, ...psiWithChance(ca, cb), ks: null };
}

function numericDrift(a: NumericColumn, b: NumericColumn): Drift {
  const sa = sortedPresent(a.values);
  const sb = sortedPresent(b.values);
  const cuts = quantileCuts(sa, PSI_BINS);
  const [ca, cb] = [binCounts(sa, a.values.length, cuts), binCounts(sb, b.values.length, cuts)];
  return { feature: a.name, ...psiWithChance(ca, cb), ks: ksSorted(sa, sb) };
}

function psiWithChance(ca: Float64Array, cb: Float64Array): { psi: number; chance: number } {
  const na = sum(ca);
  const nb = sum(cb);
  let used = 0;
  for (let i = 0; i < ca.length; i++) if (ca[i] + cb[i] > 0) used++;
  const chance = na > 0 && nb > 0 ? Math.max(0, used - 1) * (1 / na + 1 / nb) : 0;
  return { psi: psi(ca, na, cb, nb), chance };
}

/** Population stability index of counts `cb` against reference counts `ca`, smoothed by PSI_SMOOTHING rows per bin. */
export function psi(ca: Float64Array, na: number, cb: Float64Array, nb: number): number {
  if (na === 0 || nb === 0) return 0;
  const used = ca.reduce((k, c, i) => k + (c + cb[i] > 0 ? 1 : 0), 0);
  const da = na + PSI_SMOOTHING * used;
  const db = nb + PSI_SMOOTHING * used;
  let out = 0;
  for (let i = 0; i < ca.length; i++) {
    if (ca[i] === 0 && cb[i] === 0) continue;
    const p = (ca[i] + PSI_SMOOTHING) / da;
    const q = (cb[i] + PSI_SMOOTHING) / db;
    out += (q - p) * Math.log(q / p);
  }
  return out;
}

/** Counts per reference-quantile bin of sorted present values; the last bin counts the missing ones. */
function binCounts(sorted: Float64Array, n: number, cuts: Float64Array): Float64Array {
  const c = new Float64Array(cuts.length + 2);
  let at = 0;
  for (let b = 0; b < cuts.length; b++) {
    const start = at;
    while (at < sorted.length && sorted[at] < cuts[b]) at++;
    c[b] = at - start;
  }
  c[cuts.length] = sorted.length - at;
  c[cuts.length + 1] = n - sorted.length;
  return c;
}

/** Counts per kept reference level, then "other", then missing. */
function levelCounts(a: CategoricalColumn, b: CategoricalColumn): [Float64Array, Float64Array] {
  const freq = new Float64Array(a.levels.length);
  for (const c of a.codes) if (c >= 0) freq[c]++;
  const kept = Array.from(freq.keys()).filter((l) => freq[l] >= MIN_LEVEL_SHARE * a.codes.length)
    .sort((x, y) => freq[y] - freq[x] || x - y).slice(0, MAX_LEVELS);
  const bin = new Int32Array(a.levels.length).fill(kept.length);
  kept.forEach((l, i) => (bin[l] = i));
  const count = (codes: Int32Array): Float64Array => {
    const c = new Float64Array(kept.length + 2);
    for (const code of codes) c[code < 0 ? kept.length + 1 : bin[code]]++;
    return c;
  };
  return [count(a.codes), count(b.codes)];
}

/** Two-sample Kolmogorov–Smirnov statistic over the present values (0 when either side has none). */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  return ksSorted(sortedPresent(a), sortedPresent(b));
}

function ksSorted(x: Float64Array, y: Float64Array): number {
  if (x.length === 0 || y.length === 0) return 0;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] === v) i++;
    while (j < y.length && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

function sum(c: Float64Array): number {
  let s = 0;
  for (const v of c) s += v;
  return s;
}
