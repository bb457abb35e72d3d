// LEAKY_FEATURE per task: a planted leak fires (alone, or dominant), realistic features alone do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLeakage } from './leakage.ts';
import { binaryTarget, cat, draw, multiclassTarget, num, regressionTarget, tableOf } from './test-data.ts';
import type { Column } from '../data/table.ts';
import type { Target } from '../data/target.ts';

const N = 3000;
const ALL = Int32Array.from({ length: N }, (_, i) => i);
const y = draw(N, 11, (r) => (r.float() < 0.3 ? 1 : 0));
const noise = (seed: number, sd = 1) => draw(N, seed, (r) => sd * r.normal());
const region = cat('region', Array.from(draw(N, 12, (r) => r.int(5)), (v, i) => (i % 97 === 0 ? null : `r${v}`)));
const legit = (): Column[] => [
  num('income', Float64Array.from(noise(13), (v, i) => v + 0.7 * y[i])),
  num('age', Float64Array.from(noise(14), (v, i) => v - 0.3 * y[i])),
  num('noise', noise(15)),
  region,
];

function leaks(cols: Column[], target: Target) {
  return checkLeakage(tableOf(...cols), cols.map((c) => c.name), target, ALL, 7);
}

interface LeakEvidence { column: string; score: number; rule: string; measure: string; scores: { feature: string; score: number }[] }

test('binary: a numeric copy of the label fires (AUC ≥ 0.99), evidence ranks every feature', () => {
  const f = leaks([...legit(), num('paid_back', Float64Array.from(noise(16, 0.12), (v, i) => v - y[i]))], binaryTarget(y));
  assert.deepEqual(f.map((x) => [x.code, x.severity]), [['LEAKY_FEATURE', 'error']]);
  const e = f[0].evidence as unknown as LeakEvidence;
  assert.equal(e.column, 'paid_back');
  assert.equal(e.rule, 'alone');
  assert.equal(e.measure, 'auc');
  assert.ok(e.score > 0.99 && e.score <= 1, String(e.score));
  assert.deepEqual(e.scores.map((s) => s.feature).slice(0, 2), ['paid_back', 'income']);
  assert.equal(e.scores.length, 5);
  assert.ok(e.scores[1].score > 0.6 && e.scores[1].score < 0.75, JSON.stringify(e.scores));
  assert.match(f[0].message, /^column 'paid_back' alone has AUC (0\.99\d|1\.000) on held-out rows \(≥ 0\.99\); .*data\.exclude/);
});

test('binary: a categorical level that gives the label away fires through held-out target rates', () => {
  const status = cat('status', Array.from(y, (v, i) => ((v === 1) !== (i % 100 === 0) ? 'closed' : 'open')));
  const f = leaks([...legit(), status], binaryTarget(y));
  assert.equal(f.length, 1);
  const e = f[0].evidence as unknown as LeakEvidence;
  assert.equal(e.column, 'status');
  assert.ok(e.score > 0.97 && e.score < 1, String(e.score));
});

test('binary: a feature far above all others (0.93 vs ≤ 0.7) fires as dominant', () => {
  const f = leaks([...legit(), num('score_v2', Float64Array.from(noise(17), (v, i) => v + 2.1 * y[i]))], binaryTarget(y));
  assert.equal(f.length, 1);
  const e = f[0].evidence as unknown as LeakEvidence;
  assert.deepEqual([e.column, e.rule], ['score_v2', 'dominant']);
  assert.ok(e.score > 0.9 && e.score < 0.97, String(e.score));
  assert.match(f[0].message, /above the next best \('income' 0\.\d\d\)/);
});

test('binary clean: moderate features, an id-like text column, and two strong features close together', () => {
  const id = cat('ref', Array.from({ length: N }, (_, i) => `ref${i}`));
  assert.deepEqual(leaks([...legit(), id], binaryTarget(y)), []);
  const strong = [num('a', Float64Array.from(noise(18), (v, i) => v + 2.1 * y[i])), num('b', Float64Array.from(noise(19), (v, i) => v + 1.6 * y[i]))];
  assert.deepEqual(leaks([...legit(), ...strong], binaryTarget(y)), []);
});

const k3 = draw(N, 21, (r) => r.int(3));

test('multiclass: a near-copy of the class fires on error reduction; realistic features do not', () => {
  const copy = cat('outcome_code', Array.from(k3, (v, i) => `c${i % 50 === 0 ? (v + 1) % 3 : v}`));
  const ok = [num('x1', Float64Array.from(noise(22), (v, i) => v + 0.8 * k3[i])), num('x2', noise(23)), region];
  const f = leaks([...ok, copy], multiclassTarget(k3, 3));
  assert.equal(f.length, 1);
  const e = f[0].evidence as unknown as LeakEvidence;
  assert.deepEqual([e.column, e.measure], ['outcome_code', 'errorReduction']);
  assert.ok(e.score > 0.95, String(e.score));
  assert.deepEqual(leaks(ok, multiclassTarget(k3, 3)), []);
});

test('regression: a noisy copy of the target fires on binned R²; realistic features do not', () => {
  const x1 = noise(31);
  const x2 = noise(32);
  const yr = Float64Array.from(noise(33), (v, i) => 2 * x1[i] + x2[i] + v);
  const ok = [num('x1', x1), num('x2', x2), region];
  const f = leaks([...ok, num('y_lag0', Float64Array.from(noise(34, 0.05), (v, i) => yr[i] + v))], regressionTarget(yr));
  assert.equal(f.length, 1);
  const e = f[0].evidence as unknown as LeakEvidence;
  assert.deepEqual([e.column, e.measure], ['y_lag0', 'r2']);
  assert.ok(e.score > 0.95, String(e.score));
  const clean = leaks(ok, regressionTarget(yr));
  assert.deepEqual(clean, []);
});

test('the same seed gives the same scores', () => {
  const cols = [...legit(), num('s', Float64Array.from(noise(17), (v, i) => v + 2.1 * y[i]))];
  assert.deepEqual(leaks(cols, binaryTarget(y)), leaks(cols, binaryTarget(y)));
});
