// Platt scaling on the log-odds: agreement with sklearn's _sigmoid_calibration on Adult, recovery of known parameters, edge cases.
//
// Reference: scikit-learn 1.2.1, `_sigmoid_calibration(logit(clip(p, 1e-15, 1 - 1e-15)), y)` on the first ⌊n/2⌋ = 3663
// rows of adult_test_predictions.csv, computed once with /usr/bin/python3 and hardcoded. sklearn stops its BFGS at
// gtol 1e-5, ~2e-8 short of the optimum; `exact` is the optimum of the same objective (numpy Newton, |gradient| < 1e-13).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitCalibrator } from './fit.ts';
import { fitPlatt, logit } from './platt.ts';
import { adultHalves } from './testing/adult.ts';
import { binaryMiscalibrated } from './testing/synthetic.ts';
import type { PlattParams } from './types.ts';

const SKLEARN = {
  p_xgb_spw: { sklearn: { a: -0.9671876519281487, b: 1.1132710939237387 }, exact: { a: -0.9671876446575604, b: 1.1132710915044925 } },
  p_xgb: { sklearn: { a: -0.9769038900204305, b: 0.0717559667984099 }, exact: { a: -0.9769038860749886, b: 0.07175598336659172 } },
} as const;

function plattOf(method: 'platt', y: Float64Array, p: Float64Array): PlattParams {
  const json = fitCalibrator(method, 'binary', y, p, 2).toJSON();
  assert.equal(json.method, 'platt');
  if (json.method !== 'platt') throw new Error('unreachable');
  assert.equal(json.classes.length, 1);
  return json.classes[0];
}

for (const column of ['p_xgb_spw', 'p_xgb'] as const) {
  test(`platt on ${column} (Adult, first half) matches sklearn's _sigmoid_calibration on the log-odds`, (t) => {
    const d = adultHalves(t, column);
    if (!d) return;
    const { a, b } = plattOf('platt', d.fit.y, d.fit.p);
    const ref = SKLEARN[column];
    const vsSklearn = Math.max(Math.abs(a - ref.sklearn.a), Math.abs(b - ref.sklearn.b));
    const vsExact = Math.max(Math.abs(a - ref.exact.a), Math.abs(b - ref.exact.b));
    t.diagnostic(`A=${a} B=${b}; |Δ| vs sklearn ${vsSklearn.toExponential(2)}, vs the exact optimum ${vsExact.toExponential(2)}`);
    assert.ok(vsSklearn < 1e-7, `A, B must match sklearn's to 1e-7 (its BFGS tolerance); got ${vsSklearn}`);
    assert.ok(vsExact < 1e-12, `A, B must be the optimum of Platt's objective to 1e-12; got ${vsExact}`);
  });
}

test('platt recovers the miscalibration of a model whose log-odds are scaled and shifted', () => {
  // the model reports sigmoid(2.5·s + 1) for true log-odds s: s = (logit(p) − 1)/2.5, so a = −0.4, b = 0.4
  const d = binaryMiscalibrated(200_000, 3, 2.5, 1);
  const { a, b } = plattOf('platt', d.y, d.pred);
  assert.ok(Math.abs(a + 0.4) < 0.01 && Math.abs(b - 0.4) < 0.02, `expected a ≈ −0.4, b ≈ 0.4; got a=${a}, b=${b}`);
});

test('a calibrated model is left nearly unchanged (a ≈ −1, b ≈ 0)', () => {
  const d = binaryMiscalibrated(200_000, 4, 1, 0);
  const { a, b } = plattOf('platt', d.y, d.pred);
  assert.ok(Math.abs(a + 1) < 0.02 && Math.abs(b) < 0.02, `expected a ≈ −1, b ≈ 0; got a=${a}, b=${b}`);
});

test('separable data and probabilities of exactly 0 and 1 give finite parameters and probabilities in [0, 1]', () => {
  const p = Float64Array.from([0, 0.1, 0.2, 0.8, 0.9, 1]);
  const y = Float64Array.from([0, 0, 0, 1, 1, 1]);
  const { a, b } = fitPlatt(p.map(logit), y);
  assert.ok(Number.isFinite(a) && Number.isFinite(b) && a < 0, `got a=${a}, b=${b}`);
  const out = fitCalibrator('platt', 'binary', y, p, 2).apply(p);
  assert.ok(out.every((v) => v >= 0 && v <= 1), `got ${Array.from(out)}`);
  for (let i = 1; i < out.length; i++) assert.ok(out[i] >= out[i - 1], 'the map is increasing');
});

test("one class only: Platt's smoothed targets keep the fit finite", () => {
  const p = Float64Array.from([0.1, 0.4, 0.7]);
  const { a, b } = fitPlatt(p.map(logit), new Float64Array(3));
  assert.ok(Number.isFinite(a) && Number.isFinite(b), `got a=${a}, b=${b}`);
});
