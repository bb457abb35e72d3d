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

test('group strategy: no group in two splits, sizes near the fractions', () => {
  const n = 3000;
  const groups = Int32Array.from({ length: n }, (_, i) => Math.floor(i / 3) % 700);
  const s = makeSplits(n, { strategy: 'group', seed: 4, fractions, groups });
  const where = new Map<number, number>();
  for (let r = 0; r < n; r++) {
    const prev = where.get(groups[r]);
    assert.ok(prev === undefined || prev === s.assignment[r], `group ${groups[r]} in two splits`);
    where.set(groups[r], s.assignment[r]);
  }
  assert.ok(Math.abs(s.rows.train.length - 1800) < 30 && Math.abs(s.rows.test.length - 450) < 30, `${s.rows.train.length} / ${s.rows.test.length}`);
});

test('time strategy: train < dev splits < test in time; dropped rows get no split', () => {
  const n = 1000;
  const times = Float64Array.from({ length: n }, (_, i) => (i * 7919) % n);
  const drop = Uint8Array.from({ length: n }, (_, i) => (i % 100 === 0 ? 1 : 0));
  const s = makeSplits(n, { strategy: 'time', seed: 1, fractions, times, drop });
  const max = (rows: Int32Array) => Math.max(...Array.from(rows, (r) => times[r]));
  const min = (rows: Int32Array) => Math.min(...Array.from(rows, (r) => times[r]));
  for (const dev of ['trainDev', 'eyeball', 'blackbox'] as const) {
    assert.ok(max(s.rows.train) < min(s.rows[dev]) && max(s.rows[dev]) < min(s.rows.test));
  }
  assert.equal(SPLIT_NAMES.reduce((a, k) => a + s.rows[k].length, 0), 990);
  assert.equal(s.assignment[0], 255);
});
