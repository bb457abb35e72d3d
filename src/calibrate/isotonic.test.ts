// Isotonic calibration: PAV by hand, sklearn's IsotonicRegression(out_of_bounds='clip', y_min=0, y_max=1) on Adult, speed.
//
// Reference: scikit-learn 1.2.1 IsotonicRegression(out_of_bounds='clip', y_min=0, y_max=1).fit(p, y) on the first
// ⌊n/2⌋ = 3663 rows of adult_test_predictions.csv, then predict(POINTS); computed once with /usr/bin/python3, hardcoded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitCalibrator } from './fit.ts';
import { fitIsotonic, isotonicMap, isotonicTable } from './isotonic.ts';
import { adultHalves } from './testing/adult.ts';
import { Rng } from '../util/rng.ts';
import type { IsotonicParams } from './types.ts';

const POINTS = [0.0, 0.001, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0];

const SKLEARN = {
  p_xgb_spw: {
    thresholds: 64,
    xMin: 2.1661589926225133e-05,
    xMax: 0.9998136162757874,
    predict: [
      0.0, 0.0, 0.0044444444444444444, 0.01282051282051282, 0.05263157894736842, 0.0871559633027523, 0.13333333333333333,
      0.18048780487804877, 0.21052631578947367, 0.30357142857142855, 0.3480662983425414, 0.5740740740740741,
      0.6995884773662552, 0.8513513513513513, 1.0, 1.0,
    ],
  },
  p_xgb: {
    thresholds: 54,
    xMin: 5.124611561768688e-05,
    xMax: 0.9997538924217224,
    predict: [
      0.0, 0.0, 0.007936507936507936, 0.06578947368421052, 0.11065573770491803, 0.16455696202531647, 0.2926829268292683,
      0.39375000000000004, 0.47619047619047616, 0.6666666666666666, 0.6666666666666666, 0.7837837837837838,
      0.9523809523809523, 1.0, 1.0, 1.0,
    ],
  },
} as const;

function isotonicOf(y: Float64Array, p: Float64Array): IsotonicParams {
  const json = fitCalibrator('isotonic', 'binary', y, p, 2).toJSON();
  if (json.method !== 'isotonic') throw new Error(`expected an isotonic calibrator; got ${json.method}`);
  return json.classes[0];
}

test('PAV pools violators, trims flat interiors, interpolates linearly and clips outside the thresholds', () => {
  const fit = fitIsotonic([0.6, 0.1, 0.5, 0.2, 0.4, 0.3], [1, 0, 0, 0, 1, 0]);
  assert.deepEqual(fit, { x: [0.1, 0.3, 0.4, 0.5, 0.6], y: [0, 0, 0.5, 0.5, 1] });
  const table = isotonicTable(fit);
  const at = (p: number): number => isotonicMap(table, p);
  const got = [at(0.05), at(0.2), at(0.35), at(0.45), at(0.55), at(0.9)];
  [0, 0, 0.25, 0.5, 0.75, 1].forEach((v, i) => assert.ok(Math.abs(got[i] - v) < 1e-15, `at point ${i}: expected ${v}, got ${got[i]}`));
  assert.ok(Number.isNaN(at(NaN)));
});

test('tied predictions are pooled into one threshold; a single distinct prediction gives a constant', () => {
  assert.deepEqual(fitIsotonic([0.2, 0.2, 0.2], [1, 0, 0]), { x: [0.2], y: [1 / 3] });
  const table = isotonicTable({ x: [0.2], y: [1 / 3] });
  assert.deepEqual([isotonicMap(table, 0), isotonicMap(table, 0.9)], [1 / 3, 1 / 3]);
  assert.deepEqual(fitIsotonic([0.3, 0.1, 0.3, 0.1], [1, 1, 0, 0]), { x: [0.1, 0.3], y: [0.5, 0.5] });
});

for (const column of ['p_xgb_spw', 'p_xgb'] as const) {
  test(`isotonic on ${column} (Adult, first half) matches sklearn's IsotonicRegression`, (t) => {
    const d = adultHalves(t, column);
    if (!d) return;
    const fit = isotonicOf(d.fit.y, d.fit.p);
    const ref = SKLEARN[column];
    const calibrator = fitCalibrator('isotonic', 'binary', d.fit.y, d.fit.p, 2);
    const got = calibrator.apply(Float64Array.from(POINTS));
    const worst = Math.max(...ref.predict.map((v, i) => Math.abs(got[i] - v)));
    t.diagnostic(`${fit.x.length} thresholds (sklearn ${ref.thresholds}); max |Δ| at ${POINTS.length} points ${worst.toExponential(2)}`);
    assert.equal(fit.x.length, ref.thresholds);
    assert.deepEqual([fit.x[0], fit.x[fit.x.length - 1]], [ref.xMin, ref.xMax]);
    assert.ok(worst < 1e-12, `predictions must match sklearn's to 1e-12; got ${worst}`);
  });
}

test('1M rows fit in well under a second (one sort per label, no pair sort)', (t) => {
  const rng = new Rng(5);
  const n = 1_000_000;
  const p = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) { p[i] = rng.float(); y[i] = rng.float() < p[i] * p[i] ? 1 : 0; }
  fitIsotonic(p.subarray(0, 10_000), y.subarray(0, 10_000)); // warm up the JIT
  const start = performance.now();
  const fit = fitIsotonic(p, y);
  const ms = performance.now() - start;
  t.diagnostic(`isotonic fit on 1M rows: ${ms.toFixed(0)} ms, ${fit.x.length} thresholds`);
  assert.ok(ms < 1000, `1M-row isotonic fit took ${ms.toFixed(0)} ms`);
  const table = isotonicTable(fit);
  for (const q of [0.1, 0.5, 0.9]) assert.ok(Math.abs(isotonicMap(table, q) - q * q) < 0.02, `P(y=1 | p=${q}) ≈ ${q * q}`);
});
