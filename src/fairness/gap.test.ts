// fairnessGap on hand-computable data: exact per-group measures, small groups, pass/fail, interval, determinism.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rocAucScore } from '../metrics/index.ts';
import type { FairnessConstraint } from '../spec/types.ts';
import { BadInputError } from '../util/errors.ts';
import { Rng } from '../util/rng.ts';
import { fairnessGap, groupsOf, type FairnessContext, type Group } from './index.ts';

/** Blocks of identical rows: [group, y, p, count]. */
type Block = readonly [string, 0 | 1, number, number];

function data(blocks: readonly Block[]): { y: Float64Array; p: Float64Array; groups: Group[] } {
  const rows = blocks.flatMap(([g, y, p, count]) => Array.from({ length: count }, () => ({ g, y, p })));
  const names = [...new Set(rows.map((r) => r.g))];
  return {
    y: Float64Array.from(rows, (r) => r.y),
    p: Float64Array.from(rows, (r) => r.p),
    groups: names.map((name) => ({ name, mask: Uint8Array.from(rows, (r) => (r.g === name ? 1 : 0)) })),
  };
}

/** A: TPR 30/40, FPR 4/40; B: TPR 20/40, FPR 8/40; C: 10 rows (small). */
const hand = data([
  ['A', 1, 0.9, 30], ['A', 1, 0.2, 10], ['A', 0, 0.7, 4], ['A', 0, 0.1, 36],
  ['B', 1, 0.8, 20], ['B', 1, 0.3, 20], ['B', 0, 0.6, 8], ['B', 0, 0.4, 32],
  ['C', 1, 0.1, 5], ['C', 0, 0.9, 5],
]);
const ctx: FairnessContext = { ...hand, seed: 7, resamples: 500 };
const c = (measure: FairnessConstraint['measure'], max = 0.1): FairnessConstraint => ({ attribute: 'grp', measure, max, split: 'blackbox' });

test('tpr, fpr and selection rate per group are the hand-computed fractions; the gap is max − min of large groups', () => {
  const tpr = fairnessGap(c('tpr'), { ...ctx, minGroupRows: 10 });
  assert.deepEqual(tpr.groups, [
    { name: 'A', n: 80, support: 40, value: 0.75 },
    { name: 'B', n: 80, support: 40, value: 0.5 },
    { name: 'C', n: 10, support: 5, value: 0, small: true },
  ]);
  assert.equal(tpr.gap, 0.25);
  assert.deepEqual(tpr.worst, ['B', 'A']);
  const fpr = fairnessGap(c('fpr'), ctx);
  assert.deepEqual(fpr.groups.map((g) => g.value), [0.1, 0.2, 1]);
  assert.ok(Math.abs(fpr.gap - 0.1) < 1e-15);
  const sel = fairnessGap(c('selection_rate'), ctx);
  assert.deepEqual(sel.groups.map((g) => [g.value, g.support, g.small ?? false]), [[34 / 80, 80, false], [28 / 80, 80, false], [0.5, 10, true]]);
  assert.equal(sel.gap, 34 / 80 - 28 / 80);
});

test('auc per group equals rocAucScore on the group rows', () => {
  const auc = fairnessGap(c('auc'), ctx);
  hand.groups.forEach((g, k) => {
    const idx = Int32Array.from(Array.from(g.mask).flatMap((m, i) => (m ? [i] : [])));
    assert.equal(auc.groups[k].value, rocAucScore(hand.y, hand.p, idx));
  });
});

test('an unfair model fails with FAIRNESS_GAP (error); a fair one passes with no finding', () => {
  const unfair = fairnessGap(c('tpr', 0.05), ctx);
  assert.equal(unfair.passed, false);
  assert.equal(unfair.finding?.code, 'FAIRNESS_GAP');
  assert.equal(unfair.finding?.severity, 'error');
  assert.match(unfair.finding?.message ?? '', /^fairness_gap of tpr across grp on blackbox is 0\.25 \(B 0\.5 vs A 0\.75; 95% CI [\d.]+–[\d.]+\), above max 0\.05\. Look at grp=B errors/);
  const fair = fairnessGap(c('tpr', 0.05), { ...data([
    ['A', 1, 0.9, 30], ['A', 1, 0.2, 10], ['A', 0, 0.1, 40],
    ['B', 1, 0.8, 60], ['B', 1, 0.4, 20], ['B', 0, 0.3, 50],
  ]), seed: 1 });
  assert.equal(fair.gap, 0);
  assert.ok(fair.passed && fair.finding === undefined);
});

