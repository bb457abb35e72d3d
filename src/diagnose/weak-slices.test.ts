// Weak-slice discovery: a region with 45% flipped labels is the top weak slice; clean data has none; the statistics; speed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findWeakSlices } from './weak-slices.ts';
import { blackboxWeakSlices } from './review-export.ts';
import { learnerEntry } from './run-view.ts';
import { syntheticView } from './testing/synthetic.ts';
import { logFisherUpper, logNormalUpperTail, newcombeDifference } from './stats.ts';
import { describe, matchesAll, type Predicate } from './predicates.ts';
import { Rng } from '../util/rng.ts';
import type { Column, Table } from '../data/table.ts';

const REGIONS = ['east', 'north', 'south', 'west'];

/** Labels follow a clean linear rule; in region south a fraction `flip` of them is flipped. */
const regionRow = (flip: number) => (rng: Rng) => {
  const x = [rng.normal(), rng.normal(), rng.normal(), rng.float()];
  const region = rng.int(4);
  let label = x[0] + 0.8 * x[1] > 0 ? 1 : 0;
  if (region === 2 && rng.float() < flip) label = 1 - label;
  return { numeric: x, category: region, label: label as 0 | 1 };
};

for (const learner of ['logistic', 'gbdt']) {
  test(`${learner}: labels 45% flipped in one region → that region is the top weak slice on blackbox`, async () => {
    const view = await syntheticView({ rows: 10000, seed: 1, learner, levels: REGIONS, row: regionRow(0.45) });
    const r = blackboxWeakSlices(view, learnerEntry(view, learner));
    assert.equal(r.rows, view.splits.rows.blackbox.length);
    assert.equal(r.slices[0].description, 'region = south');
    const top = r.slices[0];
    assert.ok(top.errorRate > 0.4 && top.restErrorRate < 0.05, `${top.errorRate} vs ${top.restErrorRate}`);
    assert.ok(top.ci[0] > 0.3 && top.ci[1] < 0.6 && top.ci[0] < top.effect && top.effect < top.ci[1]);
    assert.ok(top.adjustedP < 1e-100 && top.adjustedP >= top.pValue);
    assert.equal(r.findings[0].code, 'WEAK_SLICE');
    assert.match(r.findings[0].message, /^slice "region = south" \(n = \d+\): error rate 4\d\.\d% vs \d\.\d% elsewhere/);
    assert.ok(r.slices.length <= 3 && r.findings.length === r.slices.length);
  });
}

test('clean labels (no flips) → no slice is significant, for several seeds and both learners', async () => {
  for (const learner of ['logistic', 'gbdt']) {
    for (const seed of [1, 2, 3]) {
      const view = await syntheticView({ rows: 10000, seed, learner, levels: REGIONS, row: regionRow(0) });
      const r = blackboxWeakSlices(view, learnerEntry(view, learner));
      assert.deepEqual(r.slices.map((s) => s.description), [], `${learner} seed ${seed}`);
      assert.deepEqual(r.findings, []);
    }
  }
});

test('errors independent of the features: at most alpha of 100 seeded datasets show any slice (family-wise error)', () => {
  let hits = 0;
  for (let seed = 100; seed < 200; seed++) {
    const rng = new Rng(seed);
    const n = 3000;
    const table: Table = { nRows: n, columns: [
      { name: 'a', kind: 'numeric', values: Float64Array.from({ length: n }, () => rng.normal()) },
      { name: 'g', kind: 'categorical', codes: Int32Array.from({ length: n }, () => rng.int(5)), levels: ['p', 'q', 'r', 's', 't'] },
    ] };
    const errors = Uint8Array.from({ length: n }, () => (rng.float() < 0.1 ? 1 : 0));
    if (findWeakSlices({ table, rows: Int32Array.from({ length: n }, (_, i) => i), errors, columns: ['a', 'g'] }).slices.length) hits++;
  }
  assert.ok(hits <= 5, `${hits} of 100`);
});

