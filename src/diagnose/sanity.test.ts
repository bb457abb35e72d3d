// Sanity checks: tiny-batch overfit (passes for logistic and gbdt, fails for a crippled learner), NaN/Inf scan, curves, parity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sanityChecks, curvesCheck } from './sanity.ts';
import { scanInputs } from './input-scan.ts';
import { overfitTinyBatch, pickBatch, strongParams } from './tiny-batch.ts';
import { syntheticView } from './testing/synthetic.ts';
import { logistic } from '../learners/logistic.ts';
import { gbdt } from '../learners/gbdt/index.ts';
import type { Learner, Matrix, Model } from '../learners/index.ts';
import { resolveParams } from '../learners/params.ts';
import type { Rng } from '../util/rng.ts';
import type { RunView } from './run-view.ts';

const REGIONS = ['east', 'north', 'south', 'west'];

/** Separable: the label is a linear rule of two features (plus a region shift). */
function separableRow(rng: Rng) {
  const x = [rng.normal(), rng.normal(), rng.normal()];
  const region = rng.int(4);
  return { numeric: x, category: region, label: (x[0] + x[1] + (region === 2 ? 0.5 : 0) > 0 ? 1 : 0) as 0 | 1 };
}

const view = (learner: string, seed = 1): Promise<RunView> => syntheticView({ rows: 1500, seed, learner, levels: REGIONS, row: separableRow });

for (const learner of ['logistic', 'gbdt']) {
  test(`${learner}: every sanity check passes on separable data`, async () => {
    const v = await view(learner);
    const r = await sanityChecks(v, learner);
    assert.deepEqual(r.checks.map((c) => c.name), ['tiny-batch overfit', 'finite inputs', 'finite training curves', 'train/serve parity']);
    assert.deepEqual(r.checks.map((c) => c.pass), [true, true, null, true], JSON.stringify(r.checks, null, 1));
    assert.deepEqual(r.findings, []);
    assert.match(r.checks[0].detail, /accuracy 1 on the batch/);
  });
}

test('tiny batch: strong settings per learner; every class in the batch; linear learners get affinely independent rows only', async () => {
  assert.equal(strongParams(logistic, { C: 1, maxIter: 500, tol: 1e-6 }).C, 1e6);
  const g = strongParams(gbdt, { rounds: 100, minDataInLeaf: 20, earlyStoppingRounds: 20 });
  assert.deepEqual([g.minDataInLeaf, g.earlyStoppingRounds, g.lambdaL2], [1, 0, 0]);
  // XOR on two one-hot encoded binary columns: the 4 distinct rows are not linearly separable, any 3 are
  const xor: Matrix = { nRows: 40, features: ['a=0', 'a=1', 'b=0', 'b=1'].map((name) => ({ name, kind: 'numeric' as const })), columns: [0, 1, 2, 3].map((j) => Float64Array.from({ length: 40 }, (_, i) => (j < 2 ? (i % 2) === j % 2 : (((i >> 1) % 2) === j % 2)) ? 1 : 0)) };
  const yx = Float64Array.from({ length: 40 }, (_, i) => (i % 2) ^ ((i >> 1) % 2));
  assert.equal(pickBatch(xor, yx, 'binary', 64, 3, false).length, 4);
  const independent = pickBatch(xor, yx, 'binary', 64, 3, true);
  assert.equal(independent.length, 3);
  const params = resolveParams('logistic', logistic.params, {}, 'logistic');
  const sub = (m: Matrix, idx: Int32Array): Matrix => ({ nRows: idx.length, features: m.features, columns: m.columns.map((c) => Float64Array.from(idx, (i) => c[i])) });
  const ctx = { task: 'binary' as const, nClasses: 2, seed: 1 };
  assert.equal((await overfitTinyBatch(logistic, params, sub(xor, independent), Float64Array.from(independent, (i) => yx[i]), ctx)).pass, true);
  assert.equal((await overfitTinyBatch(logistic, params, sub(xor, Int32Array.of(0, 1, 2, 3)), yx.subarray(0, 4), ctx)).pass, false, 'all of XOR defeats a linear model');
  const X: Matrix = { nRows: 100, features: [{ name: 'a', kind: 'numeric' }], columns: [Float64Array.from({ length: 100 }, (_, i) => i % 50)] };
  const y = Float64Array.from({ length: 100 }, (_, i) => (i < 90 ? 0 : 1));
  const batch = pickBatch(X, y, 'binary', 64, 7);
  assert.equal(batch.length, 50, 'duplicate inputs are skipped');
  assert.ok([...batch].some((i) => y[i] === 1) && [...batch].some((i) => y[i] === 0));
  const bx: Matrix = { nRows: batch.length, features: X.features, columns: [Float64Array.from(batch, (i) => X.columns[0][i])] };
  const gparams = resolveParams('gbdt', gbdt.params, {}, 'gbdt');
  const r = await overfitTinyBatch(gbdt, gparams, bx, Float64Array.from(batch, (i) => y[i]), { task: 'binary', nClasses: 2, seed: 1 });
  assert.deepEqual([r.pass, r.fit, r.rows, r.measure], [true, 1, 50, 'accuracy']);
  const weak = await overfitTinyBatch(gbdt, gparams, X, y, { task: 'binary', nClasses: 2, seed: 1 });
  assert.equal(weak.pass, false, 'with duplicated inputs under different labels nothing can reach accuracy 1');
});

