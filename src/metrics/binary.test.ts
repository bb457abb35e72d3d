// Binary metrics on hand-computable cases and a small tied dataset checked against scikit-learn 1.2.1.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BadInputError } from '../util/errors.ts';
import {
  accuracyScore, averagePrecisionScore, binaryConfusion, brierScore, f1Score, logLoss, precisionScore, recallScore, rocAucScore,
} from './binary.ts';

const f = (a: number[]): Float64Array => Float64Array.from(a);
const close = (got: number, want: number, tol = 1e-12): void =>
  assert.ok(Math.abs(got - want) <= tol, `expected ${want}, got ${got}`);

// Seeded (numpy default_rng(0)) labels and scores rounded to 0.1, so most scores are tied, including 0 and 1.
const Y = f([1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0]);
const P = f([0.0, 1.0, 0.8, 0.5, 0.4, 0.3, 0.7, 0.7, 0.5, 0.8, 0.8, 0.6, 0.4, 0.8, 0.7, 0.5, 0.6, 0.9, 1.0, 0.6, 0.4, 0.5, 0.7, 0.2, 0.3, 0.9, 0.5, 0.4, 0.4, 0.9, 0.9, 0.2, 0.6, 0.3, 0.2, 0.4, 0.3, 0.6, 0.2, 0.0]);

test('tied scores: every metric equals scikit-learn 1.2.1 (p = 0.5 counts as class 0)', () => {
  close(rocAucScore(Y, P), 0.8069053708439898);
  close(averagePrecisionScore(Y, P), 0.8545550256715959);
  close(logLoss(Y, P), 1.33132008263734); // a positive scored 0: clipped to 1e-15
  close(brierScore(Y, P), 0.18225);
  close(accuracyScore(Y, P), 0.7);
  close(precisionScore(Y, P), 0.7894736842105263);
  close(recallScore(Y, P), 0.6521739130434783);
  close(f1Score(Y, P), 0.7142857142857143);
});

test('AUC counts a tie between a positive and a negative as one half', () => {
  // pairs (pos, neg): (.1,.1) tie → ½, (.1,.2) → 0, (.3,.1) → 1, (.3,.2) → 1: 2.5 / 4
  assert.equal(rocAucScore(f([0, 1, 0, 1]), f([0.1, 0.1, 0.2, 0.3])), 0.625);
  assert.equal(rocAucScore(f([0, 0, 1, 1]), f([0.5, 0.5, 0.5, 0.5])), 0.5);
  assert.equal(rocAucScore(f([0, 0, 1, 1]), f([0.1, 0.2, 0.3, 0.4])), 1);
  assert.equal(rocAucScore(f([1, 1, 0, 0]), f([0.1, 0.2, 0.3, 0.4])), 0);
  // -0 and +0 are the same score
  assert.equal(rocAucScore(f([0, 1]), f([-0, 0])), 0.5);
});

test('average precision: recall gained at each distinct threshold times the precision there', () => {
  // thresholds .3 (tp 1, fp 0), .2 (fp 1), .1 (tp 2, fp 2): ½·1 + ½·½
  assert.equal(averagePrecisionScore(f([0, 1, 0, 1]), f([0.1, 0.1, 0.2, 0.3])), 0.75);
  assert.equal(averagePrecisionScore(f([0, 0, 1, 1]), f([0.5, 0.5, 0.5, 0.5])), 0.5);
});

test('single-class labels: AUC is NaN (undefined, sklearn raises); AP is NaN without positives', () => {
  assert.ok(Number.isNaN(rocAucScore(f([1, 1, 1]), f([0.2, 0.5, 0.9]))));
  assert.ok(Number.isNaN(rocAucScore(f([0, 0]), f([0.2, 0.5]))));
  assert.ok(Number.isNaN(averagePrecisionScore(f([0, 0]), f([0.2, 0.5]))));
  assert.equal(averagePrecisionScore(f([1, 1]), f([0.2, 0.5])), 1);
  // the other metrics stay defined on one class
  assert.equal(accuracyScore(f([1, 1, 1]), f([0.2, 0.5, 0.9])), 1 / 3);
});

