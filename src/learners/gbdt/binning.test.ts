// Binning: midpoint bounds, quantile caps, the missing bin and categorical code maps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binColumn, binOf, boundsFromSorted, fitBinMapper } from './binning.ts';
import type { Matrix } from '../types.ts';

test('few distinct values: one bin each, bounds at midpoints, +Infinity last', () => {
  const b = boundsFromSorted(Float64Array.of(1, 1, 2, 4, 4, 4), 255);
  assert.deepEqual(Array.from(b), [1.5, 3, Infinity]);
});

test('many distinct values: at most maxBin bins of similar counts', () => {
  const v = Float64Array.from({ length: 1000 }, (_, i) => i);
  const b = boundsFromSorted(v, 10);
  assert.equal(b.length, 10);
  assert.equal(b[0], 99.5);
  assert.equal(b[9], Infinity);
});

test('a heavy value gets its own bin and is never split across bins', () => {
  const v = Float64Array.from({ length: 100 }, (_, i) => (i < 60 ? 0 : i)).sort();
  const b = boundsFromSorted(v, 4);
  const fb = { categorical: false, nBins: b.length, upper: b, codeToBin: new Int32Array(0), levels: 0 };
  assert.equal(binOf(fb, 0), 0);
  assert.ok(binOf(fb, 60) > 0);
});

test('NaN goes to the missing bin; values route x <= upper[k] to bin k', () => {
  const X: Matrix = { nRows: 5, features: [{ name: 'a', kind: 'numeric' }], columns: [Float64Array.of(1, 2, NaN, 3, 2)] };
  const m = fitBinMapper(X, 255, 0);
  const fb = m.features[0];
  assert.equal(fb.nBins, 3);
  const column = new Uint8Array(5);
  binColumn(fb, X.columns[0], column);
  assert.deepEqual(Array.from(column), [0, 1, 3, 2, 1]);
  assert.equal(binOf(fb, 100), 2);
});

test('categorical codes map to their own bin; unknown codes and NaN to the missing bin', () => {
  const X: Matrix = { nRows: 4, features: [{ name: 'c', kind: 'categorical', levels: 3 }], columns: [Float64Array.of(0, 2, NaN, 1)] };
  const fb = fitBinMapper(X, 255, 0).features[0];
  assert.deepEqual([binOf(fb, 0), binOf(fb, 2), binOf(fb, NaN), binOf(fb, 7), binOf(fb, 1.5)], [0, 2, 3, 3, 3]);
});

test('too many levels: the most frequent keep a bin, the rest share the last', () => {
  const col = Float64Array.from({ length: 100 }, (_, i) => (i < 50 ? 5 : i < 80 ? 7 : i % 10));
  const X: Matrix = { nRows: 100, features: [{ name: 'c', kind: 'categorical', levels: 10 }], columns: [col] };
  const fb = fitBinMapper(X, 3, 0).features[0];
  assert.equal(fb.nBins, 3);
  assert.equal(binOf(fb, 5), 0);
  assert.equal(binOf(fb, 7), 1);
  assert.equal(binOf(fb, 0), 2);
  assert.equal(binOf(fb, 9), 2);
});

test('column codes agree with binOf for every value, including bounds, extremes and NaN', () => {
  const vals = [-1e300, -5, -1, -0.5, 0, 0.25, 1, 2, 3, 3.5, 7, 1e300, Infinity, -Infinity, NaN];
  const sample = Float64Array.from({ length: 500 }, (_, i) => Math.sin(i) * 4 + (i % 7));
  const X: Matrix = { nRows: 500, features: [{ name: 'a', kind: 'numeric' }], columns: [sample] };
  for (const maxBin of [2, 3, 16, 255]) {
    const fb = fitBinMapper(X, maxBin, 0).features[0];
    const col = Float64Array.from([...vals, ...fb.upper.filter(Number.isFinite), ...sample]);
    const column = new Uint8Array(col.length);
    binColumn(fb, col, column);
    col.forEach((x, i) => assert.equal(column[i], binOf(fb, x), `maxBin ${maxBin}, x=${x}`));
  }
});
