// Tests of the logistic learner: the conformance suite, input errors, convergence reporting, curves, JSON and one-hot speed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LearnerError, SpecError } from '../util/errors.ts';
import { Rng } from '../util/rng.ts';
import { logistic } from './logistic.ts';
import { resolveParams } from './params.ts';
import { runLearnerConformance } from './testing/conformance.ts';
import type { FitContext, Matrix, ModelJSON } from './types.ts';

runLearnerConformance(logistic);

const BINARY: FitContext = { task: 'binary', nClasses: 2, seed: 1 };
const DEFAULTS = resolveParams('logistic', logistic.params, {}, 'test');

function numericData(n: number, p: number, seed: number, classes = 2): { X: Matrix; y: Float64Array } {
  const rng = new Rng(seed);
  const columns = Array.from({ length: p }, () => Float64Array.from({ length: n }, () => rng.normal()));
  const y = Float64Array.from({ length: n }, (_, i) => {
    const s = columns[0][i] - 0.5 * columns[1][i] + 0.3 * rng.normal();
    return classes === 2 ? (s > 0 ? 1 : 0) : s < -0.5 ? 0 : s < 0.5 ? 1 : 2;
  });
  return { X: { nRows: n, features: columns.map((_, j) => ({ name: `f${j}`, kind: 'numeric' })), columns }, y };
}

/** Skewed one-hot blocks (5, 15 and 40 levels) plus two numeric columns: the shape of Adult after preprocessing. */
function oneHotData(n: number, seed: number): { X: Matrix; y: Float64Array } {
  const rng = new Rng(seed);
  const columns = [0, 1].map(() => Float64Array.from({ length: n }, () => rng.normal()));
  const names = ['num0', 'num1'];
  const score = Float64Array.from({ length: n }, (_, i) => 0.8 * (columns[0][i] + columns[1][i]));
  for (const [f, levels] of [[0, 5], [1, 15], [2, 40]]) {
    const codes = Int32Array.from({ length: n }, () => Math.floor(levels * rng.float() ** 3));
    const effect = Float64Array.from({ length: levels }, () => rng.normal());
    for (let l = 0; l < levels; l++) { columns.push(Float64Array.from(codes, (c) => (c === l ? 1 : 0))); names.push(`cat${f}=${l}`); }
    codes.forEach((c, i) => { score[i] += effect[c]; });
  }
  const y = Float64Array.from(score, (s) => (rng.float() < 1 / (1 + Math.exp(-s)) ? 1 : 0));
  return { X: { nRows: n, features: names.map((name) => ({ name, kind: 'numeric' })), columns }, y };
}

test('a single-class target is rejected with the documented message', async () => {
  const { X } = numericData(20, 2, 1);
  await assert.rejects(logistic.fit(X, new Float64Array(20), BINARY, DEFAULTS), {
    name: 'LearnerError',
    message: 'target has one class (0) in the training rows; a classifier needs at least two',
  });
});

test('NaN in X is rejected naming the feature and row', async () => {
  const { X, y } = numericData(20, 3, 2);
  const columns = X.columns.map((c) => Float64Array.from(c));
  columns[2][7] = NaN;
  await assert.rejects(logistic.fit({ ...X, columns }, y, BINARY, DEFAULTS), (e: unknown) =>
    e instanceof LearnerError && e.message.includes("feature 'f2' is NaN at row 7"));
});

test('bad targets, tasks and parameters are rejected', async () => {
  const { X, y } = numericData(20, 2, 3);
  const withInf = Float64Array.from(y);
  withInf[4] = Infinity;
  await assert.rejects(logistic.fit(X, withInf, BINARY, DEFAULTS), /training target must be finite; got Infinity at row 4/);
  await assert.rejects(logistic.fit(X, y, { task: 'regression', nClasses: 1, seed: 0 }, DEFAULTS), /logistic supports binary, multiclass tasks only/);
  assert.throws(() => resolveParams('logistic', logistic.params, { C: 0 }, 'learners.logistic'), SpecError);
  assert.throws(() => resolveParams('logistic', logistic.params, { maxIter: 2.5 }, 'learners.logistic'), /must be an int/);
});

test('hitting maxIter still returns a usable model, flagged not converged', async () => {
  const { X, y } = numericData(200, 3, 4);
  const model = await logistic.fit(X, y, BINARY, { ...DEFAULTS, maxIter: 2 });
  const state = model.toJSON().state as { converged: boolean; stopReason: string; iterations: number };
  assert.deepEqual([state.converged, state.stopReason, state.iterations, model.iterations], [false, 'maxIter', 2, 2]);
  assert.ok(model.predict(X).every((v) => v > 0 && v < 1));
});

