// Automatic weak-slice discovery: one- and two-predicate slices whose error rate is significantly above the rest.
import type { Table } from '../data/table.ts';
import type { Finding } from '../evaluate/findings.ts';
import type { Json } from '../track/types.ts';
import { BadInputError } from '../util/errors.ts';
import { finding } from './codes.ts';
import { columnOf, columnPredicates, countBits, describeAll, predicateBits, type Predicate } from './predicates.ts';
import { logFisherUpper, logNormalUpperTail, minusLog10, newcombeDifference, twoProportionZ } from './stats.ts';

export interface WeakSliceOptions {
  readonly table: Table;
  /** data rows searched (one split's rows) */
  readonly rows: Int32Array;
  /** 1 = the model is wrong on rows[i] */
  readonly errors: Uint8Array;
  /** raw columns to slice on */
  readonly columns: readonly string[];
  /** least rows in a slice and in its complement (default 30) */
  readonly minSupport?: number;
  /** slices returned (default 3) */
  readonly maxResults?: number;
  /** family-wise significance level after Bonferroni (default 0.05) */
  readonly alpha?: number;
  /** quantile bins of numeric columns (default 10: deciles) */
  readonly bins?: number;
  /** single predicates extended into pairs: the strongest this many (default 20) */
  readonly beam?: number;
}

export interface WeakSlice {
  /** e.g. "region = south AND income < 32000" */
  readonly description: string;
  readonly predicates: readonly Predicate[];
  readonly n: number;
  readonly errors: number;
  readonly errorRate: number;
  readonly restErrorRate: number;
  /** errorRate − restErrorRate */
  readonly effect: number;
  /** 95% interval of the effect (Newcombe's hybrid score interval) */
  readonly ci: readonly [number, number];
  /** one-sided Fisher exact test of errorRate > restErrorRate (hypergeometric upper tail; 0 when it underflows) */
  readonly pValue: number;
  /** Bonferroni over every candidate slice (singles and all cross-column pairs): min(1, p · hypotheses) */
  readonly adjustedP: number;
  /** ranking score: effect × −log10(adjustedP) */
  readonly score: number;
}

export interface WeakSliceResult {
  readonly slices: readonly WeakSlice[];
  readonly findings: readonly Finding[];
  readonly rows: number;
  readonly errors: number;
  readonly baseErrorRate: number;
  /** slices whose statistics were computed (singles, and pairs that refine both parts) */
  readonly evaluated: number;
  /** the Bonferroni multiplier: single predicates + every cross-column pair of them */
  readonly hypotheses: number;
}

interface Candidate {
  readonly predicates: readonly Predicate[];
  readonly columns: readonly number[];
  /** row bitsets of the predicates (their AND is the slice; computed only for the slices that get picked) */
  readonly parts: readonly Uint32Array[];
  readonly n: number;
  readonly e: number;
}

interface Scored extends Candidate {
  readonly z: number;
  readonly effect: number;
  readonly logP: number;
  readonly logAdjP: number;
  readonly rank: number;
}

/**
 * Search single predicates of every column, then pairs of the `beam` strongest singles with any single of another
 * column (kept only when the pair is significantly worse than the rest of each of its two parts, at the same
 * Bonferroni level: the second predicate must add something). p: one-sided Fisher exact test (exact for the small
 * slices and rare errors where a z-test is far too optimistic). Significant = effect > 0 and adjustedP < alpha;
 * ranked by effect × −log10(adjustedP); a slice sharing ≥ half its rows with a better one is skipped.
 */
export function findWeakSlices(opts: WeakSliceOptions): WeakSliceResult {
  const { rows, errors } = opts;
  if (errors.length !== rows.length) throw new BadInputError(`errors must have one flag per row (${rows.length}); got ${errors.length}`);
  const minSupport = opts.minSupport ?? 30;
  const errBits = bitsOf(errors);
  const N = rows.length;
  const E = countBits(errBits);
  const singlesByColumn = opts.columns.map((name, j) => singles(opts.table, rows, name, j, opts.bins ?? 10, errBits, minSupport));
  const singlesAll = singlesByColumn.flat();
  const hypotheses = Math.max(1, singlesAll.length + crossPairs(singlesByColumn.map((s) => s.length)));
  const scoredSingles = singlesAll.map((c) => scoreOf(c, N, E, hypotheses));
  const alpha = opts.alpha ?? 0.05;
  const search = { beam: opts.beam ?? 20, errBits, minSupport, N, logBar: Math.log(alpha / hypotheses) };
  const pairs = pairCandidates(scoredSingles, search).map((c) => scoreOf(c, N, E, hypotheses));
  const significant = [...scoredSingles, ...pairs].filter((s) => s.effect > 0 && Math.exp(s.logAdjP) < alpha);
  const chosen = pickDistinct(significant, opts.maxResults ?? 3).map((s) => toSlice(s, N, E));
  return { slices: chosen, findings: chosen.map(sliceFinding), rows: N, errors: E, baseErrorRate: N ? E / N : NaN, evaluated: scoredSingles.length + pairs.length, hypotheses };
}

function bitsOf(flags: Uint8Array): Uint32Array {
  const bits = new Uint32Array((flags.length + 31) >>> 5);
  for (let i = 0; i < flags.length; i++) if (flags[i]) bits[i >>> 5] |= 1 << (i & 31);
  return bits;
}

