// The calibrated model wrapper, end to end: a logistic model made mis-calibrated on purpose (classWeight 'balanced'),
// calibration fit on a trainDev-like split and chosen on a blackbox-like split; predictRow == predict and JSON round
// trips bit for bit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadModel } from '../learners/index.ts';
import { logistic } from '../learners/logistic.ts';
import { resolveParams } from '../learners/params.ts';
import { ridge } from '../learners/ridge.ts';
import type { Matrix, Model, ModelJSON, Task } from '../learners/types.ts';
import { computeMetric } from '../metrics/index.ts';
import { Rng } from '../util/rng.ts';
import { chooseCalibration } from './choose.ts';
import { fitCalibrator } from './fit.ts';
import { calibrated, loadCalibratedModel } from './model.ts';

interface Data { readonly X: Matrix; readonly y: Float64Array }

/** Three numeric features; binary: ~12% positives; multiclass: 3 classes from noisy linear scores. */
function synthetic(n: number, seed: number, task: Task): Data {
  const rng = new Rng(seed);
  const columns = [0, 1, 2].map(() => Float64Array.from({ length: n }, () => rng.normal()));
  const y = Float64Array.from({ length: n }, (_, i) => {
    const [a, b, c] = columns.map((col) => col[i]);
    if (task === 'binary') return rng.float() < 1 / (1 + Math.exp(-(1.2 * a - 0.8 * b + 0.4 * c - 2.5))) ? 1 : 0;
    const s = [a + 0.5 * rng.normal(), b + 0.5 * rng.normal(), 0.5 * c + 0.5 * rng.normal()];
    return s.indexOf(Math.max(...s));
  });
  return { X: { nRows: n, features: columns.map((_, j) => ({ name: `x${j}`, kind: 'numeric' as const })), columns }, y };
}

function slice(d: Data, from: number, to: number): Data {
  return { X: { ...d.X, nRows: to - from, columns: d.X.columns.map((c) => c.subarray(from, to)) }, y: d.y.subarray(from, to) };
}

function predictRows(model: Model, X: Matrix, width: number): Float64Array {
  const out = new Float64Array(X.nRows * width);
  const row = new Float64Array(X.columns.length);
  const buf = new Float64Array(width);
  for (let i = 0; i < X.nRows; i++) {
    for (let j = 0; j < row.length; j++) row[j] = X.columns[j][i];
    model.predictRow(row, buf);
    out.set(buf, i * width);
  }
  return out;
}

function assertSameBits(a: Float64Array, b: Float64Array, what: string): void {
  assert.equal(a.length, b.length, `${what}: lengths differ`);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) assert.fail(`${what}: value ${i} differs: ${a[i]} vs ${b[i]}`);
}

async function fitBase(train: Data, task: Task, k: number, classWeight: string): Promise<Model> {
  const params = resolveParams('logistic', logistic.params, { classWeight }, 'test');
  return logistic.fit(train.X, train.y, { task, nClasses: k, seed: 0 }, params);
}

function roundTrip(model: Model): Model {
  const json = JSON.parse(JSON.stringify(model.toJSON())) as ModelJSON;
  return loadCalibratedModel(json, loadModel);
}

