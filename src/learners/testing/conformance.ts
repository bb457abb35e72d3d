// The learner conformance suite: every learner runs it from its test file (`runLearnerConformance(learner)`), like sklearn's check_estimator.
//
// It registers node:test cases per task the learner supports, on seeded synthetic data shaped by `learner.input`:
// onehot learners get numeric columns only; native learners also get a categorical column (codes as numbers) and NaNs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LearnerError } from '../../util/errors.ts';
import { Rng } from '../../util/rng.ts';
import { resolveParams } from '../params.ts';
import type { FeatureInfo, FitContext, Learner, Matrix, Model, Params, Task } from '../types.ts';

export interface ConformanceOptions {
  /** hyperparameters for every fit (defaults fill the rest), e.g. fewer rounds to keep the suite fast */
  readonly params?: Record<string, unknown>;
  /** training rows of the synthetic data (default 300) */
  readonly rows?: number;
  /** base seed of data and fits (default 7) */
  readonly seed?: number;
  /** check name → reason: skip a check that cannot apply, stating why */
  readonly skip?: Readonly<Record<string, string>>;
}

interface Data { readonly X: Matrix; readonly y: Float64Array }

/** Everything a check needs for one learner and task. */
interface Case {
  readonly learner: Learner;
  readonly task: Task;
  readonly params: Params;
  readonly ctx: FitContext;
  readonly data: Data;
  /** a second, different data set of the same shape */
  readonly other: Data;
}

type Check = (c: Case) => Promise<void>;

const CHECKS: Readonly<Record<string, Check>> = {
  'seed determinism': checkDeterminism,
  'JSON round trip': checkRoundTrip,
  'no mutation of inputs': checkNoMutation,
  'missing values': checkMissingValues,
  'one-row data is rejected': checkOneRow,
  'y/X row mismatch is rejected': checkRowMismatch,
  'invalid target is rejected': checkInvalidTarget,
  'single-class target is rejected': checkSingleClass,
  'idempotent refit': checkIdempotentRefit,
  'prediction shape and range': checkPredictionRange,
  'predictRow matches predict': checkPredictRow,
  'learns the signal': checkLearns,
};

const CLASSIFICATION_ONLY = new Set(['single-class target is rejected']);

/** Register the suite for `learner` with node:test. */
export function runLearnerConformance(learner: Learner, opts: ConformanceOptions = {}): void {
  describe(`${learner.name} conformance`, () => {
    it('declares valid parameters', () => checkParamSpecs(learner));
    for (const task of learner.tasks) {
      describe(task, () => {
        for (const [name, check] of Object.entries(CHECKS)) {
          if (CLASSIFICATION_ONLY.has(name) && task === 'regression') continue;
          const skip = opts.skip?.[name];
          it(name, skip ? { skip } : {}, () => check(makeCase(learner, task, opts)));
        }
      });
    }
  });
}

function makeCase(learner: Learner, task: Task, opts: ConformanceOptions): Case {
  const seed = opts.seed ?? 7;
  const rows = opts.rows ?? 300;
  const params = resolveParams(learner.name, learner.params, opts.params ?? {}, `conformance.${learner.name}`);
  const ctx: FitContext = { task, nClasses: classCount(task), seed, threads: 1 };
  return { learner, task, params, ctx, data: syntheticData(learner, task, seed, rows), other: syntheticData(learner, task, seed + 1000, rows) };
}

function classCount(task: Task): number {
  return task === 'binary' ? 2 : task === 'multiclass' ? 3 : 1;
}

// ---- synthetic data -------------------------------------------------------------------------------------------------

const NUMERIC = 4;
const LEVELS = 4;

/**
 * Seeded data with a clear signal: numeric x0..x3 ~ N(0, 1); native learners also get `cat` (4 levels, codes) and ~5%
 * NaN cells. binary: logistic in 2·score; multiclass: argmax of three noisy scores; regression: 3·score + noise.
 */
export function syntheticData(learner: Learner, task: Task, seed: number, rows: number): Data {
  const rng = new Rng(seed);
  const native = learner.input.categorical === 'native';
  const columns = Array.from({ length: NUMERIC }, () => Float64Array.from({ length: rows }, () => rng.normal()));
  const features: FeatureInfo[] = columns.map((_, j) => ({ name: `x${j}`, kind: 'numeric' }));
  if (native) {
    columns.push(Float64Array.from({ length: rows }, () => rng.int(LEVELS)));
    features.push({ name: 'cat', kind: 'categorical', levels: LEVELS });
  }
  const y = Float64Array.from({ length: rows }, (_, i) => target(task, rowScores(columns, i, native), rng));
  if (!learner.input.impute) sprinkleMissing(columns, rng, 0.05);
  return { X: { nRows: rows, features, columns }, y };
}

/** Three linear scores of row i; `cat` level effects enter when present. */
function rowScores(columns: Float64Array[], i: number, native: boolean): [number, number, number] {
  const [x0, x1, x2, x3] = columns.map((c) => c[i]);
  const cat = native ? [-1, 0, 0.5, 1.5][columns[NUMERIC][i]] : 0;
  return [1.5 * x0 - x1 + 0.5 * x2 + cat, x1 + 0.5 * x3 - cat, -x0 + 0.5 * x3];
}