test('curves: one train_loss, grad_norm and valid_loss point per iteration; the last train_loss is the mean log-loss', async () => {
  const train = numericData(300, 3, 5);
  const valid = numericData(100, 3, 6);
  const points: Record<string, [number, number][]> = { train_loss: [], valid_loss: [], grad_norm: [] };
  const ctx: FitContext = { ...BINARY, validation: valid, onCurve: (name, step, value) => points[name].push([step, value]) };
  const model = await logistic.fit(train.X, train.y, ctx, DEFAULTS);
  const steps = Array.from({ length: model.iterations ?? 0 }, (_, i) => i + 1);
  assert.deepEqual(points.train_loss.map(([s]) => s), steps);
  assert.deepEqual(points.valid_loss.map(([s]) => s), steps);
  const last = (name: string): number => points[name][points[name].length - 1][1];
  assert.ok(Math.abs(last('train_loss') - meanLogLoss(model.predict(train.X), train.y)) < 1e-12);
  assert.ok(Math.abs(last('valid_loss') - meanLogLoss(model.predict(valid.X), valid.y)) < 1e-12);
  assert.ok(points.train_loss[0][1] > last('train_loss'), 'training loss must fall');
  assert.deepEqual(points.grad_norm.map(([s]) => s), steps);
  assert.ok(last('grad_norm') < points.grad_norm[0][1] && last('grad_norm') < 1e-3, 'gradient norm falls towards 0 at convergence');
});

function meanLogLoss(p: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s -= Math.log(y[i] === 1 ? p[i] : 1 - p[i]);
  return s / y.length;
}

test('one-hot data converge in few iterations with the default tol (preconditioned L-BFGS)', async () => {
  const { X, y } = oneHotData(20000, 3);
  const model = await logistic.fit(X, y, BINARY, DEFAULTS);
  const state = model.toJSON().state as { converged: boolean; gradNorm: number };
  assert.equal(state.converged, true);
  assert.ok(state.gradNorm <= 1e-6, `gradient ${state.gradNorm}`);
  assert.ok((model.iterations ?? Infinity) <= 40, `took ${model.iterations} iterations`);
});

test('JSON: sklearn-shaped state; multiclass coef is classes × features; importance per feature', async () => {
  const { X, y } = numericData(150, 2, 7, 3);
  const model = await logistic.fit(X, y, { task: 'multiclass', nClasses: 3, seed: 0 }, DEFAULTS);
  const json = model.toJSON();
  const state = json.state as { coef: number[][]; intercept: number[] };
  assert.deepEqual(Object.keys(state).sort(), ['coef', 'converged', 'gradNorm', 'intercept', 'iterations', 'objective', 'stopReason']);
  assert.deepEqual([state.coef.length, state.coef[0].length, state.intercept.length], [3, 2, 3]);
  assert.ok(Math.abs(state.intercept.reduce((a, b) => a + b, 0)) < 1e-9, 'softmax intercepts sum to 0 at the optimum');
  const imp = model.importance?.() ?? {};
  assert.deepEqual(Object.keys(imp), ['coef', 'coef[class 0]', 'coef[class 1]', 'coef[class 2]']);
  assert.equal(imp['coef[class 2]'].f0, state.coef[2][0]);
  assert.ok(imp.coef.f0 > imp.coef.f1, 'f0 carries the stronger signal');
});

test('load rejects foreign or malformed JSON; predict rejects mismatched features and NaN', async () => {
  const { X, y } = numericData(50, 2, 8);
  const model = await logistic.fit(X, y, BINARY, DEFAULTS);
  const json = model.toJSON();
  assert.throws(() => logistic.load({ ...json, learner: 'ridge' }), /holds a 'ridge' model/);
  assert.throws(() => logistic.load({ ...json, state: { coef: [[1]], intercept: [0] } } as ModelJSON), /state.coef\[0\] must be 2 finite numbers/);
  assert.throws(() => model.predict({ ...X, features: X.features.slice(0, 1), columns: X.columns.slice(0, 1) }), /expects 2 features; got 1/);
  const nan = X.columns.map((c) => Float64Array.from(c));
  nan[1][3] = NaN;
  assert.throws(() => model.predict({ ...X, columns: nan }), /feature 'f1' is NaN at row 3/);
});
