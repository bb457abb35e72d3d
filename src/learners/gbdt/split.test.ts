// Split finding on hand-built histograms: gains, thresholds, missing direction, categorical sets, monotone constraints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findBestSplit, leafGain, leafOutput, type HistLayout, type SplitParams } from './split.ts';

const params = (over: Partial<SplitParams> = {}): SplitParams => ({
  lambdaL1: 0, lambdaL2: 1, minDataInLeaf: 1, minSumHessian: 0, minGain: 0, maxCatThreshold: 32, catSmooth: 0, catL2: 0,
  monotone: new Int8Array(1), ...over,
});

/** one feature; bins given as [g, h, count] (the last is the missing bin); the histogram keeps [g, h] */
function setup(bins: [number, number, number][], categorical = false): { hist: Float64Array; layout: HistLayout; stats: { G: number; H: number; C: number; lo: number; hi: number } } {
  const hist = Float64Array.from(bins.flatMap((b) => [b[0], b[1]]));
  const layout = { offset2: Int32Array.of(0), width: Int32Array.of(bins.length), categorical: Uint8Array.of(categorical ? 1 : 0) };
  const G = bins.reduce((s, b) => s + b[0], 0), H = bins.reduce((s, b) => s + b[1], 0), C = bins.reduce((s, b) => s + b[2], 0);
  return { hist, layout, stats: { G, H, C, lo: -Infinity, hi: Infinity } };
}

const score = (G: number, H: number, l2 = 1): number => (G * G) / (H + l2);

test('leaf output and gain: -G/(H+λ) and G²/(H+λ); L1 shrinks G', () => {
  assert.equal(leafOutput(-4, 3, 0, 1, -Infinity, Infinity), 1);
  assert.equal(leafGain(-4, 3, 0, 1, 1), 4);
  assert.equal(leafOutput(-4, 3, 2, 1, -Infinity, Infinity), 0.5);
  assert.equal(leafOutput(-4, 3, 0, 1, -Infinity, 0.25), 0.25);
});

test('numeric: the threshold separating negative from positive gradients, with the exact gain', () => {
  const { hist, layout, stats } = setup([[-3, 3, 3], [-2, 2, 2], [4, 4, 4], [1, 1, 1], [0, 0, 0]]);
  const s = findBestSplit(hist, 0, layout, Int32Array.of(0), 1, stats, params());
  assert.ok(s);
  assert.equal(s.bin, 1);
  assert.equal(s.CL, 5);
  assert.ok(Math.abs(s.gain - (score(-5, 5) + score(5, 5) - score(0, 10))) < 1e-12);
  // no missing values in training: unseen NaN follows the larger child (a tie goes left)
  assert.deepEqual(Array.from(s.lut), [1, 1, 0, 0, 1]);
});

test('missing values go to the side whose gradients they resemble', () => {
  // missing rows have positive gradients like the right side
  const right = setup([[-3, 3, 3], [3, 3, 3], [3, 3, 3]]);
  const r = findBestSplit(right.hist, 0, right.layout, Int32Array.of(0), 1, right.stats, params());
  assert.equal(r?.defaultLeft, false);
  assert.equal(r?.CL, 3);
  // missing rows have negative gradients like the left side
  const left = setup([[-3, 3, 3], [3, 3, 3], [-3, 3, 3]]);
  const l = findBestSplit(left.hist, 0, left.layout, Int32Array.of(0), 1, left.stats, params());
  assert.equal(l?.defaultLeft, true);
  assert.equal(l?.CL, 6);
  assert.ok(Math.abs((l?.gain ?? 0) - (score(-6, 6) + score(3, 3) - score(-3, 9))) < 1e-12);
});

test('minDataInLeaf and minSumHessian reject small children', () => {
  const { hist, layout, stats } = setup([[-5, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1], [0, 0, 0]]);
  const s = findBestSplit(hist, 0, layout, Int32Array.of(0), 1, stats, params({ minDataInLeaf: 2 }));
  assert.equal(s?.CL, 2);
  assert.equal(findBestSplit(hist, 0, layout, Int32Array.of(0), 1, stats, params({ minSumHessian: 2.5 })), null);
});

test('categorical: categories sorted by gradient ratio, the low ones go left as a set', () => {
  // bins 0..5 are categories; ratios: 0:+1, 1:-1, 2:+1, 3:-1, 4:+1, 5 (missing):-1
  const { hist, layout, stats } = setup([[2, 2, 2], [-2, 2, 2], [2, 2, 2], [-2, 2, 2], [2, 2, 2], [-2, 2, 2]], true);
  const s = findBestSplit(hist, 0, layout, Int32Array.of(0), 1, stats, params());
  assert.ok(s);
  assert.deepEqual(Array.from(s.lut), [0, 1, 0, 1, 0, 1]);
  assert.equal(s.defaultLeft, true);
  assert.ok(Math.abs(s.gain - (score(-6, 6) + score(6, 6) - score(0, 12))) < 1e-12);
});

test('categorical with few categories: one category against the rest', () => {
  const { hist, layout, stats } = setup([[1, 2, 2], [-6, 2, 2], [1, 2, 2], [0, 0, 0]], true);
  const s = findBestSplit(hist, 0, layout, Int32Array.of(0), 1, stats, params());
  assert.deepEqual(Array.from(s?.lut ?? []), [0, 1, 0, 0]);
});

test('monotone +1 rejects a split whose left output exceeds the right', () => {
  // left rows have negative gradients → positive output on the left, negative on the right: decreasing
  const { hist, layout, stats } = setup([[-3, 3, 3], [3, 3, 3], [0, 0, 0]]);
  assert.equal(findBestSplit(hist, 0, layout, Int32Array.of(0), 1, stats, params({ monotone: Int8Array.of(1) })), null);
  assert.ok(findBestSplit(hist, 0, layout, Int32Array.of(0), 1, stats, params({ monotone: Int8Array.of(-1) })));
});
