// fairness_gap: a per-group measure's spread (max − min) with a seeded stratified bootstrap interval, and its FAIRNESS_GAP finding.
import type { Finding } from '../evaluate/findings.ts';
import { resampler } from '../metrics/bootstrap.ts';
import { quantileSorted } from '../metrics/quantile.ts';
import type { FairnessConstraint } from '../spec/types.ts';
import { BadInputError } from '../util/errors.ts';
import type { Group } from './groups.ts';
import { scorerFor, supportOf, type FairnessMeasure, type GroupScorer } from './measures.ts';

export const DEFAULT_MIN_GROUP_ROWS = 30;

export interface FairnessContext {
  /** binary labels 0/1 */
  readonly y: Float64Array;
  /** P(class 1) per row */
  readonly p: Float64Array;
  /** masks over the rows of y */
  readonly groups: readonly Group[];
  readonly seed: number;
  /** bootstrap resamples (default 1000) */
  readonly resamples?: number;
  /** groups whose measure rests on fewer rows are listed as small and left out of the gap (default 30) */
  readonly minGroupRows?: number;
}

export interface GroupValue {
  readonly name: string;
  /** rows in the group */
  readonly n: number;
  /** rows the measure is computed on: positives (tpr), negatives (fpr), every row (selection_rate, auc) */
  readonly support: number;
  /** NaN when undefined (e.g. auc on one class) */
  readonly value: number;
  /** support < minGroupRows: listed, not in the gap */
  readonly small?: true;
}

export interface FairnessGapResult {
  readonly attribute: string;
  readonly measure: FairnessMeasure;
  readonly split: string;
  readonly max: number;
  readonly groups: readonly GroupValue[];
  /** max − min of the measure over groups that are neither small nor undefined; NaN with fewer than 2 */
  readonly gap: number;
  /** 95% percentile bootstrap interval of the gap */
  readonly ci: readonly [number, number];
  /** [lowest group, highest group] */
  readonly worst: readonly [string, string] | null;
  readonly passed: boolean;
  readonly finding?: Finding;
}

interface Local {
  readonly group: Group;
  readonly scorer: GroupScorer;
  readonly n: number;
  readonly value: GroupValue;
}

/**
 * The gap of `constraint.measure` across groups. Bootstrap: stratified by group (each eligible
 * group's rows are resampled with replacement within the group, group sizes fixed, independent
 * seeded streams), so no resample loses a group; resamples where fewer than two groups are defined
 * are left out. Percentile interval: for a max − min it leans above the point estimate when the
 * groups are close (the spread of noisy estimates is biased up) — read it as how large the gap
 * plausibly is. Unmeasurable gaps (fewer than two eligible groups) fail: missing evidence is no pass.
 */
export function fairnessGap(constraint: FairnessConstraint, ctx: FairnessContext): FairnessGapResult {
  checkInputs(ctx);
  const minRows = ctx.minGroupRows ?? DEFAULT_MIN_GROUP_ROWS;
  const locals = ctx.groups.map((g) => localOf(constraint.measure, g, ctx, minRows));
  const eligible = locals.filter((l) => !l.value.small && !Number.isNaN(l.value.value));
  const base = { attribute: constraint.attribute, measure: constraint.measure, split: constraint.split, max: constraint.max, groups: locals.map((l) => l.value) };
  if (eligible.length < 2) {
    const result = { ...base, gap: NaN, ci: [NaN, NaN] as const, worst: null, passed: false };
    return { ...result, finding: findingOf(result, minRows) };
  }
  const lo = eligible.reduce((a, b) => (b.value.value < a.value.value ? b : a));
  const hi = eligible.reduce((a, b) => (b.value.value > a.value.value ? b : a));
  const gap = hi.value.value - lo.value.value;
  const result = { ...base, gap, ci: bootstrapGap(eligible, ctx.seed, ctx.resamples ?? 1000), worst: [lo.group.name, hi.group.name] as const, passed: gap <= constraint.max };
  return result.passed ? result : { ...result, finding: findingOf(result, minRows) };
}