test('a planted slice is found; minSupport and maxResults hold', () => {
  const rng = new Rng(10);
  const n = 5000;
  const table: Table = { nRows: n, columns: [
    { name: 'a', kind: 'numeric', values: Float64Array.from({ length: n }, () => rng.normal()) },
    { name: 'g', kind: 'categorical', codes: Int32Array.from({ length: n }, () => rng.int(5)), levels: ['p', 'q', 'r', 's', 't'] },
  ] };
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  const noise = Uint8Array.from({ length: n }, () => (rng.float() < 0.2 ? 1 : 0));
  assert.deepEqual(findWeakSlices({ table, rows, errors: noise, columns: ['a', 'g'] }).slices, []);
  const planted = noise.map((e, i) => ((table.columns[1] as { codes: Int32Array }).codes[i] === 1 && i % 2 === 0 ? 1 : e));
  const r = findWeakSlices({ table, rows, errors: planted, columns: ['a', 'g'], maxResults: 1 });
  assert.deepEqual(r.slices.map((s) => s.description), ['g = q']);
  assert.equal(findWeakSlices({ table, rows, errors: planted, columns: ['a', 'g'], minSupport: 2000 }).slices.length, 0);
  assert.throws(() => findWeakSlices({ table, rows, errors: planted.subarray(1), columns: ['a'] }), /one flag per row/);
});

test('an interaction of two columns is found as a two-predicate slice; 100k rows × 20 features in well under a few seconds', () => {
  const N = 100_000;
  const rng = new Rng(5);
  const columns: Column[] = [];
  for (let j = 0; j < 14; j++) columns.push({ name: `n${j}`, kind: 'numeric', values: Float64Array.from({ length: N }, () => (rng.float() < 0.02 ? NaN : rng.normal())) });
  for (let j = 0; j < 6; j++) columns.push({ name: `c${j}`, kind: 'categorical', codes: Int32Array.from({ length: N }, () => rng.int(8)), levels: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] });
  const c0 = (columns[14] as { codes: Int32Array }).codes;
  const n3 = (columns[3] as { values: Float64Array }).values;
  const errors = Uint8Array.from({ length: N }, (_, i) => (rng.float() < (c0[i] === 2 && n3[i] > 0.5 ? 0.3 : 0.1) ? 1 : 0));
  const t0 = performance.now();
  const r = findWeakSlices({ table: { nRows: N, columns }, rows: Int32Array.from({ length: N }, (_, i) => i), errors, columns: columns.map((c) => c.name) });
  const ms = performance.now() - t0;
  assert.equal(r.slices[0].description, 'n3 >= 0.525 AND c0 = c');
  assert.ok(ms < 4000, `${ms.toFixed(0)} ms`);
});

test('statistics: normal tail in log space, Fisher exact, Newcombe interval against published values', () => {
  assert.ok(Math.abs(Math.exp(logNormalUpperTail(1.959964)) - 0.025) < 1e-7);
  assert.ok(Math.abs(logNormalUpperTail(40) - -804.6084420137538) < 1e-3, String(logNormalUpperTail(40)));
  assert.ok(Math.abs(Math.exp(logNormalUpperTail(-1.959964)) - 0.975) < 1e-7);
  assert.ok(Math.abs(Math.exp(logFisherUpper(3, 4, 4, 8)) - 17 / 70) < 1e-12, 'lady tasting tea: 3 of 4 right');
  assert.ok(Math.abs(Math.exp(logFisherUpper(4, 4, 4, 8)) - 1 / 70) < 1e-12);
  assert.equal(logFisherUpper(0, 4, 4, 8), 0);
  const [lo, hi] = newcombeDifference(56, 70, 48, 80);
  assert.ok(Math.abs(lo - 0.0524) < 1e-4 && Math.abs(hi - 0.3339) < 1e-4, `${lo} ${hi}`); // Newcombe (1998), method 10
});

test('predicates: descriptions and row matching', () => {
  const table: Table = { nRows: 3, columns: [
    { name: 'income', kind: 'numeric', values: Float64Array.of(10000, NaN, 50000) },
    { name: 'region', kind: 'categorical', codes: Int32Array.of(0, 1, -1), levels: ['north', 'south'] },
  ] };
  const ps: Predicate[] = [{ column: 'region', op: '=', value: 'south' }, { column: 'income', op: 'missing' }];
  assert.deepEqual(ps.map(describe), ['region = south', 'income is missing']);
  assert.deepEqual([0, 1, 2].map((r) => matchesAll(table, r, ps)), [false, true, false]);
  assert.equal(matchesAll(table, 0, [{ column: 'income', op: '<', value: 32000 }]), true);
});
