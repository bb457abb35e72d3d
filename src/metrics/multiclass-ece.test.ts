// Multiclass top-label ECE on hand-computable cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { multiclassEce } from './multiclass.ts';
import { computeMetric } from './index.ts';

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
