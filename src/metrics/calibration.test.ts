// Calibration: ECE and top-label ECE by hand, reliability bins, and quantile bins against sklearn's calibration_curve.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BadInputError } from '../util/errors.ts';
import { ece, eceTop, reliabilityBins, type BinStrategy } from './calibration.ts';

const f = (a: number[]): Float64Array => Float64Array.from(a);
const close = (got: number, want: number, tol = 1e-12): void =>
  assert.ok(Math.abs(got - want) <= tol, `expected ${want}, got ${got}`);

const y4 = f([0, 1, 1, 0]);
const p4 = f([0.1, 0.9, 0.4, 0.3]);

test('ECE by hand: 15 bins put each row alone; 2 bins pool the three rows below 0.5', () => {
  close(ece(y4, p4), (0.1 + 0.1 + 0.6 + 0.3) / 4);
  // bin [0, .5): mean y 1/3, mean p 0.8/3, weight 3/4; bin [.5, 1]: |1 − .9|, weight 1/4
  close(ece(y4, p4, { bins: 2 }), (3 / 4) * Math.abs(1 / 3 - 0.8 / 3) + (1 / 4) * 0.1);
});

test('top-label ECE bins max(p, 1 − p) against whether the p > 0.5 label is right', () => {
  // confidences .9 .9 .6 .7, correct 1 1 0 1: one bin with mean confidence .775 vs accuracy .75
  close(eceTop(y4, p4, { bins: 2 }), 0.025);
  // p = 0.5 predicts class 0 with confidence 0.5
  assert.equal(eceTop(f([0]), f([0.5])), 0.5);
  assert.equal(eceTop(f([1]), f([0.5])), 0.5);
});

test('uniform bins: bin = min(floor(B·p), B − 1), so p = 1/15 opens bin 1 and p = 1 closes bin 14', () => {
  const bins = reliabilityBins(f([1, 0, 1]), f([1 / 15, 1, 0.99]));
  assert.equal(bins.length, 15);
  assert.deepEqual(bins.map((b) => b.n), [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
  assert.equal(bins[14].lo, 14 / 15);
  assert.equal(bins[14].hi, 1);
  close(bins[14].meanPredicted, 0.995);
  assert.equal(bins[14].fractionPositive, 0.5);
  assert.ok(Number.isNaN(bins[0].meanPredicted) && Number.isNaN(bins[0].fractionPositive));
});

// Seeded (numpy default_rng(0)) data shared with binary.test.ts; P2 has a tie at the 0.927 edge.
const Y = f([1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0]);
const P = f([0.0, 1.0, 0.8, 0.5, 0.4, 0.3, 0.7, 0.7, 0.5, 0.8, 0.8, 0.6, 0.4, 0.8, 0.7, 0.5, 0.6, 0.9, 1.0, 0.6, 0.4, 0.5, 0.7, 0.2, 0.3, 0.9, 0.5, 0.4, 0.4, 0.9, 0.9, 0.2, 0.6, 0.3, 0.2, 0.4, 0.3, 0.6, 0.2, 0.0]);
const P2 = f([0.405, 0.199, 0.091, 0.58, 0.299, 0.672, 0.2, 0.942, 0.365, 0.105, 0.629, 0.927, 0.44, 0.955, 0.5, 0.425, 0.62, 0.995, 0.949, 0.46, 0.758, 0.497, 0.529, 0.786, 0.415, 0.734, 0.711, 0.932, 0.115, 0.729, 0.927, 0.968, 0.015, 0.864, 0.981, 0.957, 0.149, 0.973, 0.89, 0.822]);

/** sklearn 1.2.1 calibration_curve(strategy='quantile') and np.percentile edges for the two cases. */
const QUANTILE_CASES = [
  { p: P, bins: 5, edges: [0.0, 0.3, 0.46000000000000013, 0.6, 0.8, 1.0], fractionPositive: [0.2, 0.5, 0.6, 0.75, 1.0], meanPredicted: [0.2, 0.39999999999999997, 0.55, 0.75, 0.9333333333333335] },
  { p: P2, bins: 4, edges: [0.015, 0.4125, 0.6505000000000001, 0.927, 0.995], fractionPositive: [0.5, 0.8, 0.5454545454545454, 0.4444444444444444], meanPredicted: [0.19429999999999997, 0.5095, 0.8018181818181817, 0.9613333333333333] },
];

test('quantile bins reproduce sklearn calibration_curve: numpy percentile edges, edge ties to the lower bin', () => {
  for (const c of QUANTILE_CASES) {
    const bins = reliabilityBins(Y, c.p, { bins: c.bins, strategy: 'quantile' });
    assert.deepEqual([...bins.map((b) => b.lo), bins[bins.length - 1].hi], c.edges);
    const filled = bins.filter((b) => b.n > 0);
    filled.forEach((b, i) => {
      close(b.fractionPositive, c.fractionPositive[i]);
      close(b.meanPredicted, c.meanPredicted[i]);
    });
    const expected = filled.reduce((s, b) => s + (b.n / Y.length) * Math.abs(b.fractionPositive - b.meanPredicted), 0);
    close(ece(Y, c.p, { bins: c.bins, strategy: 'quantile' }), expected);
  }
});

test('idx selects rows (with repeats) for every strategy', () => {
  const idx = Int32Array.from([0, 0, 1, 5, 5, 7, 11, 11, 11, 30, 39]);
  const gather = (a: Float64Array): Float64Array => Float64Array.from(idx, (r) => a[r]);
  for (const strategy of ['uniform', 'quantile'] as BinStrategy[]) {
    assert.equal(ece(Y, P2, { idx, strategy, bins: 4 }), ece(gather(Y), gather(P2), { strategy, bins: 4 }));
    assert.equal(eceTop(Y, P2, { idx, strategy }), eceTop(gather(Y), gather(P2), { strategy }));
  }
});

test('undefined cases give NaN; bad options are rejected naming the option', () => {
  assert.ok(Number.isNaN(ece(f([]), f([]))));
  assert.ok(Number.isNaN(ece(f([0, 1]), f([0.2, NaN]))));
  assert.equal(ece(f([1, 1]), f([1, 1])), 0); // one class is fine: perfectly calibrated
  assert.throws(() => ece(y4, p4, { bins: 0 }), (e: unknown) => e instanceof BadInputError && /`bins` must be an integer >= 1, but got 0/.test(e.message));
  assert.throws(() => ece(y4, p4, { strategy: 'kmeans' as BinStrategy }), /`strategy` must be 'uniform' or 'quantile', but got 'kmeans'/);
});
