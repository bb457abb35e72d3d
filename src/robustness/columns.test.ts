// Column edits return new tables with exactly the requested changes; the Wilson interval matches hand-computed values.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getColumn, type CategoricalColumn, type NumericColumn, type Table } from '../data/table.ts';
import { Rng } from '../util/rng.ts';
import { addNoise, changedRows, pickRows, replaceWithLevel, setMissing, shiftValues, swapLevels, unseenLevel, withLevels } from './columns.ts';
import { loans } from './fixtures.ts';
import { wilson } from './outputs.ts';

const num = (t: Table, n: string): NumericColumn => getColumn(t, n) as NumericColumn;
const cat = (t: Table, n: string): CategoricalColumn => getColumn(t, n) as CategoricalColumn;
const level = (c: CategoricalColumn, i: number): string | null => (c.codes[i] < 0 ? null : c.levels[c.codes[i]]);

test('pickRows: round(rate × n) distinct rows, ascending, reproducible', () => {
  const pool = Int32Array.from({ length: 100 }, (_, i) => i * 2);
  const a = pickRows(pool, 0.25, new Rng(3));
  assert.equal(a.length, 25);
  assert.equal(new Set(a).size, 25);
  assert.ok(a.every((v, i) => v % 2 === 0 && (i === 0 || a[i - 1] < v)));
  assert.deepEqual(a, pickRows(pool, 0.25, new Rng(3)));
  assert.equal(pickRows(pool, 0, new Rng(3)).length, 0);
  assert.equal(pickRows(pool, 1, new Rng(3)).length, 100);
});

test('addNoise and shiftValues: new column, missing stays missing, input untouched', () => {
  const { table } = loans(200, 2);
  const before = num(table, 'income').values.slice();
  const noisy = addNoise(table, 'income', 1000, new Rng(1));
  assert.notEqual(noisy, table);
  assert.deepEqual(num(table, 'income').values, before);
  assert.equal(getColumn(noisy, 'late'), getColumn(table, 'late'), 'other columns are shared');
  num(noisy, 'income').values.forEach((v, i) => assert.equal(Number.isNaN(v), Number.isNaN(before[i])));
  const shifted = num(shiftValues(table, 'income', { op: 'scale', amount: 0.1 }), 'income').values;
  shifted.forEach((v, i) => (Number.isNaN(before[i]) ? assert.ok(Number.isNaN(v)) : assert.ok(Math.abs(v - before[i] * 1.1) < 1e-6)));
});

test('setMissing: every listed feature gets exactly round(rate × n) missing rows chosen independently', () => {
  const { table } = loans(100, 3);
  const out = setMissing(table, ['tenure', 'region'], 0.3, new Rng(5));
  const tenure = num(out, 'tenure').values;
  assert.equal(tenure.filter(Number.isNaN).length, 30); // tenure has no missing values to begin with
  assert.equal(cat(out, 'region').codes.filter((c) => c < 0).length, 30);
  assert.ok(num(table, 'tenure').values.every((v) => !Number.isNaN(v)));
  assert.equal(changedRows(table, out, ['tenure']).reduce((s, v) => s + v, 0), 30);
});

test('withLevels keeps levels sorted and values unchanged; unseenLevel avoids every known level', () => {
  const c: CategoricalColumn = { name: 'c', kind: 'categorical', codes: Int32Array.of(0, 1, -1, 1), levels: ['b', 'd'] };
  const w = withLevels(c, ['a', 'c', 'd']);
  assert.deepEqual(w.levels, ['a', 'b', 'c', 'd']);
  assert.deepEqual([0, 1, 2, 3].map((i) => level(w, i)), ['b', 'd', null, 'd']);
  assert.equal(unseenLevel(['a'], ['<unseen>', '<unseen 2>']), '<unseen 3>');
});

test('replaceWithLevel: round(rate × present) present values become the new level', () => {
  const { table } = loans(170, 4);
  const name = unseenLevel(cat(table, 'id_suffix').levels);
  const out = replaceWithLevel(table, 'id_suffix', name, 0.5, new Rng(2));
  const before = cat(table, 'id_suffix');
  const after = cat(out, 'id_suffix');
  const present = before.codes.filter((c) => c >= 0).length; // 160: every 17th row is missing
  let replaced = 0;
  for (let i = 0; i < 170; i++) {
    if (level(after, i) === name) { replaced++; assert.notEqual(level(before, i), null); } else assert.equal(level(after, i), level(before, i));
  }
  assert.equal(replaced, Math.round(0.5 * present));
});

test('swapLevels: every present value moves to a different observed level; missing stays missing', () => {
  const { table } = loans(300, 5);
  const out = swapLevels(table, 'region', ['east', 'north', 'south', 'west'], new Rng(9));
  const a = cat(table, 'region');
  const b = cat(out, 'region');
  const seen = new Set<string>();
  for (let i = 0; i < 300; i++) {
    assert.notEqual(level(b, i), level(a, i));
    seen.add(`${level(a, i)}>${level(b, i)}`);
  }
  assert.equal(seen.size, 12, 'all 4 × 3 swaps occur');
  const sfx = swapLevels(table, 'id_suffix', ['a', 'b'], new Rng(1));
  for (let i = 0; i < 300; i++) if (level(cat(table, 'id_suffix'), i) === null) assert.equal(level(cat(sfx, 'id_suffix'), i), null);
});

test('wilson: hand-computed 95% intervals', () => {
  const [lo0, hi0] = wilson(0, 10);
  assert.equal(lo0, 0);
  assert.ok(Math.abs(hi0 - 0.27754) < 1e-4);
  const [lo, hi] = wilson(5, 10);
  assert.ok(Math.abs(lo - 0.23659) < 1e-4 && Math.abs(hi - 0.76341) < 1e-4);
  assert.deepEqual(wilson(0, 0), [0, 1]);
  const [l1, h1] = wilson(10, 10);
  assert.ok(Math.abs(l1 - 0.72246) < 1e-4 && h1 === 1);
});