test('balanced-weight logistic is mis-calibrated; auto calibration fixes it; the wrapper predicts, serves and round-trips bit for bit', async (t) => {
  const d = synthetic(16_000, 41, 'binary');
  const [train, trainDev, blackbox, test_] = [slice(d, 0, 8000), slice(d, 8000, 11_000), slice(d, 11_000, 14_000), slice(d, 14_000, 16_000)];
  const base = await fitBase(train, 'binary', 2, 'balanced');
  const choice = chooseCalibration('auto', 'binary', { y: trainDev.y, pred: base.predict(trainDev.X) }, { y: blackbox.y, pred: base.predict(blackbox.X) }, 2);
  const model = calibrated(base, choice.calibrator);
  const eceBase = computeMetric('ece', 'binary', test_.y, base.predict(test_.X), 2);
  const eceCal = computeMetric('ece', 'binary', test_.y, model.predict(test_.X), 2);
  t.diagnostic(`blackbox: ${choice.candidates.map((c) => `${c.method} logloss ${c.logloss.toFixed(4)} ECE ${c.ece.toFixed(4)}`).join('; ')}; chosen ${choice.chosen}; test ECE ${eceBase.toFixed(4)} -> ${eceCal.toFixed(4)}`);
  assert.ok(eceBase > 0.1, `balanced weights must mis-calibrate; ECE ${eceBase}`);
  assert.notEqual(choice.chosen, 'none');
  assert.ok(eceCal < 0.03, `calibrated test ECE must be < 0.03; got ${eceCal}`);

  const pred = model.predict(test_.X);
  assertSameBits(pred, choice.calibrator.apply(base.predict(test_.X)), 'predict = calibrator.apply(base.predict)');
  assertSameBits(predictRows(model, test_.X, 1), pred, 'predictRow vs predict');
  const loaded = roundTrip(model);
  assertSameBits(loaded.predict(test_.X), pred, 'predict after JSON round trip');
  assertSameBits(predictRows(loaded, test_.X, 1), pred, 'predictRow after JSON round trip');
});

test('JSON: learner calibrated wrapping the base model and the calibrator; the wrapper reports the base learner', async () => {
  const d = synthetic(3000, 42, 'binary');
  const base = await fitBase(slice(d, 0, 2000), 'binary', 2, 'none');
  const cal = fitCalibrator('isotonic', 'binary', slice(d, 2000, 3000).y, base.predict(slice(d, 2000, 3000).X), 2);
  const model = calibrated(base, cal);
  const json = model.toJSON();
  const baseJson = base.toJSON();
  assert.deepEqual(
    { ...json, state: undefined },
    { format: 'gauntlet-model', version: 1, learner: 'calibrated', task: 'binary', nClasses: 2, featureNames: ['x0', 'x1', 'x2'], params: base.params, state: undefined },
  );
  assert.deepEqual(json.state, { base: baseJson, calibrator: cal.toJSON() });
  assert.deepEqual([model.learner, model.task, model.nClasses, model.iterations], [base.learner, 'binary', 2, base.iterations]);
  assert.deepEqual(model.importance?.(), base.importance?.());
});

test('multiclass: temperature-calibrated logistic, predictRow == predict and a bit-identical round trip', async () => {
  const d = synthetic(4000, 43, 'multiclass');
  const base = await fitBase(slice(d, 0, 2000), 'multiclass', 3, 'balanced');
  const dev = slice(d, 2000, 3000);
  const other = slice(d, 3000, 4000);
  const model = calibrated(base, fitCalibrator('temperature', 'multiclass', dev.y, base.predict(dev.X), 3));
  const pred = model.predict(other.X);
  assertSameBits(predictRows(model, other.X, 3), pred, 'predictRow vs predict');
  assertSameBits(roundTrip(model).predict(other.X), pred, 'predict after JSON round trip');
});

test('a calibrator fit for another layout, regression models and foreign JSON are rejected', async () => {
  const d = synthetic(1000, 44, 'multiclass');
  const base = await fitBase(d, 'multiclass', 3, 'none');
  const binaryCal = fitCalibrator('platt', 'binary', Float64Array.from([0, 1, 1]), Float64Array.from([0.2, 0.6, 0.9]), 2);
  assert.throws(() => calibrated(base, binaryCal), /the calibrator maps 1 output\(s\) per row but the multiclass model predicts 3/);
  const regression = await ridge.fit(d.X, d.y, { task: 'regression', nClasses: 1, seed: 0 }, resolveParams('ridge', ridge.params, {}, 'test'));
  assert.throws(() => calibrated(regression, binaryCal), /a regression model cannot be calibrated/);
  assert.throws(() => loadCalibratedModel(base.toJSON(), loadModel), /holds a 'logistic' model, not a 'calibrated' one/);
  const json = calibrated(base, fitCalibrator('none', 'multiclass', d.y, base.predict(d.X), 3)).toJSON();
  assert.throws(() => loadCalibratedModel({ ...json, state: { base: json.state } }, loadModel), /state must be an object with keys base and calibrator/);
});
