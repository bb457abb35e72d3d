// The fitted pipeline: statistics from train only, identical arithmetic for tables and single rows, unseen categories.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FittedPipeline } from './pipeline.ts';
import type { Table } from '../data/table.ts';

const train: Table = {
  nRows: 4,
  columns: [
    { name: 'x', kind: 'numeric', values: Float64Array.from([1, 2, NaN, 5]) },
    { name: 'c', kind: 'categorical', codes: Int32Array.from([0, 1, 1, -1]), levels: ['a', 'b'] },
  ],
};
const onehot = { impute: true, scale: true, categorical: 'onehot' } as const;
const native = { impute: false, scale: false, categorical: 'native' } as const;

test('numeric statistics come from train: median impute, population std', () => {
  const p = FittedPipeline.fit(train, ['x', 'c'], onehot);
  const f = p.json.inputs[0];
  assert.equal(f.type, 'numeric');
  if (f.type !== 'numeric') return;
  assert.equal(f.median, 2);
  assert.equal(f.mean, 8 / 3);
  assert.equal(f.std, Math.sqrt(((1 - 8 / 3) ** 2 + (2 - 8 / 3) ** 2 + (5 - 8 / 3) ** 2) / 3));
  assert.deepEqual(p.features.map((x) => x.name), ['x', 'c=a', 'c=b']);
  const m = p.apply(train);
  assert.equal(m.columns[0][2], (2 - f.mean) / f.std, 'missing x imputed with the train median, then scaled');
  assert.deepEqual(Array.from(m.columns[1]), [1, 0, 0, 0]);
  assert.deepEqual(Array.from(m.columns[2]), [0, 1, 1, 0]);
});

test('a table with other level codes, unseen and missing values maps by level name', () => {
  const p = FittedPipeline.fit(train, ['x', 'c'], native);
  const other: Table = {
    nRows: 3,
    columns: [
      { name: 'c', kind: 'categorical', codes: Int32Array.from([0, 1, 2]), levels: ['b', 'zzz', 'a'] },
      { name: 'x', kind: 'numeric', values: Float64Array.from([7, NaN, 0]) },
    ],
  };
  const m = p.apply(other);
  assert.deepEqual(Array.from(m.columns[1]), [1, NaN, 0]);
  assert.deepEqual(Array.from(m.columns[0]), [7, NaN, 0]);
});

test('single-row path is bit-identical to the columnar path', () => {
  for (const needs of [onehot, native]) {
    const p = FittedPipeline.fit(train, ['x', 'c'], needs);
    const m = p.apply(train);
    const rows = [{ x: 1, c: 'a' }, { x: 2, c: 'b' }, { x: null, c: 'b' }, { x: 5, c: null }];
    const out = new Float64Array(p.features.length);
    rows.forEach((r, i) => {
      p.applyRow(r, out);
      for (let j = 0; j < out.length; j++) assert.ok(Object.is(out[j], m.columns[j][i]), `row ${i} feature ${j}`);
    });
  }
});

test('serialization round trip keeps the version and the encoding', () => {
  const p = FittedPipeline.fit(train, ['x', 'c'], onehot);
  const q = FittedPipeline.fromJSON(JSON.parse(JSON.stringify(p.toJSON())));
  assert.equal(q.version, p.version);
  assert.deepEqual(q.apply(train).columns.map((c) => Array.from(c)), p.apply(train).columns.map((c) => Array.from(c)));
  assert.notEqual(FittedPipeline.fit(train, ['x', 'c'], native).version, p.version);
});

test('a row with text in a numeric column is refused with the column named', () => {
  const p = FittedPipeline.fit(train, ['x', 'c'], onehot);
  assert.throws(() => p.applyRow({ x: 'abc', c: 'a' }, new Float64Array(3)), /column 'x' must be numeric; got 'abc'/);
});
