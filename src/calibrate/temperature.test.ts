// Multiclass calibration: temperature scaling recovers a known over/under-confidence; one-vs-rest platt/isotonic keep rows normalized.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { multiclassEce, multiclassLogLoss } from '../metrics/index.ts';
import { fitCalibrator } from './fit.ts';
import { loadCalibrator } from './load.ts';
import { fitTemperature } from './temperature.ts';
import { CALIBRATOR_FORMAT, CALIBRATOR_VERSION } from './types.ts';
import { multiclassMiscalibrated, rows } from './testing/synthetic.ts';

const K = 4;

function temperatureOf(y: Float64Array, pred: Float64Array): number {
  const json = fitCalibrator('temperature', 'multiclass', y, pred, K).toJSON();
  if (json.method !== 'temperature') throw new Error(`expected a temperature calibrator; got ${json.method}`);
  return json.temperature;
}

function assertRowsNormalized(p: Float64Array, k: number): void {
  for (let i = 0; i < p.length / k; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const v = p[i * k + c];
      assert.ok(v >= 0 && v <= 1, `row ${i} class ${c}: ${v} is not a probability`);
      sum += v;
    }
    assert.ok(Math.abs(sum - 1) < 1e-12, `row ${i} sums to ${sum}`);
  }
}

test('temperature scaling of an over-confident model: T ≈ the sharpness (> 1), lower log loss and ECE on held-out rows', (t) => {
  const d = multiclassMiscalibrated(20_000, K, 7, 2.5);
  const fit = rows(d, K, 0, 10_000);
  const held = rows(d, K, 10_000, 20_000);
  const T = temperatureOf(fit.y, fit.pred);
  const calibrated = fitCalibrator('temperature', 'multiclass', fit.y, fit.pred, K).apply(held.pred);
  const before = multiclassLogLoss(held.y, held.pred, undefined, K);
  const after = multiclassLogLoss(held.y, calibrated, undefined, K);
  const eceBefore = multiclassEce(held.y, held.pred, undefined, K);
  const eceAfter = multiclassEce(held.y, calibrated, undefined, K);
  t.diagnostic(`T=${T.toFixed(4)}; held-out log loss ${before.toFixed(4)} -> ${after.toFixed(4)}, top-label ECE ${eceBefore.toFixed(4)} -> ${eceAfter.toFixed(4)}`);
  assert.ok(T > 1 && Math.abs(T - 2.5) < 0.15, `T must be ≈ 2.5; got ${T}`);
  assert.ok(after < before - 0.05, `log loss must fall clearly; got ${before} -> ${after}`);
  assert.ok(eceAfter < 0.02 && eceAfter < eceBefore, `ECE must fall below 0.02; got ${eceBefore} -> ${eceAfter}`);
  assertRowsNormalized(calibrated, K);
});

test('an under-confident model gets T < 1; a calibrated one T ≈ 1', () => {
  const under = multiclassMiscalibrated(10_000, K, 8, 0.5);
  const T = temperatureOf(under.y, under.pred);
  assert.ok(Math.abs(T - 0.5) < 0.05, `T must be ≈ 0.5; got ${T}`);
  const calibrated = multiclassMiscalibrated(10_000, K, 9, 1);
  const T1 = temperatureOf(calibrated.y, calibrated.pred);
  assert.ok(Math.abs(T1 - 1) < 0.05, `T must be ≈ 1; got ${T1}`);
});

test('the temperature is the optimum: log loss is higher a little either side of it', () => {
  const d = multiclassMiscalibrated(5_000, K, 10, 1.7);
  const T = fitTemperature(d.pred, d.y, K);
  const lossAt = (temperature: number): number => {
    const calibrator = loadCalibrator({ format: CALIBRATOR_FORMAT, version: CALIBRATOR_VERSION, method: 'temperature', nClasses: K, temperature });
    return multiclassLogLoss(d.y, calibrator.apply(d.pred), undefined, K);
  };
  assert.ok(lossAt(T) < lossAt(T * 1.01) && lossAt(T) < lossAt(T / 1.01), `T=${T} is not a minimum`);
});

test('a model worse than uniform is clamped to the largest temperature (near-uniform output), not flipped', () => {
  const y = Float64Array.from([0, 1, 0, 1]);
  const pred = Float64Array.from([0.1, 0.9, 0.9, 0.1, 0.2, 0.8, 0.8, 0.2]);
  const T = fitTemperature(pred, y, 2);
  assert.equal(T, 100);
});

for (const method of ['platt', 'isotonic'] as const) {
  test(`${method} one-vs-rest on multiclass: per-class maps, rows renormalized, log loss not worse on held-out rows`, () => {
    const d = multiclassMiscalibrated(20_000, K, 11, 2);
    const fit = rows(d, K, 0, 10_000);
    const held = rows(d, K, 10_000, 20_000);
    const calibrator = fitCalibrator(method, 'multiclass', fit.y, fit.pred, K);
    const json = calibrator.toJSON();
    assert.ok(json.method === method && 'classes' in json && json.classes.length === K, 'one map per class');
    assert.equal(calibrator.width, K);
    const out = calibrator.apply(held.pred);
    assertRowsNormalized(out, K);
    const before = multiclassLogLoss(held.y, held.pred, undefined, K);
    const after = multiclassLogLoss(held.y, out, undefined, K);
    assert.ok(after < before, `log loss must fall for an over-confident model; got ${before} -> ${after}`);
  });
}
