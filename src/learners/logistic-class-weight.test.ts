// Tests of logistic's classWeight: 'balanced' matches sklearn's LogisticRegression(class_weight='balanced'); 'none' is the unweighted fit.
//
// Reference coefficients: scikit-learn 1.2.1 on the standardized (StandardScaler) CSVs, C=1, class_weight='balanced',
// computed once with /usr/bin/python3 and hardcoded. They are the optimum of the weighted objective, from sklearn's
// Newton solvers: breast_cancer solver='newton-cholesky', tol=1e-14 (max |gradient| 9e-15); wine multinomial
// solver='newton-cg', tol=1e-12 (max |gradient| 3.4e-9).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test, type TestContext } from 'node:test';
import { Rng } from '../util/rng.ts';
import { balancedWeights } from './linear/weights.ts';
import { logistic } from './logistic.ts';
import { resolveParams } from './params.ts';
import type { Matrix, Task } from './types.ts';

const ROWS = [0, 1, 50, 100, 150, 177];

const BREAST_CANCER_BALANCED = {
  coef: [
    -0.30144035557795507, -0.33530558747552486, -0.29461023430285205, -0.39050638815317706, -0.1684947965836238,
    0.6546885619575054, -0.8494107727576443, -0.9813646494458304, 0.09884478625804223, 0.28889015141480257,
    -1.357801650789057, 0.2509924934676347, -0.6398325557158142, -1.0380862094876018, -0.26154234819071004,
    0.7401296341684737, 0.13684494745094578, -0.36409354467485705, 0.30551798068478375, 0.6884552462442208,
    -1.0598430326394699, -1.3428055579443643, -0.8282759475656021, -1.0359443977735898, -0.5941723790927386,
    0.029545429242820637, -0.8422179203046767, -0.9403994834869848, -0.8638314443996709, -0.5540831994913366,
  ],
  intercept: [-0.2277124064865038],
  proba: [
    8.401139621331413e-10, 2.0533278000876708e-05, 0.9984569383504738, 0.023432265718898688, 0.9697910969837761,
    0.0031667878077060287,
  ],
};

const WINE_BALANCED = {
  coef: [
    0.7912458803305885, 0.19072889382555494, 0.45829278943393575, -0.8318461960242028, 0.04981147455900839,
    0.22530475963404883, 0.6506736359497973, -0.1973110443359862, 0.1394541428973943, 0.15548422127439734,
    0.14046864713760834, 0.7221862388051514, 1.0586130865389918, -1.0000206115253272, -0.43029218258114077,
    -0.8366471952377249, 0.569379404846774, -0.09870966913296986, 0.019977386107418598, 0.3627785612784782,
    0.20504303397337859, 0.263774378915203, -1.0241943170293244, 0.6803963958792814, 0.06909797235132574,
    -1.1168119012497295, 0.20877473119473908, 0.2395632887555848, 0.3783544058037893, 0.26246679117742977,
    0.04889819457396031, -0.24528214574146756, -1.0134521972282742, -0.007731989637391728, -0.40322852181259644,
    0.8687100957549264, -0.8208650430168906, -0.7912842111564753, 0.05819881471073693,
  ],
  intercept: [0.4165860160919625, 0.6240854920665152, -1.0406715081584768],
  proba: [
    0.9997652699633577, 0.00020830170433100363, 2.6428332311168676e-05, 0.9950510213391309, 0.004811006180666513,
    0.00013797248020252, 0.9959914478643025, 0.003943882892378771, 6.466924331879168e-05, 0.0026985020600031645,
    0.9972476629848124, 5.383495518431191e-05, 0.0006074222881775027, 0.00028820135878642356, 0.9991043763530361,
    0.00046091644181550217, 3.531965159033108e-05, 0.9995037639065941,
  ],
};

interface Dataset { readonly X: Matrix; readonly y: Float64Array }

/** Numeric CSV (target last), standardized like StandardScaler; skips the test when ../shared is absent. */
function standardizedOrSkip(t: TestContext, file: string): Dataset | undefined {
  const url = new URL(`../../../shared/datasets/${file}`, import.meta.url);
  if (!existsSync(url)) {
    t.skip(`../shared/datasets/${file} is not present`);
    return undefined;
  }
  const [header, ...lines] = readFileSync(url, 'utf8').trim().split('\n');
  const names = header.split(',');
  const rows = lines.map((l) => l.split(',').map(Number));
  const p = names.length - 1;
  const columns = Array.from({ length: p }, (_, j) => standardize(Float64Array.from(rows, (r) => r[j])));
  return { X: { nRows: rows.length, features: names.slice(0, p).map((name) => ({ name, kind: 'numeric' as const })), columns }, y: Float64Array.from(rows, (r) => r[p]) };
}

function standardize(c: Float64Array): Float64Array {
  const mean = c.reduce((a, b) => a + b, 0) / c.length;
  const std = Math.sqrt(c.reduce((a, b) => a + (b - mean) ** 2, 0) / c.length);
  return c.map((v) => (v - mean) / std);
}

