import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from './rng.ts';
import { sortFloat64 } from './sort.ts';

test('sortFloat64 gives exactly the built-in order: signs, zeros, ties, extremes, subnormals, infinities', () => {
  const rng = new Rng(4);
  const special = [0, -0, 1, -1, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, 1e-310, -1e-310, 2 ** 52, -(2 ** 52)];
  for (const [n, gen] of [
    [50_000, () => rng.normal() * 1e3],
    [10_000, () => Math.round(rng.normal() * 5)],
    [4_000, () => special[rng.int(special.length)]],
    [3_000, () => 7.25],
    [5_000, () => (rng.float() < 0.5 ? -1 : 1) * rng.float() * 2 ** (rng.int(200) - 100)],
  ] as const) {
    const a = Float64Array.from({ length: n }, gen);
    const expected = a.slice().sort();
    const got = sortFloat64(a);
    assert.equal(got, a);
    for (let i = 0; i < n; i++) assert.ok(Object.is(got[i], expected[i]), `n=${n} at ${i}: ${got[i]} vs ${expected[i]}`);
  }
});

test('sortFloat64 sorts a subarray in place and leaves the rest of the buffer alone', () => {
  const rng = new Rng(5);
  const all = Float64Array.from({ length: 10_000 }, () => rng.normal());
  const before = all.slice();
  sortFloat64(all.subarray(1000, 9000));
  assert.deepEqual(all.subarray(0, 1000), before.subarray(0, 1000));
  assert.deepEqual(all.subarray(9000), before.subarray(9000));
  assert.deepEqual(all.subarray(1000, 9000), before.subarray(1000, 9000).slice().sort());
});
