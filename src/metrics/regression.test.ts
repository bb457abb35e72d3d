// Regression metrics against scikit-learn 1.2.1 on a small seeded dataset, plus edge cases.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BadInputError } from '../util/errors.ts';
import { mae, r2Score, rmse } from './regression.ts';

const f = (a: number[]): Float64Array => Float64Array.from(a);
const close = (got: number, want: number, tol = 1e-12): void =>
  assert.ok(Math.abs(got - want) <= tol, `expected ${want}, got ${got}`);

// numpy default_rng(0) values rounded to 2 decimals
const Y = f([10.49, 6.12, 8.58, 14.13, 10.41, 16.93, 7.64, 11.74, 9.41, 11.7, 9.98, 8.32, 7.4, 19.2, 9.77]);
const P = f([7.47, 5.15, 9.6, 13.38, 12.45, 18.43, 7.41, 11.03, 7.9, 10.65, 7.77, 10.13, 9.79, 17.32, 8.0]);

test('seeded case equals scikit-learn 1.2.1 (sqrt(mean_squared_error), mean_absolute_error, r2_score)', () => {
  close(rmse(Y, P), 1.6843396332094072);
  close(mae(Y, P), 1.524);
  close(r2Score(Y, P), 0.7627366194158219);
});

test('hand cases: perfect fit, predicting the mean, idx with repeats', () => {
  assert.equal(rmse(f([1, 2, 3]), f([1, 2, 3])), 0);
  assert.equal(r2Score(f([1, 2, 3]), f([1, 2, 3])), 1);
  assert.equal(r2Score(f([1, 2, 3]), f([2, 2, 2])), 0);
  assert.equal(rmse(f([0, 0]), f([3, -4])), Math.sqrt(12.5));
  assert.equal(mae(f([0, 0]), f([3, -4])), 3.5);
  const idx = Int32Array.from([2, 2, 0, 14]);
  const gather = (a: Float64Array): Float64Array => Float64Array.from(idx, (r) => a[r]);
  for (const fn of [rmse, mae, r2Score]) assert.equal(fn(Y, P, idx), fn(gather(Y), gather(P)), fn.name);
});

test('R² of a constant target is NaN (undefined; sklearn force_finite reports 1 or 0); no rows → NaN', () => {
  assert.ok(Number.isNaN(r2Score(f([5, 5, 5]), f([5, 5, 5]))));
  assert.ok(Number.isNaN(r2Score(f([5, 5, 5]), f([4, 5, 6]))));
  for (const fn of [rmse, mae, r2Score]) assert.ok(Number.isNaN(fn(f([]), f([]))), fn.name);
  assert.throws(() => rmse(f([1, 2]), f([1])), (e: unknown) => e instanceof BadInputError && /same length/.test(e.message));
});