test('the bootstrap interval contains the gap and is reproducible from the seed', () => {
  const rng = new Rng(3);
  const n = 4000;
  const g = Int32Array.from({ length: n }, () => rng.int(3));
  const y = Float64Array.from({ length: n }, () => (rng.float() < 0.4 ? 1 : 0));
  // group 2 is detected less often: TPR ≈ 0.8, 0.8, 0.6
  const p = Float64Array.from(y, (v, i) => (v === 1 ? (rng.float() < (g[i] === 2 ? 0.6 : 0.8) ? 0.9 : 0.1) : rng.float() < 0.1 ? 0.7 : 0.2));
  const groups = groupsOf({ nRows: n, columns: [{ name: 'grp', kind: 'categorical', codes: g, levels: ['x', 'y', 'z'] }] }, 'grp');
  const a = fairnessGap(c('tpr'), { y, p, groups, seed: 11 });
  assert.ok(a.gap > 0.1 && a.ci[0] <= a.gap && a.gap <= a.ci[1], `gap ${a.gap} ci ${a.ci}`);
  assert.ok(a.ci[1] - a.ci[0] < 0.15);
  assert.equal(a.worst?.[0], 'z');
  assert.deepEqual(fairnessGap(c('tpr'), { y, p, groups, seed: 11 }), a);
  assert.notDeepEqual(fairnessGap(c('tpr'), { y, p, groups, seed: 12 }).ci, a.ci);
});

test('stratified resampling: groups whose measure cannot vary give a zero-width interval', () => {
  const fixed = data([['A', 1, 0.9, 40], ['A', 0, 0.1, 40], ['B', 1, 0.9, 20], ['B', 1, 0.1, 20], ['B', 0, 0.1, 40]]);
  const r = fairnessGap(c('selection_rate', 0.5), { ...fixed, seed: 2 });
  assert.equal(r.gap, 0.25);
  const tpr = fairnessGap(c('tpr', 0.6), { ...data([['A', 1, 0.9, 40], ['B', 1, 0.1, 40]]), seed: 2 });
  assert.deepEqual([tpr.gap, ...tpr.ci], [1, 1, 1]);
  assert.ok(r.ci[0] < 0.25 && r.ci[1] > 0.25);
});

test('fewer than two measurable groups: gap NaN, failed, finding says why', () => {
  const r = fairnessGap(c('tpr'), { ...data([['A', 1, 0.9, 40], ['A', 0, 0.1, 40], ['B', 0, 0.1, 60], ['B', 1, 0.9, 3]]), seed: 1 });
  assert.ok(Number.isNaN(r.gap) && r.worst === null && !r.passed);
  assert.equal(r.groups[1].small, true, 'B has 3 positives');
  assert.match(r.finding?.message ?? '', /cannot be measured: fewer than 2 groups with a defined tpr on >= 30 rows \(A 1 \(40\), B 1 \(3, small\)\)/);
});

test('bad inputs are BadInputErrors naming what must hold', () => {
  assert.throws(() => fairnessGap(c('tpr'), { ...ctx, p: ctx.p.subarray(1) }), (e: unknown) => e instanceof BadInputError && /one prediction per label \(170\); got 169/.test(e.message));
  const y = ctx.y.slice();
  y[3] = 2;
  assert.throws(() => fairnessGap(c('tpr'), { ...ctx, y }), /binary labels 0\/1; row 3 has 2/);
  assert.throws(() => fairnessGap(c('tpr'), { ...ctx, groups: [{ name: 'Q', mask: new Uint8Array(5) }] }), /group 'Q' must have a mask of 170 rows; got 5/);
});