/** max over i of |a_i − b_i| / max(|b_i|, floor) */
function maxRelativeError(actual: ArrayLike<number>, expected: readonly number[], floor: number): number {
  assert.equal(actual.length, expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), floor));
  return worst;
}

async function checkAgainst(t: TestContext, d: Dataset, task: Task, k: number, ref: typeof BREAST_CANCER_BALANCED): Promise<void> {
  const params = resolveParams('logistic', logistic.params, { C: 1, maxIter: 10000, tol: 1e-10, classWeight: 'balanced' }, 'test');
  const model = await logistic.fit(d.X, d.y, { task, nClasses: k, seed: 0 }, params);
  const state = model.toJSON().state as { coef: number[][]; intercept: number[]; converged: boolean };
  assert.equal(state.converged, true);
  const width = task === 'multiclass' ? k : 1;
  const pred = model.predict(d.X);
  const proba = ROWS.flatMap((i) => Array.from(pred.subarray(i * width, (i + 1) * width)));
  const coef = maxRelativeError(state.coef.flat(), ref.coef, 1e-2);
  const intercept = maxRelativeError(state.intercept, ref.intercept, 1e-2);
  const p = maxRelativeError(proba, ref.proba, 1);
  t.diagnostic(`vs sklearn class_weight='balanced' optimum: coef rel ${coef.toExponential(2)}, intercept rel ${intercept.toExponential(2)}, proba abs ${p.toExponential(2)}; ${model.iterations} iterations`);
  assert.ok(coef < 1e-6 && intercept < 1e-6, `coefficients must match sklearn's to 1e-6 relative; got ${coef}, ${intercept}`);
  assert.ok(p < 1e-8, `probabilities must match sklearn's to 1e-8; got ${p}`);
}

test("classWeight 'balanced' matches sklearn LogisticRegression(class_weight='balanced') on breast_cancer", async (t) => {
  const d = standardizedOrSkip(t, 'breast_cancer.csv');
  if (d) await checkAgainst(t, d, 'binary', 2, BREAST_CANCER_BALANCED);
});

test("classWeight 'balanced' matches sklearn multinomial LogisticRegression(class_weight='balanced') on wine", async (t) => {
  const d = standardizedOrSkip(t, 'wine.csv');
  if (d) await checkAgainst(t, d, 'multiclass', 3, WINE_BALANCED);
});

test('balanced weights are n / (k·n_c): each class carries n/k, the weights sum to n', () => {
  const w = balancedWeights(Float64Array.from([0, 0, 0, 1, 2, 2]));
  assert.deepEqual(Array.from(w), [6 / 9, 6 / 9, 6 / 9, 2, 1, 1]);
  assert.equal(w.reduce((a, b) => a + b, 0), 6);
});

/** 10% positives: the unweighted model's mean P(1) is near the base rate; 'balanced' pushes it up (mis-calibrated on purpose). */
function imbalanced(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const x = Float64Array.from({ length: n }, () => rng.normal());
  const y = Float64Array.from(x, (v) => (rng.float() < 1 / (1 + Math.exp(-(1.5 * v - 3))) ? 1 : 0));
  return { X: { nRows: n, features: [{ name: 'x', kind: 'numeric' }], columns: [x] }, y };
}

test("classWeight 'none' is the unweighted fit bit for bit; 'balanced' inflates the minority class's probabilities", async () => {
  const d = imbalanced(4000, 11);
  const ctx = { task: 'binary' as const, nClasses: 2, seed: 0 };
  const base = resolveParams('logistic', logistic.params, {}, 'test');
  assert.equal(base.classWeight, 'none');
  const { classWeight: _omit, ...withoutParam } = base;
  const none = (await logistic.fit(d.X, d.y, ctx, base)).predict(d.X);
  const legacy = (await logistic.fit(d.X, d.y, ctx, withoutParam)).predict(d.X);
  assert.deepEqual(Array.from(none), Array.from(legacy));
  const balanced = (await logistic.fit(d.X, d.y, ctx, { ...base, classWeight: 'balanced' })).predict(d.X);
  const mean = (p: Float64Array): number => p.reduce((a, b) => a + b, 0) / p.length;
  const rate = mean(d.y);
  assert.ok(Math.abs(mean(none) - rate) < 1e-6, `unweighted logistic reproduces the base rate ${rate}; got ${mean(none)}`);
  assert.ok(mean(balanced) > rate + 0.15, `balanced weights must inflate P(1) well above the base rate ${rate}; got ${mean(balanced)}`);
});

test('classWeight must be none or balanced', () => {
  assert.throws(() => resolveParams('logistic', logistic.params, { classWeight: 'auto' }, 'learners.logistic'), /'classWeight' parameter of logistic must be one of none, balanced/);
});
