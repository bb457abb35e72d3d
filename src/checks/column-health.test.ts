// ID_LIKE_COLUMN, CONSTANT_COLUMN, HIGH_MISSING: each built to fire, and near-misses that must not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkColumns } from './column-health.ts';
import { cat, draw, num, tableOf } from './test-data.ts';

const N = 500;
const normal = draw(N, 1, (r) => r.normal());

function codes(t: ReturnType<typeof tableOf>, names = t.columns.map((c) => c.name)) {
  return checkColumns(t, names).findings.map((f) => `${f.code}:${(f.evidence as { column: string }).column}`);
}

test('CONSTANT_COLUMN: one value everywhere, or missing everywhere', () => {
  const t = tableOf(num('x', normal), num('k', new Float64Array(N).fill(3)), cat('empty', new Array<null>(N).fill(null)));
  const f = checkColumns(t, ['x', 'k', 'empty']).findings;
  assert.deepEqual(f.map((x) => [x.code, x.severity]), [['CONSTANT_COLUMN', 'warning'], ['CONSTANT_COLUMN', 'warning']]);
  assert.deepEqual(f[0].evidence, { column: 'k', value: 3, rows: N });
  assert.match(f[0].message, /^column 'k' has the single value 3 in all 500 rows; .*data\.exclude/);
  assert.deepEqual(f[1].evidence, { column: 'empty', value: null, rows: N });
});

test('not constant: one value plus some missing (missing counts as a value), or two values', () => {
  const oneAndMissing = Float64Array.from({ length: N }, (_, i) => (i % 10 === 0 ? NaN : 1));
  const t = tableOf(num('m', oneAndMissing), cat('two', Array.from({ length: N }, (_, i) => (i === 0 ? 'b' : 'a'))));
  assert.deepEqual(codes(t), []);
});

test('HIGH_MISSING: rate ≥ 0.5 is reported with the rate; 0.4 is not', () => {
  const sixty = Float64Array.from(normal, (v, i) => (i % 5 < 3 ? NaN : v));
  const forty = Float64Array.from(normal, (v, i) => (i % 5 < 2 ? NaN : v));
  const f = checkColumns(tableOf(num('sixty', sixty), num('forty', forty)), ['sixty', 'forty']).findings;
  assert.deepEqual(f.map((x) => x.code), ['HIGH_MISSING']);
  assert.deepEqual(f[0].evidence, { column: 'sixty', missingRate: 0.6, missingRows: 300, rows: N });
  assert.match(f[0].message, /^column 'sixty' is missing in 60% of rows \(300 of 500\)/);
});

test('ID_LIKE_COLUMN: unique text, integers rising with the row order, a shuffled run of integers', () => {
  const text = Array.from({ length: N }, (_, i) => `cust-${(i * 7919) % 100000}`);
  const rising = Float64Array.from({ length: N }, (_, i) => 1000 + 3 * i);
  const shuffledRun = Float64Array.from({ length: N }, (_, i) => (i * 37) % N);
  const t = tableOf(cat('customer', text), num('seq', rising), num('perm', shuffledRun), num('x', normal));
  const f = checkColumns(t, ['customer', 'seq', 'perm', 'x']).findings;
  assert.deepEqual(f.map((x) => `${x.code}:${(x.evidence as { column: string }).column}`), ['ID_LIKE_COLUMN:customer', 'ID_LIKE_COLUMN:seq', 'ID_LIKE_COLUMN:perm']);
  assert.deepEqual(f[1].evidence, { column: 'seq', distinctRatio: 1, distinct: N, rows: N, reason: 'integers rising or falling with the row order' });
  assert.match(f[0].message, /^column 'customer' has a distinct value in 100% of rows \(text\); .*data\.id/);
});

test('not ID-like: unique floats, sparse random integers, repeated text, declared time columns', () => {
  const sparse = draw(N, 5, (r) => r.int(1e9));
  const repeated = Array.from({ length: N }, (_, i) => `g${i % 40}`);
  const time = Float64Array.from({ length: N }, (_, i) => 1.7e9 + 60 * i);
  const t = tableOf(num('x', normal), num('sparse', sparse), cat('grp', repeated), num('applied_at', time));
  assert.deepEqual(checkColumns(t, ['x', 'sparse', 'grp', 'applied_at'], ['applied_at']).findings, []);
});
