// DEV_TEST_MISMATCH and the statistics under it (PSI, KS, adversarial AUC): a planted shift fires, random splits do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkProductionMismatch, checkSplitMismatch } from './mismatch.ts';
import { drift, ksStatistic, psi } from './drift.ts';
import { alignSamples } from './align.ts';
import { cat, draw, num, randomSplits, tableOf } from './test-data.ts';
import { SPLIT_NAMES } from '../spec/types.ts';

const N = 4000;
const splits = randomSplits(N, 9);
const isSplit = (i: number, name: string) => SPLIT_NAMES[splits.assignment[i]] === name;
const x = draw(N, 1, (r) => r.normal());
const z = draw(N, 2, (r) => 50 + 10 * r.normal());
const c = cat('plan', Array.from(draw(N, 3, (r) => r.int(4)), (v) => `p${v}`));
const FEATURES = ['x', 'z', 'plan'];

interface MismatchEvidence { compared: string[]; adversarialAuc: number; features: { feature: string; psi: number; psiChance: number; ks: number | null }[]; missingColumns: string[] }

test('PSI and KS: identical samples give 0; a one-sd shift gives PSI well over 0.25 and KS ≈ 0.38', () => {
  assert.equal(psi(Float64Array.of(5, 5), 10, Float64Array.of(5, 5), 10), 0);
  assert.equal(ksStatistic(x, x), 0);
  const shifted = Float64Array.from(x, (v) => v + 1);
  const d = drift(num('x', x), num('x', shifted));
  assert.ok(d.psi > 0.6 && d.psi < 1.5, String(d.psi));
  assert.ok(Math.abs((d.ks ?? 0) - 0.383) < 0.03, String(d.ks));
  assert.ok(d.chance > 0 && d.chance < 0.01, String(d.chance));
});

test('DEV_TEST_MISMATCH: blackbox shifted in one feature, named with PSI, KS and adversarial AUC', async () => {
  const xs = Float64Array.from(x, (v, i) => (isSplit(i, 'blackbox') ? v + 1.5 : v));
  const f = await checkSplitMismatch(tableOf(num('x', xs), num('z', z), c), FEATURES, splits, 5);
  assert.equal(f.length, 2, f.map((y) => y.message).join('\n'));
  assert.deepEqual(f.map((y) => [y.code, y.severity]), [['DEV_TEST_MISMATCH', 'warning'], ['DEV_TEST_MISMATCH', 'warning']]);
  const [trainBb, bbTest] = f.map((y) => y.evidence as unknown as MismatchEvidence);
  assert.deepEqual(trainBb.compared, ['train', 'blackbox']);
  assert.deepEqual(bbTest.compared, ['blackbox', 'test']);
  assert.equal(trainBb.features[0].feature, 'x');
  assert.ok(trainBb.features[0].psi > 1, String(trainBb.features[0].psi));
  assert.ok((trainBb.features[0].ks ?? 0) > 0.45, String(trainBb.features[0].ks));
  assert.ok(trainBb.features[1].psi < 0.1, JSON.stringify(trainBb.features));
  assert.ok(trainBb.adversarialAuc >= 0.75, String(trainBb.adversarialAuc));
  assert.match(f[0].message, /^train and blackbox differ: a classifier tells them apart with AUC 0\.\d\d \(its top feature: 'x', \d+% of the gain\); PSI \d\.\d\d in 'x'; /);
});

test('random splits of one distribution: no mismatch, adversarial AUC near 0.5', async () => {
  const f = await checkSplitMismatch(tableOf(num('x', x), num('z', z), c), FEATURES, splits, 5);
  assert.deepEqual(f, []);
});

test('a new category in the compared sample shifts the categorical PSI', async () => {
  const plan = cat('plan', Array.from({ length: N }, (_, i) => (isSplit(i, 'test') && i % 2 === 0 ? 'promo' : c.levels[c.codes[i]])));
  const f = await checkSplitMismatch(tableOf(num('x', x), num('z', z), plan), FEATURES, splits, 5);
  assert.deepEqual(f.map((y) => (y.evidence as unknown as MismatchEvidence).compared), [['blackbox', 'test']]);
  assert.equal((f[0].evidence as unknown as MismatchEvidence).features[0].feature, 'plan');
});

test('PRODUCTION_MISMATCH: levels matched by text across files, missing columns named', async () => {
  const train = tableOf(num('x', x), num('z', z), c);
  const rows = Int32Array.from({ length: N }, (_, i) => i);
  const same = tableOf(num('x', draw(1500, 4, (r) => r.normal())), cat('plan', Array.from(draw(1500, 5, (r) => r.int(4)), (v) => `p${3 - v}`)), num('z', draw(1500, 6, (r) => 50 + 10 * r.normal())));
  assert.deepEqual(await checkProductionMismatch(train, rows, same, 'prod.csv', FEATURES, 3), []);
  const lacking = tableOf(num('x', draw(1500, 4, (r) => r.normal())), num('z', draw(1500, 6, (r) => 50 + 10 * r.normal())));
  const f = await checkProductionMismatch(train, rows, lacking, 'prod.csv', FEATURES, 3);
  assert.equal(f.length, 1);
  assert.equal(f[0].code, 'PRODUCTION_MISMATCH');
  assert.deepEqual((f[0].evidence as unknown as MismatchEvidence).missingColumns, ['plan']);
  assert.match(f[0].message, /^training data and prod\.csv differ: columns missing from prod\.csv: 'plan'; /);
});

test('alignment: a text column in the compared file is parsed when the reference is numeric', () => {
  const ref = tableOf(num('x', [1, 2, 3]));
  const other = tableOf(cat('x', ['2', null, '3.5']));
  const s = alignSamples(ref, Int32Array.of(0, 1, 2), other, Int32Array.of(0, 1, 2), ['x']);
  const col = s.b.columns[0];
  assert.equal(col.kind, 'numeric');
  assert.deepEqual(col.kind === 'numeric' ? Array.from(col.values) : [], [2, NaN, 3.5]);
});