/** A learner that ignores its inputs: it fits logistic regression to a constant matrix. */
const blind: Learner = {
  ...logistic,
  fit: (X, y, ctx, params) => logistic.fit({ ...X, columns: X.columns.map((c) => new Float64Array(c.length)) }, y, ctx, params),
};

test('a crippled learner that ignores its inputs cannot overfit the tiny batch → CANNOT_OVERFIT_TINY_BATCH', async () => {
  const r = await sanityChecks(await view('logistic'), 'logistic', { learner: blind });
  assert.equal(r.checks[0].pass, false);
  assert.deepEqual(r.findings.map((f) => f.code), ['CANNOT_OVERFIT_TINY_BATCH']);
  assert.equal(r.findings[0].severity, 'error');
  assert.match(r.findings[0].message, /^logistic: cannot memorize \d+ training rows \(accuracy 0\.\d+/);
});

test('NaN/Inf scan names the feature, the kind and the first data row; NaN is fine for learners that take missing values', () => {
  const a = Float64Array.of(1, 2, 3, 4, 5, Infinity, 7);
  const b = Float64Array.of(1, 2, 3, NaN, 5, NaN, 7);
  const X: Matrix = { nRows: 7, features: [{ name: 'a', kind: 'numeric' }, { name: 'b', kind: 'numeric' }], columns: [a, b] };
  const rows = Int32Array.of(10, 11, 12, 13, 14, 15, 16);
  assert.deepEqual(scanInputs(X, rows, false), [{ feature: 'a', kind: 'Infinity', firstRow: 15, count: 1 }, { feature: 'b', kind: 'NaN', firstRow: 13, count: 2 }]);
  assert.deepEqual(scanInputs(X, rows, true).map((x) => x.feature), ['a']);
});

test('an Infinity in the data reaches gbdt inputs → NAN_IN_TRAINING naming feature and row', async () => {
  const v = await view('gbdt');
  const row = v.splits.rows.train[5];
  const x1 = v.data.table.columns.find((c) => c.name === 'x1')!;
  if (x1.kind === 'numeric') x1.values[row] = -Infinity;
  const r = await sanityChecks(v, 'gbdt');
  const f = r.findings.find((x) => x.code === 'NAN_IN_TRAINING');
  assert.ok(f, JSON.stringify(r.findings));
  assert.equal(f.message, `gbdt: model input 'x1' is Infinity in 1 train rows (first: data row ${row}); fix the value or the transform that produces it`);
});

test('training curves: the first non-finite value is named by iteration; no curves is n/a', () => {
  const curves = [
    { model: 'gbdt', name: 'train_loss', steps: [1, 2, 3, 4], values: [0.6, 0.5, NaN, Infinity] },
    { model: 'gbdt', name: 'valid_loss', steps: [1, 2, 3, 4], values: [0.6, 0.55, 0.5, 0.49] },
    { model: 'logistic', name: 'train_loss', steps: [1], values: [Infinity] },
  ];
  const r = curvesCheck('gbdt', curves);
  assert.equal(r.check.pass, false);
  assert.deepEqual(r.findings.map((f) => f.message), ['gbdt: training curve train_loss is NaN at iteration 3; lower the learning rate or check the inputs']);
  assert.equal(curvesCheck('gbdt', []).check.pass, null);
  assert.equal(curvesCheck('gbdt', curves.slice(1)).check.pass, true);
});

test('train/serve parity: a model whose single-row path drifts → TRAIN_SERVE_MISMATCH with the worst row', async () => {
  const v = await view('logistic');
  const good = v.models.get('logistic')!;
  const skewed: Model = { ...good.model, predict: (X) => good.model.predict(X), predictRow: (row, out) => { good.model.predictRow(row, out); out[0] += 1e-3; } };
  const r = await sanityChecks({ ...v, models: new Map([['logistic', { model: skewed, pipeline: good.pipeline }]]) }, 'logistic');
  const parity = r.checks.find((c) => c.name === 'train/serve parity')!;
  assert.equal(parity.pass, false);
  assert.deepEqual(r.findings.map((f) => f.code), ['TRAIN_SERVE_MISMATCH']);
  assert.ok(Math.abs((r.findings[0].evidence as { maxAbsDiff: number }).maxAbsDiff - 1e-3) < 1e-9);
});