function target(task: Task, s: [number, number, number], rng: Rng): number {
  if (task === 'binary') return rng.float() < 1 / (1 + Math.exp(-2 * s[0])) ? 1 : 0;
  if (task === 'regression') return 10 + 3 * s[0] + 0.3 * rng.normal();
  const noisy = s.map((v) => v + 0.3 * rng.normal());
  return noisy.indexOf(Math.max(...noisy));
}

function sprinkleMissing(columns: Float64Array[], rng: Rng, rate: number): void {
  for (const c of columns) for (let i = 0; i < c.length; i++) if (rng.float() < rate) c[i] = NaN;
}

// ---- checks ---------------------------------------------------------------------------------------------------------

function checkParamSpecs(learner: Learner): void {
  const names = learner.params.map((p) => p.name);
  assert.equal(new Set(names).size, names.length, `parameter names must be unique; got ${names.join(', ')}`);
  assert.doesNotThrow(() => resolveParams(learner.name, learner.params, {}, 'conformance'), 'the declared defaults must pass validation');
  assert.ok(learner.tasks.length > 0, 'a learner must support at least one task');
}

async function checkDeterminism(c: Case): Promise<void> {
  const a = await fit(c, c.data);
  const b = await fit(c, c.data);
  assertSameBits(a.predict(c.data.X), b.predict(c.data.X), 'two fits with the same seed');
}

async function checkRoundTrip(c: Case): Promise<void> {
  const model = await fit(c, c.data);
  const json = model.toJSON();
  assert.equal(json.format, 'gauntlet-model');
  assert.equal(typeof json.version, 'number');
  assert.deepEqual([json.learner, json.task, json.nClasses], [c.learner.name, c.task, c.ctx.nClasses]);
  assert.deepEqual(json.featureNames, c.data.X.features.map((f) => f.name));
  const loaded = c.learner.load(JSON.parse(JSON.stringify(json)));
  assertSameBits(loaded.predict(c.other.X), model.predict(c.other.X), 'predict after JSON round trip');
  assertSameBits(predictRows(loaded, c.other.X), predictRows(model, c.other.X), 'predictRow after JSON round trip');
}

async function checkNoMutation(c: Case): Promise<void> {
  const validation = { X: c.other.X, y: c.other.y };
  const before = snapshot([c.data, validation]);
  const model = await c.learner.fit(c.data.X, c.data.y, { ...c.ctx, validation, onCurve: () => {} }, c.params);
  model.predict(c.other.X);
  predictRows(model, c.other.X);
  const after = snapshot([c.data, validation]);
  after.forEach((a, k) => assertSameBits(a, before[k], `input array ${k} after fit/predict`));
}

async function checkMissingValues(c: Case): Promise<void> {
  if (c.learner.input.impute) {
    const X = withValue(c.data.X, 1, 3, NaN);
    await assert.rejects(fit(c, { X, y: c.data.y }), (e: unknown) => isLearnerError(e) && e.message.includes(X.features[1].name),
      'a learner with input.impute = true must reject NaN with a LearnerError naming the feature');
    return;
  }
  const model = await fit(c, c.data);
  const allMissing = { ...c.other.X, columns: c.other.X.columns.map((col, j) => (j % 2 === 0 ? col.map(() => NaN) : col)) };
  assertFinite(model.predict(allMissing), 'predictions on rows with missing values');
}

async function checkOneRow(c: Case): Promise<void> {
  const one = takeRows(c.data, [0]);
  await assert.rejects(fit(c, one), isLearnerError, 'fitting one row must throw a LearnerError');
}

async function checkRowMismatch(c: Case): Promise<void> {
  const y = c.data.y.subarray(0, c.data.y.length - 1);
  await assert.rejects(fit(c, { X: c.data.X, y }), isLearnerError, 'y shorter than X must throw a LearnerError');
}

async function checkInvalidTarget(c: Case): Promise<void> {
  const bad = c.task === 'regression' ? NaN : c.task === 'binary' ? 2 : c.ctx.nClasses;
  const y = Float64Array.from(c.data.y);
  y[5] = bad;
  await assert.rejects(fit(c, { X: c.data.X, y }), isLearnerError, `target ${bad} for task ${c.task} must throw a LearnerError`);
}

async function checkSingleClass(c: Case): Promise<void> {
  const y = new Float64Array(c.data.y.length);
  await assert.rejects(fit(c, { X: c.data.X, y }), (e: unknown) => isLearnerError(e) && /one class/.test(e.message),
    'a single-class target must throw a LearnerError saying the target has one class');
}

async function checkIdempotentRefit(c: Case): Promise<void> {
  const first = await fit(c, c.data);
  const expected = first.predict(c.data.X);
  await fit(c, c.other);
  const again = await fit(c, c.data);
  assertSameBits(again.predict(c.data.X), expected, 'refit on the same data after fitting other data');
  assertSameBits(first.predict(c.data.X), expected, 'an earlier model after later fits');
}