test('zero division gives 0 (sklearn zero_division=0): no predicted positive, no actual positive', () => {
  const y = f([0, 0, 1]);
  const p = f([0.1, 0.2, 0.3]);
  assert.deepEqual(binaryConfusion(y, p), { tp: 0, fp: 0, fn: 1, tn: 2 });
  assert.equal(precisionScore(y, p), 0);
  assert.equal(f1Score(y, p), 0);
  assert.equal(recallScore(f([0, 0]), f([0.9, 0.1])), 0);
  assert.equal(f1Score(f([0, 0]), f([0.1, 0.1])), 0);
});

test('log loss clips at 1e-15 and is 0-ish for confident correct predictions', () => {
  // scikit-learn 1.2.1 log_loss(eps=1e-15, labels=[0, 1]); 1 − (1 − 1e-15) is not exactly 1e-15 in float64
  assert.equal(logLoss(f([1]), f([0])), 34.538776394910684);
  assert.equal(logLoss(f([0]), f([1])), 34.53957599234088);
  close(logLoss(f([1, 0]), f([0.8, 0.2])), -Math.log(0.8));
  assert.ok(logLoss(f([1, 0]), f([1, 0])) < 1e-14);
});

test('NaN predictions and empty inputs give NaN', () => {
  const y = f([0, 1]);
  const p = f([0.2, NaN]);
  for (const fn of [rocAucScore, averagePrecisionScore, logLoss, brierScore, accuracyScore, precisionScore, recallScore, f1Score]) {
    assert.ok(Number.isNaN(fn(y, p)), fn.name);
  }
  assert.ok(Number.isNaN(logLoss(f([]), f([]))));
  assert.ok(Number.isNaN(accuracyScore(f([]), f([]))));
});

test('bad inputs: labels other than 0/1 and length mismatches are rejected with the row named', () => {
  assert.throws(() => rocAucScore(f([0, 2]), f([0.1, 0.2])), (e: unknown) =>
    e instanceof BadInputError && /binary labels must be 0 or 1, but got y\[1\]=2/.test(e.message));
  assert.throws(() => logLoss(f([0, 1]), f([0.1])), /y and p must have the same length, but got y.length=2 and p.length=1/);
  assert.throws(() => brierScore(f([0.5]), f([0.1])), BadInputError);
});

test('idx scores the selected rows, repeats included, without copying', () => {
  const idx = Int32Array.from([0, 0, 3, 5, 5, 5, 9, 39]);
  const gather = (a: Float64Array): Float64Array => Float64Array.from(idx, (r) => a[r]);
  for (const fn of [rocAucScore, averagePrecisionScore, logLoss, brierScore, accuracyScore, precisionScore, recallScore, f1Score]) {
    assert.equal(fn(Y, P, idx), fn(gather(Y), gather(P)), fn.name);
  }
});

test('prepared AUC (bootstrap form) agrees exactly with rocAucScore on resamples, ties and NaN included', () => {
  const scorer = (rocAucScore.prepare as NonNullable<typeof rocAucScore.prepare>)(Y, P);
  for (const idx of [Int32Array.from(Y.keys()), Int32Array.from([0, 0, 1, 2, 3, 3, 3, 39, 17]), Int32Array.from([1, 2])]) {
    assert.deepEqual(scorer(idx), rocAucScore(Y, P, idx));
  }
  const withNaN = Float64Array.from(P);
  withNaN[5] = NaN;
  const nanScorer = (rocAucScore.prepare as NonNullable<typeof rocAucScore.prepare>)(Y, withNaN);
  assert.ok(Number.isNaN(nanScorer(Int32Array.from([4, 5, 6, 0]))));
  assert.equal(nanScorer(Int32Array.from([3, 4, 0, 1])), rocAucScore(Y, withNaN, Int32Array.from([3, 4, 0, 1])));
});
