// Multiclass metrics against scikit-learn 1.2.1 on a small seeded dataset, plus hand cases.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BadInputError } from '../util/errors.ts';
import { argmaxRow, macroF1Score, multiclassAccuracyScore, multiclassLogLoss } from './multiclass.ts';

const f = (a: number[]): Float64Array => Float64Array.from(a);
const close = (got: number, want: number, tol = 1e-12): void =>
  assert.ok(Math.abs(got - want) <= tol, `expected ${want}, got ${got}`);

// numpy default_rng(0): Dirichlet rows rounded to 3 decimals (row sums ≠ 1, so renormalization matters);
// row 0 gives its true class 0 probability 0 (clipping), row 1 ties classes 0 and 1 (argmax takes 0).
const Y = f([0, 1, 0, 0, 2, 2, 0, 2, 2, 0, 1, 1, 1, 1, 0, 2, 2, 0, 2, 2, 0, 1, 1, 0, 2, 2, 0, 0, 0, 2]);
const P = f([0.0, 0.5, 0.5, 0.4, 0.4, 0.2, 0.581, 0.298, 0.121, 0.616, 0.293, 0.09, 0.515, 0.324, 0.161, 0.726, 0.173, 0.101, 0.117, 0.765, 0.118, 0.557, 0.345, 0.098, 0.474, 0.279, 0.247, 0.433, 0.564, 0.004, 0.415, 0.173, 0.412, 0.028, 0.912, 0.06, 0.215, 0.552, 0.233, 0.461, 0.035, 0.504, 0.052, 0.72, 0.227, 0.375, 0.325, 0.299, 0.623, 0.264, 0.114, 0.1, 0.033, 0.867, 0.614, 0.16, 0.225, 0.423, 0.382, 0.195, 0.109, 0.198, 0.693, 0.69, 0.081, 0.23, 0.691, 0.097, 0.212, 0.383, 0.343, 0.274, 0.152, 0.571, 0.277, 0.011, 0.488, 0.501, 0.313, 0.437, 0.25, 0.605, 0.211, 0.184, 0.441, 0.495, 0.063, 0.408, 0.34, 0.253]);

test('seeded 30×3 case equals scikit-learn 1.2.1 (accuracy_score, log_loss eps=1e-15, f1_score macro)', () => {
  close(multiclassAccuracyScore(Y, P), 0.23333333333333334);
  close(multiclassLogLoss(Y, P), 2.623880138452482);
  close(macroF1Score(Y, P), 0.2197318007662835);
  close(multiclassLogLoss(Y, P, undefined, 3), 2.623880138452482);
});

test('argmax takes the first of tied classes, like numpy', () => {
  assert.equal(argmaxRow(P, 1, 3), 0);
  assert.equal(argmaxRow(f([0.2, 0.4, 0.4]), 0, 3), 1);
  assert.equal(argmaxRow(f([0.2, NaN, 0.4]), 0, 3), -1);
});

test('macro F1 averages only the classes present among labels or predictions (sklearn default)', () => {
  // labels 0 0 2 2, argmax 0 2 2 0: F1 = ½ for classes 0 and 2; class 1 never appears
  const p = f([0.9, 0.05, 0.05, 0.1, 0.1, 0.8, 0.1, 0.1, 0.8, 0.7, 0.2, 0.1]);
  assert.equal(macroF1Score(f([0, 0, 2, 2]), p), 0.5);
});

test('log loss renormalizes each row after clipping', () => {
  // row [2, 2] renormalizes to [½, ½]
  close(multiclassLogLoss(f([1]), f([2, 2])), Math.log(2));
  close(multiclassLogLoss(f([0, 1]), f([0.5, 0.25, 0.25, 0.5, 0.25, 0.25]), undefined, 3), Math.log(2) / 2 + Math.log(4) / 2);
});

test('idx scores the selected rows with repeats', () => {
  const idx = Int32Array.from([0, 0, 1, 4, 4, 29, 17]);
  const yy = Float64Array.from(idx, (r) => Y[r]);
  const pp = new Float64Array(idx.length * 3);
  idx.forEach((r, j) => pp.set(P.subarray(r * 3, r * 3 + 3), j * 3));
  for (const fn of [multiclassAccuracyScore, multiclassLogLoss, macroF1Score]) assert.equal(fn(Y, P, idx), fn(yy, pp), fn.name);
});

test('NaN probability or no rows → NaN; wrong shapes and labels are rejected', () => {
  const p = f([0.5, 0.5, NaN, 0.5]);
  for (const fn of [multiclassAccuracyScore, multiclassLogLoss, macroF1Score]) {
    assert.ok(Number.isNaN(fn(f([0, 1]), p)), fn.name);
    assert.ok(Number.isNaN(fn(f([]), f([]), undefined, 3)), fn.name);
  }
  assert.throws(() => multiclassAccuracyScore(f([0, 1]), f([0.2, 0.3, 0.5])), (e: unknown) =>
    e instanceof BadInputError && /row-major n×k with k >= 2, but got pred.length=3 for n=2/.test(e.message));
  assert.throws(() => multiclassLogLoss(f([0, 3]), f([0.5, 0.5, 0.5, 0.5])), /class indices in \[0, 2\), but got y\[1\]=3/);
  assert.throws(() => macroF1Score(f([0, 1.5]), f([0.5, 0.5, 0.5, 0.5])), BadInputError);
});