async function checkPredictionRange(c: Case): Promise<void> {
  const model = await fit(c, c.data);
  const pred = model.predict(c.other.X);
  const n = c.other.X.nRows;
  assert.equal(pred.length, c.task === 'multiclass' ? n * c.ctx.nClasses : n, 'prediction length');
  assertFinite(pred, 'predictions');
  if (c.task === 'regression') return;
  for (const v of pred) assert.ok(v >= 0 && v <= 1, `probabilities must lie in [0, 1]; got ${v}`);
  if (c.task === 'multiclass') assertRowsSumToOne(pred, c.ctx.nClasses);
}

async function checkPredictRow(c: Case): Promise<void> {
  const model = await fit(c, c.data);
  assertSameBits(predictRows(model, c.other.X), model.predict(c.other.X), 'predictRow row by row vs predict');
}

/** On this easy synthetic signal any learner must beat the trivial model by a wide margin (training data). */
async function checkLearns(c: Case): Promise<void> {
  const model = await fit(c, c.data);
  const pred = model.predict(c.data.X);
  const y = c.data.y;
  if (c.task === 'regression') {
    const r2 = rSquared(pred, y);
    assert.ok(r2 > 0.7, `training R² must exceed 0.7 on a strong linear signal; got ${r2.toFixed(3)}`);
    return;
  }
  const acc = accuracy(pred, y, c.task === 'binary' ? 1 : c.ctx.nClasses);
  assert.ok(acc > 0.75, `training accuracy must exceed 0.75 on a strong signal; got ${acc.toFixed(3)}`);
}

// ---- helpers --------------------------------------------------------------------------------------------------------

function fit(c: Case, data: Data): Promise<Model> {
  return c.learner.fit(data.X, data.y, c.ctx, c.params);
}

/** predictRow over every row, laid out like predict() */
function predictRows(model: Model, X: Matrix): Float64Array {
  const width = model.task === 'multiclass' ? model.nClasses : 1;
  const out = new Float64Array(X.nRows * width);
  const row = new Float64Array(X.columns.length);
  const buf = new Float64Array(width);
  for (let i = 0; i < X.nRows; i++) {
    X.columns.forEach((col, j) => { row[j] = col[i]; });
    model.predictRow(row, buf);
    out.set(buf, i * width);
  }
  return out;
}

function isLearnerError(e: unknown): e is LearnerError {
  return e instanceof LearnerError;
}

function snapshot(sets: readonly Data[]): Float64Array[] {
  return sets.flatMap((d) => [...d.X.columns.map((c) => Float64Array.from(c)), Float64Array.from(d.y)]);
}

function withValue(X: Matrix, column: number, row: number, value: number): Matrix {
  const columns = X.columns.map((c, j) => (j === column ? Float64Array.from(c) : c));
  columns[column][row] = value;
  return { ...X, columns };
}

function takeRows(d: Data, rows: readonly number[]): Data {
  const columns = d.X.columns.map((c) => Float64Array.from(rows, (i) => c[i]));
  return { X: { nRows: rows.length, features: d.X.features, columns }, y: Float64Array.from(rows, (i) => d.y[i]) };
}

/** Bit-for-bit equality (NaN and -0 included), reporting the first difference. */
export function assertSameBits(actual: Float64Array, expected: Float64Array, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: lengths differ`);
  const a = new BigUint64Array(actual.buffer, actual.byteOffset, actual.length);
  const b = new BigUint64Array(expected.buffer, expected.byteOffset, expected.length);
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) assert.fail(`${what}: not bit-identical at index ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

function assertFinite(values: Float64Array, what: string): void {
  const i = values.findIndex((v) => !Number.isFinite(v));
  assert.equal(i, -1, `${what} must be finite; got ${values[i]} at index ${i}`);
}

function assertRowsSumToOne(pred: Float64Array, k: number): void {
  for (let i = 0; i < pred.length; i += k) {
    let s = 0;
    for (let c = 0; c < k; c++) s += pred[i + c];
    assert.ok(Math.abs(s - 1) < 1e-9, `multiclass probabilities of row ${i / k} must sum to 1; got ${s}`);
  }
}

function rSquared(pred: Float64Array, y: Float64Array): number {
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < y.length; i++) { ssRes += (y[i] - pred[i]) ** 2; ssTot += (y[i] - mean) ** 2; }
  return 1 - ssRes / ssTot;
}

/** binary: P(1) > 0.5; multiclass: argmax of each row of k */
function accuracy(pred: Float64Array, y: Float64Array, k: number): number {
  let right = 0;
  for (let i = 0; i < y.length; i++) {
    const label = k === 1 ? (pred[i] > 0.5 ? 1 : 0) : argmax(pred, i * k, k);
    if (label === y[i]) right++;
  }
  return right / y.length;
}

function argmax(a: Float64Array, offset: number, k: number): number {
  let best = 0;
  for (let c = 1; c < k; c++) if (a[offset + c] > a[offset + best]) best = c;
  return best;
}
