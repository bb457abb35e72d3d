// splitLikeRun: the run's split strategies (stratified, group, time) and splits.dedupe, from the spec.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpec } from '../spec/load.ts';
import { makeSplits, NO_SPLIT } from '../data/splits.ts';
import { splitLikeRun } from './run-splits.ts';
import { binaryTarget, cat, draw, num, tableOf } from './test-data.ts';

const N = 1000;
const y = draw(N, 1, (r) => (r.float() < 0.3 ? 1 : 0));
const store = cat('store', Array.from({ length: N }, (_, i) => `s${i % 97}`));
const x = draw(N, 2, (r) => Math.round(r.normal() * 100));
const day = Float64Array.from({ length: N }, (_, i) => (i * 7919) % N);

function input(splits: Record<string, unknown>, xs = x) {
  const spec = parseSpec({ data: { source: 'd.csv', target: 'y' }, objective: { optimize: 'auc' }, splits }, '/tmp/gauntlet.yaml');
  const table = tableOf(num('x', xs), store, num('day', day), num('y', y));
  return { spec, data: { table }, target: binaryTarget(y), featureColumns: ['x', 'store', 'day'] };
}

test('stratified: the same assignment makeSplits gives with the class as strata', () => {
  const s = splitLikeRun(input({ seed: 4 }));
  const fractions = input({ seed: 4 }).spec.splits.fractions;
  assert.deepEqual(s.assignment, makeSplits(N, { strategy: 'stratified', seed: 4, fractions, strata: Int32Array.from(y) }).assignment);
});

test('group: no store in two splits; time: train is the earliest days', () => {
  const g = splitLikeRun(input({ strategy: 'group', group: 'store' }));
  const splitOf = new Map<number, number>();
  for (let r = 0; r < N; r++) {
    const c = store.codes[r];
    assert.equal(splitOf.get(c) ?? g.assignment[r], g.assignment[r], `store ${store.levels[c]} in two splits`);
    splitOf.set(c, g.assignment[r]);
  }
  const t = splitLikeRun(input({ strategy: 'time', time: 'day' }));
  const maxTrain = Math.max(...Array.from(t.rows.train, (r) => day[r]));
  const minTest = Math.min(...Array.from(t.rows.test, (r) => day[r]));
  assert.ok(maxTrain < minTest, `${maxTrain} < ${minTest}`);
});

test('dedupe: a later row identical in every feature gets no split; unique rows all get one', () => {
  assert.ok(splitLikeRun(input({ dedupe: true })).assignment.every((a) => a !== NO_SPLIT));
  const copy = <T,>(a: ArrayLike<T>): T[] => [...Array.from(a), a[5]];
  const table = tableOf(num('x', copy(x)), cat('store', copy(Array.from(store.codes, (c) => store.levels[c]))), num('day', copy(day)), num('y', copy(y)));
  const p = { ...input({ dedupe: true }), data: { table }, target: binaryTarget(copy(y)) };
  const s = splitLikeRun(p);
  assert.equal(s.assignment[N], NO_SPLIT);
  assert.equal(s.assignment.filter((a) => a === NO_SPLIT).length, 1);
});
