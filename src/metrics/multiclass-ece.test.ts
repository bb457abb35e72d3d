// Multiclass top-label ECE on hand-computable cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { multiclassEce } from './multiclass.ts';
import { computeMetric, mce } from './index.ts';
import { existsSync, readFileSync } from 'node:fs';

test('top-label ECE: confidence vs accuracy per bin', () => {
  // rows 0,1: confidence 0.9 (bin 13), one right one wrong → |0.5 - 0.9| × 2/4
  // rows 2,3: confidence 0.5 (bin 7), both right → |1 - 0.5| × 2/4
  const p = Float64Array.from([0.9, 0.05, 0.05, 0.9, 0.05, 0.05, 0.5, 0.3, 0.2, 0.2, 0.5, 0.3]);
  const y = Float64Array.from([0, 1, 0, 1]);
  assert.ok(Math.abs(multiclassEce(y, p, undefined, 3) - (0.4 * 0.5 + 0.5 * 0.5)) < 1e-12);
  assert.ok(Math.abs(computeMetric('ece', 'multiclass', y, p, 3) - 0.45) < 1e-12);
  assert.ok(Math.abs(multiclassEce(y, p, Int32Array.from([2, 3]), 3) - 0.5) < 1e-12, 'on a resample');
  assert.equal(multiclassEce(y, Float64Array.from([NaN, 0.5, 0.5, ...p.slice(3)]), undefined, 3), NaN);
});

test('MCE: the worst bin, as numpy computes it on the Adult reference predictions', { skip: !existsSync(new URL('../../../shared/datasets/adult_test_predictions.csv', import.meta.url)) && 'needs ../shared/datasets/adult_test_predictions.csv' }, () => {
  const lines = readFileSync(new URL('../../../shared/datasets/adult_test_predictions.csv', import.meta.url), 'utf8').trim().split('\n');
  const head = lines[0].split(',');
  const col = (name: string) => Float64Array.from(lines.slice(1), (l) => Number(l.split(',')[head.indexOf(name)]));
  const y = col('y');
  assert.ok(Math.abs(mce(y, col('p_xgb')) - 0.07412799199422204) < 1e-12);
  assert.ok(Math.abs(computeMetric('mce', 'binary', y, col('p_xgb_spw'), 2) - 0.307566286864617) < 1e-12);
});

test('MCE on a hand case', () => {
  const y = Float64Array.from([1, 0, 1, 1]);
  const p = Float64Array.from([0.9, 0.9, 0.1, 0.1]);
  assert.ok(Math.abs(mce(y, p) - 0.9) < 1e-12, 'bin of 0.1: mean y 1 vs 0.1');
});
