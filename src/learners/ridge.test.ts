// Tests of the ridge learner: the conformance suite, exact solutions, collinear one-hot columns, the unpenalized intercept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../util/rng.ts';
import { ridge, solveRidge } from './ridge.ts';
import { runLearnerConformance } from './testing/conformance.ts';
import type { FitContext, Matrix } from './types.ts';

runLearnerConformance(ridge);

const REGRESSION: FitContext = { task: 'regression', nClasses: 1, seed: 0 };

function matrix(columns: Float64Array[], names = columns.map((_, j) => `x${j}`)): Matrix {
  return { nRows: columns[0].length, features: names.map((name) => ({ name, kind: 'numeric' })), columns };
}

test('alpha = 0 recovers an exact linear relation', () => {
  const rng = new Rng(1);
  const x0 = Float64Array.from({ length: 50 }, () => rng.normal());
  const x1 = Float64Array.from({ length: 50 }, () => rng.normal());
  const y = Float64Array.from(x0, (v, i) => 1 + 2 * v - 3 * x1[i]);
  const s = solveRidge(matrix([x0, x1]), y, 0);
  assert.ok(Math.abs(s.coef[0] - 2) < 1e-12 && Math.abs(s.coef[1] + 3) < 1e-12 && Math.abs(s.intercept - 1) < 1e-12, `${s.coef} ${s.intercept}`);
  assert.equal(s.jitter, 0);
});

test('the closed form matches the normal equations: (XcᵀXc + alpha·I)·w = Xcᵀyc for a hand-sized case', () => {
  // x = [0, 1, 2, 3], y = [1, 3, 2, 6]: centered x = [-1.5, -0.5, 0.5, 1.5], Σxc² = 5, Σxc·yc = 7 → w = 7 / (5 + alpha)
  const s = solveRidge(matrix([Float64Array.of(0, 1, 2, 3)]), Float64Array.of(1, 3, 2, 6), 2);
  assert.ok(Math.abs(s.coef[0] - 1) < 1e-15 && Math.abs(s.intercept - 1.5) < 1e-15, `${s.coef} ${s.intercept}`);
});

test('alpha = 0 on a full one-hot block (collinear with the intercept) still fits the group means', () => {
  const codes = [0, 0, 1, 1, 1, 2, 2, 2, 2];
  const y = Float64Array.of(1, 3, 5, 6, 7, 10, 10, 11, 9);
  const columns = [0, 1, 2].map((l) => Float64Array.from(codes, (c) => (c === l ? 1 : 0)));
  const s = solveRidge(matrix(columns), y, 0);
  assert.ok(s.jitter > 0, 'the singular system needs a tiny ridge');
  const fitted = codes.map((c) => s.intercept + s.coef[c]);
  [2, 2, 6, 6, 6, 10, 10, 10, 10].forEach((mean, i) => assert.ok(Math.abs(fitted[i] - mean) < 1e-6, `row ${i}: ${fitted[i]}`));
});

test('the intercept is not penalized: a huge alpha shrinks coef to 0 and predicts mean(y)', async () => {
  const rng = new Rng(2);
  const x = Float64Array.from({ length: 40 }, () => rng.normal());
  const y = Float64Array.from(x, (v) => 100 + 5 * v);
  const model = await ridge.fit(matrix([x]), y, REGRESSION, { alpha: 1e12 });
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  model.predict(matrix([x])).forEach((p) => assert.ok(Math.abs(p - mean) < 1e-6));
});

test('records train and validation MSE; rejects classification tasks', async () => {
  const x = Float64Array.of(0, 1, 2, 3);
  const y = Float64Array.of(1, 3, 2, 6);
  const curves: Record<string, number> = {};
  const ctx: FitContext = { ...REGRESSION, validation: { X: matrix([x]), y: Float64Array.of(0, 0, 0, 0) }, onCurve: (n, _s, v) => { curves[n] = v; } };
  await ridge.fit(matrix([x]), y, ctx, { alpha: 2 });
  // fitted values 1.5, 2.5, 3.5, 4.5 → residuals -0.5, 0.5, -1.5, 1.5 → MSE 1.25; validation: mean of squares of fitted = 10.25
  assert.ok(Math.abs(curves.train_loss - 1.25) < 1e-14 && Math.abs(curves.valid_loss - 10.25) < 1e-13, JSON.stringify(curves));
  await assert.rejects(ridge.fit(matrix([x]), Float64Array.of(0, 1, 0, 1), { task: 'binary', nClasses: 2, seed: 0 }, { alpha: 1 }),
    /ridge supports regression tasks only; got task 'binary'/);
});

test('JSON state has sklearn shapes: coef per feature, scalar intercept', async () => {
  const model = await ridge.fit(matrix([Float64Array.of(0, 1, 2, 3)], ['age']), Float64Array.of(1, 3, 2, 6), REGRESSION, { alpha: 2 });
  const state = model.toJSON().state as { coef: number[]; intercept: number };
  assert.deepEqual(Object.keys(state), ['coef', 'intercept', 'jitter']);
  assert.ok(state.coef.length === 1 && Math.abs(state.coef[0] - 1) < 1e-15 && Math.abs(state.intercept - 1.5) < 1e-15);
  assert.deepEqual(model.importance?.(), { coef: { age: state.coef[0] } });
});
