// DUPLICATES_ACROSS_SPLITS and row grouping: identical rows / ids across splits fire; unique rows and dedupe do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDuplicates } from './duplicates.ts';
import { duplicateMask, rowGroups } from './row-groups.ts';
import { cat, draw, num, randomSplits, splitsOf, tableOf } from './test-data.ts';
import type { SplitName } from '../spec/types.ts';

const N = 400;
const a = draw(N, 1, (r) => r.normal());
const b = draw(N, 2, (r) => Math.round(r.float() * 1000));
const ids = Array.from({ length: N }, (_, i) => `id${i}`);

function withCopies(pairs: readonly (readonly [number, number])[]) {
  const x = Float64Array.from(a);
  const y = Float64Array.from(b);
  for (const [from, to] of pairs) { x[to] = x[from]; y[to] = y[from]; }
  return tableOf(num('a', x), num('b', y), cat('id', ids));
}

test('rows identical in every feature, in train and test, are reported with counts and example rows', () => {
  const t = withCopies([[0, 1], [2, 3], [4, 5]]);
  const names: SplitName[] = Array.from({ length: N }, (_, i) => (i < 300 ? 'train' : i < 320 ? 'trainDev' : i < 340 ? 'eyeball' : i < 370 ? 'blackbox' : 'test'));
  names[1] = 'test';
  names[3] = 'blackbox';
  const f = checkDuplicates(t, ['a', 'b'], splitsOf(names), 'id');
  assert.deepEqual(f.map((x) => x.code), ['DUPLICATES_ACROSS_SPLITS']);
  assert.equal(f[0].severity, 'error');
  const e = f[0].evidence as { groups: number; rows: number; byPair: Record<string, number>; examples: { rows: number[]; splits: string[] }[] };
  assert.equal(e.groups, 2);
  assert.equal(e.rows, 4);
  assert.deepEqual(e.byPair, { 'train/test': 1, 'train/blackbox': 1 });
  assert.deepEqual(e.examples[0], { rows: [1, 2], splits: ['train', 'test'] });
  assert.match(f[0].message, /^2 group\(s\) of rows identical .* data rows 1 \(train\) and 2 \(test\);.*splits\.dedupe: true/);
});

test('unique rows, and duplicates within one split, give no finding', () => {
  const names: SplitName[] = Array.from({ length: N }, (_, i) => (i < 300 ? 'train' : i < 320 ? 'trainDev' : i < 340 ? 'eyeball' : i < 370 ? 'blackbox' : 'test'));
  assert.deepEqual(checkDuplicates(withCopies([]), ['a', 'b'], randomSplits(N, 3), 'id'), []);
  assert.deepEqual(checkDuplicates(withCopies([[0, 1], [10, 11]]), ['a', 'b'], splitsOf(names), 'id'), []);
});

test('with splits.dedupe the later copies get no split, so nothing is reported', () => {
  const t = withCopies([[0, 1], [2, 3]]);
  const drop = duplicateMask(t, ['a', 'b']);
  assert.deepEqual(Array.from(drop.subarray(0, 5)), [0, 1, 0, 1, 0]);
  const s = randomSplits(N, 4);
  const names = Array.from(s.assignment, (v, i) => (drop[i] ? null : (['train', 'trainDev', 'eyeball', 'blackbox', 'test'] as const)[v]));
  assert.deepEqual(checkDuplicates(t, ['a', 'b'], splitsOf(names), 'id'), []);
});

test('an id in two splits is reported with the id value and the group-split fix', () => {
  const idv = ids.slice();
  idv[7] = 'id6';
  const names: SplitName[] = Array.from({ length: N }, (_, i) => (i < 300 ? 'train' : i < 320 ? 'trainDev' : i < 340 ? 'eyeball' : i < 370 ? 'blackbox' : 'test'));
  names[7] = 'eyeball';
  const f = checkDuplicates(tableOf(num('a', a), num('b', b), cat('id', idv)), ['a', 'b'], splitsOf(names), 'id');
  assert.equal(f.length, 1);
  assert.deepEqual({ ...(f[0].evidence as object), examples: undefined }, { kind: 'ids', column: 'id', ids: 1, rows: 2, byPair: { 'train/eyeball': 1 }, examples: undefined });
  assert.match(f[0].message, /id column 'id' .* "id6" in data rows 7 \(train\) and 8 \(eyeball\).*splits\.group: id/);
});

test('row groups: NaN equals NaN, -0 equals 0, missing category equals missing; other values differ', () => {
  const t = tableOf(num('x', [NaN, NaN, 0, -0, 1, 1]), cat('c', [null, null, 'u', 'u', 'u', 'v']));
  const g = rowGroups(t, ['x', 'c']);
  assert.deepEqual(Array.from(g.group), [0, 0, 1, 1, 2, 3]);
  assert.deepEqual(Array.from(g.first), [0, 2, 4, 5]);
});