function singles(table: Table, rows: Int32Array, name: string, j: number, bins: number, errBits: Uint32Array, minSupport: number): Candidate[] {
  const out: Candidate[] = [];
  for (const p of columnPredicates(columnOf(table, name), rows, bins)) {
    const bits = predicateBits(table, rows, p);
    const n = countBits(bits);
    if (n >= minSupport && rows.length - n >= minSupport) out.push({ predicates: [p], columns: [j], parts: [bits], n, e: countBits(bits, errBits) });
  }
  return out;
}

function crossPairs(sizes: readonly number[]): number {
  const total = sizes.reduce((a, b) => a + b, 0);
  return (total * total - sizes.reduce((a, b) => a + b * b, 0)) / 2;
}

interface PairSearch {
  readonly beam: number;
  readonly errBits: Uint32Array;
  readonly minSupport: number;
  readonly N: number;
  /** log of (alpha / hypotheses): the Bonferroni bar a refinement must clear */
  readonly logBar: number;
}

/** Pairs of a beam single and a single of another column that refine both: significantly worse than the rest of each part. */
function pairCandidates(singlesAll: readonly Scored[], o: PairSearch): Candidate[] {
  const top = singlesAll.map((s, i) => i).filter((i) => singlesAll[i].effect > 0).sort((a, b) => singlesAll[b].z - singlesAll[a].z).slice(0, o.beam);
  const inBeam = new Set(top);
  const out: Candidate[] = [];
  for (const bi of top) {
    const b = singlesAll[bi];
    const bits = b.parts[0];
    const bErr = and(bits, o.errBits);
    singlesAll.forEach((s, si) => {
      // a pair of two beam members is visited once, from the one earlier in the list
      if (s.columns[0] === b.columns[0] || (inBeam.has(si) && si < bi)) return;
      const n = countBits(bits, s.parts[0]);
      if (n < o.minSupport || o.N - n < o.minSupport) return;
      const e = countBits(bErr, s.parts[0]);
      if (!refines(e, n, b, o.logBar) || !refines(e, n, s, o.logBar)) return;
      out.push({ predicates: [...b.predicates, ...s.predicates], columns: [b.columns[0], s.columns[0]], parts: [bits, s.parts[0]], n, e });
    });
  }
  return out;
}

/** The pair's rows have a significantly higher error rate than the parent slice's other rows (Fisher, within the parent). */
function refines(e: number, n: number, parent: Candidate, logBar: number): boolean {
  if (parent.n - n < 1) return false;
  const z = twoProportionZ(e, n, parent.e - e, parent.n - n);
  return z > 0 && logFisherUpper(e, n, parent.e, parent.n) < logBar;
}

function and(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length);
  for (let w = 0; w < a.length; w++) out[w] = a[w] & b[w];
  return out;
}

function scoreOf(c: Candidate, N: number, E: number, hypotheses: number): Scored {
  const restN = N - c.n;
  const effect = c.e / c.n - (E - c.e) / restN;
  const z = twoProportionZ(c.e, c.n, E - c.e, restN);
  const logP = pValueLog(c.e, c.n, E, N, z, Math.log(hypotheses));
  const logAdjP = Math.min(0, logP + Math.log(hypotheses));
  return { ...c, z, effect, logP, logAdjP, rank: effect > 0 ? effect * minusLog10(logAdjP) : 0 };
}

/**
 * One-sided Fisher exact test, for slices whose z-test p × hypotheses is below 100 (the others are nowhere near
 * significance, and computing their exact tail would only cost time); otherwise the z-test's p.
 */
function pValueLog(e: number, n: number, E: number, N: number, z: number, logHypotheses: number): number {
  const logZ = logNormalUpperTail(z);
  return z > 0 && logZ + logHypotheses < Math.log(100) ? logFisherUpper(e, n, E, N) : logZ;
}

/** Best first; skip a slice with half or more of its rows inside an already chosen one (or vice versa). */
function pickDistinct(scored: readonly Scored[], max: number): Scored[] {
  const order = [...scored].sort((a, b) => b.rank - a.rank || a.predicates.length - b.predicates.length || describeAll(a.predicates).localeCompare(describeAll(b.predicates)));
  const chosen: { s: Scored; bits: Uint32Array }[] = [];
  for (const s of order) {
    if (chosen.length >= max) break;
    const bits = s.parts.reduce(and);
    if (chosen.every((c) => countBits(c.bits, bits) < 0.5 * Math.min(c.s.n, s.n))) chosen.push({ s, bits });
  }
  return chosen.map((c) => c.s);
}

function toSlice(s: Scored, N: number, E: number): WeakSlice {
  const restN = N - s.n;
  return {
    description: describeAll(s.predicates), predicates: s.predicates, n: s.n, errors: s.e,
    errorRate: s.e / s.n, restErrorRate: (E - s.e) / restN, effect: s.effect,
    ci: newcombeDifference(s.e, s.n, E - s.e, restN), pValue: Math.exp(s.logP), adjustedP: Math.exp(s.logAdjP), score: s.rank,
  };
}

function sliceFinding(s: WeakSlice): Finding {
  const p = s.adjustedP > 0 ? s.adjustedP.toExponential(1) : '< 1e-300';
  const message = `slice "${s.description}" (n = ${s.n}): error rate ${pct(s.errorRate)} vs ${pct(s.restErrorRate)} elsewhere (+${pct(s.effect)}, 95% CI [${pct(s.ci[0])}, ${pct(s.ci[1])}], adjusted p ${p}); error-analyze its eyeball rows, add data or features for it`;
  return finding('WEAK_SLICE', 'warning', message, { ...s, predicates: s.predicates as unknown as Json, ci: [...s.ci] } as unknown as Json);
}

function pct(v: number): string {
  return `${(100 * v).toFixed(1)}%`;
}