function checkInputs(ctx: FairnessContext): void {
  const n = ctx.y.length;
  if (ctx.p.length !== n) throw new BadInputError(`fairness_gap needs one prediction per label (${n}); got ${ctx.p.length}`);
  const bad = ctx.y.findIndex((v) => v !== 0 && v !== 1);
  if (bad >= 0) throw new BadInputError(`fairness_gap needs binary labels 0/1; row ${bad} has ${ctx.y[bad]}`);
  const g = ctx.groups.find((x) => x.mask.length !== n);
  if (g) throw new BadInputError(`fairness_gap group '${g.name}' must have a mask of ${n} rows; got ${g.mask.length}`);
}

function localOf(measure: FairnessMeasure, group: Group, ctx: FairnessContext, minRows: number): Local {
  const rows: number[] = [];
  group.mask.forEach((m, i) => { if (m) rows.push(i); });
  const y = Float64Array.from(rows, (r) => ctx.y[r]);
  const p = Float64Array.from(rows, (r) => ctx.p[r]);
  const scorer = scorerFor(measure, y, p);
  const support = supportOf(measure, y);
  const value: GroupValue = { name: group.name, n: rows.length, support, value: scorer(), ...(support < minRows ? { small: true as const } : {}) };
  return { group, scorer, n: rows.length, value };
}

function bootstrapGap(eligible: readonly Local[], seed: number, resamples: number): [number, number] {
  if (!Number.isInteger(resamples) || resamples < 1) throw new BadInputError(`\`resamples\` must be an integer >= 1, but got ${resamples}`);
  const streams = eligible.map((l, g) => resampler(l.n, (seed ^ Math.imul(g + 1, 0x9e3779b1)) >>> 0));
  const gaps: number[] = [];
  for (let b = 0; b < resamples; b++) {
    let lo = Infinity;
    let hi = -Infinity;
    let defined = 0;
    eligible.forEach((l, g) => {
      const v = l.scorer(streams[g]());
      if (Number.isNaN(v)) return;
      defined++;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    });
    if (defined >= 2) gaps.push(hi - lo);
  }
  const sorted = Float64Array.from(gaps).sort();
  return [quantileSorted(sorted, 0.025), quantileSorted(sorted, 0.975)];
}

function findingOf(r: Omit<FairnessGapResult, 'finding'>, minRows: number): Finding {
  const values = r.groups.map((g) => `${g.name} ${fmt(g.value)} (${g.support}${g.small ? ', small' : ''})`).join(', ');
  const evidence = JSON.parse(JSON.stringify(r)) as Finding['evidence'];
  if (r.worst === null) {
    return { code: 'FAIRNESS_GAP', severity: 'error', evidence, message: `fairness_gap of ${r.measure} across ${r.attribute} on ${r.split} cannot be measured: fewer than 2 groups with a defined ${r.measure} on >= ${minRows} rows (${values || 'no groups'}); use a larger split or a coarser attribute` };
  }
  const [a, b] = r.worst;
  const worse = r.measure === 'fpr' ? b : a; // the group the gap disadvantages
  const at = (name: string): string => fmt(r.groups.find((g) => g.name === name)?.value ?? NaN);
  return {
    code: 'FAIRNESS_GAP', severity: 'error', evidence,
    message: `fairness_gap of ${r.measure} across ${r.attribute} on ${r.split} is ${fmt(r.gap)} (${a} ${at(a)} vs ${b} ${at(b)}; 95% CI ${fmt(r.ci[0])}–${fmt(r.ci[1])}), above max ${r.max}. ` +
      `Look at ${r.attribute}=${worse} errors on eyeball; consider reweighting, more data for the group, or per-group thresholds. Groups: ${values}`,
  };
}

function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x);
}
