// groupsOf: categorical levels present, numeric distinct values capped at the 20 most frequent, missing rows in no group.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Table } from '../data/table.ts';
import { DataError } from '../util/errors.ts';
import { groupsOf, MAX_NUMERIC_GROUPS } from './index.ts';

const t: Table = {
  nRows: 6,
  columns: [
    { name: 'sex', kind: 'categorical', codes: Int32Array.of(0, 2, -1, 2, 0, 0), levels: ['female', 'other', 'male'] },
    { name: 'age', kind: 'numeric', values: Float64Array.of(30, NaN, 40, 30, 50, 30) },
  ],
};

test('categorical: one group per level present, in level order; missing rows in none', () => {
  const g = groupsOf(t, 'sex');
  assert.deepEqual(g.map((x) => x.name), ['female', 'male']);
  assert.deepEqual(Array.from(g[0].mask), [1, 0, 0, 0, 1, 1]);
  assert.deepEqual(Array.from(g[1].mask), [0, 1, 0, 1, 0, 0]);
});

test('numeric: one group per distinct value, ascending', () => {
  const g = groupsOf(t, 'age');
  assert.deepEqual(g.map((x) => x.name), ['30', '40', '50']);
  assert.deepEqual(Array.from(g[0].mask), [1, 0, 0, 1, 0, 1]);
});

test('numeric: only the 20 most frequent values (ties: smaller value) become groups', () => {
  // value v appears v + 1 times for v = 0..29, so the kept ones are 10..29
  const values = Float64Array.from(Array.from({ length: 30 }, (_, v) => Array<number>(v + 1).fill(v)).flat());
  const g = groupsOf({ nRows: values.length, columns: [{ name: 'k', kind: 'numeric', values }] }, 'k');
  assert.equal(g.length, MAX_NUMERIC_GROUPS);
  assert.deepEqual(g.map((x) => x.name), Array.from({ length: 20 }, (_, i) => String(10 + i)));
  const ties = Float64Array.from({ length: 25 }, (_, i) => i);
  assert.deepEqual(groupsOf({ nRows: 25, columns: [{ name: 'k', kind: 'numeric', values: ties }] }, 'k').map((x) => x.name), Array.from({ length: 20 }, (_, i) => String(i)));
});

test('an unknown attribute is a DataError listing the columns', () => {
  assert.throws(() => groupsOf(t, 'race'), (e: unknown) => e instanceof DataError && e.message === "fairness_gap attribute 'race' is not a column of the data; columns: sex, age");
});
