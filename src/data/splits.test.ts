// Splits: disjoint, exhaustive, seeded, stratified by class.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeSplits, fromAssignment } from './splits.ts';
import { SPLIT_NAMES } from '../spec/types.ts';

const fractions = { train: 0.6, trainDev: 0.05, eyeball: 0.05, blackbox: 0.15, test: 0.15 };

test('every row lands in exactly one split, with largest-remainder sizes', () => {
  const s = makeSplits(1001, { strategy: 'random', seed: 3, fractions });
  const seen = new Uint8Array(1001);
  for (const n of SPLIT_NAMES) for (const r of s.rows[n]) seen[r]++;
  assert.ok(seen.every((c) => c === 1));
  assert.deepEqual(SPLIT_NAMES.map((n) => s.rows[n].length), [601, 50, 50, 150, 150]);
});

test('same seed, same assignment; other seed, other assignment', () => {
  const a = makeSplits(500, { strategy: 'random', seed: 1, fractions });
  const b = makeSplits(500, { strategy: 'random', seed: 1, fractions });
  const c = makeSplits(500, { strategy: 'random', seed: 2, fractions });
  assert.deepEqual(a.assignment, b.assignment);
  assert.notDeepEqual(a.assignment, c.assignment);
  assert.deepEqual(fromAssignment(a.assignment).rows.test, a.rows.test);
});

test('stratified splits keep the class rate in every split', () => {
  const n = 2000;
  const strata = Int32Array.from({ length: n }, (_, i) => (i % 10 === 0 ? 1 : 0));
  const s = makeSplits(n, { strategy: 'stratified', seed: 5, fractions, strata });
  for (const name of SPLIT_NAMES) {
    const rows = s.rows[name];
    const pos = Array.from(rows).filter((r) => strata[r] === 1).length;
    assert.ok(Math.abs(pos / rows.length - 0.1) < 0.006, `${name}: ${pos}/${rows.length}`);
  }
});

test('too few rows for a split is a clear error', () => {
  assert.throws(() => makeSplits(5, { strategy: 'random', seed: 1, fractions }), /split '\w+' got no rows from 5 data rows/);
});
