// evaluateSplitParallel: the same record as evaluateSplit, CIs equal to a one-thread reference and identical for any thread count; its resampling and counting scorers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SliceMask } from '../data/slices.ts';
import { averagePrecisionScore, metricFn, metricNames, rocAucScore } from '../metrics/index.ts';
import { quantileSorted } from '../metrics/quantile.ts';
import { BadInputError } from '../util/errors.ts';
import { Rng } from '../util/rng.ts';
import { evaluateSplit, type SplitData, type SplitEval, type SplitEvalOptions } from './evaluate.ts';
import { evaluateSplitParallel } from './parallel.ts';
import { argsortScores, permute, rankIndex } from './parallel-rank.ts';
import { drawCounts, expandCounts, resampleBuffers, sortedDraws } from './parallel-resample.ts';
import { countingAuc, countingAveragePrecision } from './parallel-scorers.ts';

/** n split rows (data rows 3..n+2 of n+3), binary labels, scores rounded to 3 decimals (ties), 8 slices in 2 groups. */
function binaryCase(n: number, seed: number): { data: SplitData; slices: SliceMask[] } {
  const rng = new Rng(seed);
  const y = new Float64Array(n), pred = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.float() < 0.3 ? 1 : 0;
    pred[i] = Math.round(1000 / (1 + Math.exp(-(1.5 * y[i] - 1 + rng.normal())))) / 1000;
  }
  const rows = Int32Array.from({ length: n }, (_, i) => i + 3);
  const nData = n + 3;
  const slices: SliceMask[] = [
    ...Array.from({ length: 6 }, (_, v) => ({ name: `region=${v}`, group: 'region', mask: Uint8Array.from({ length: nData }, (_, r) => (r % 6 === v ? 1 : 0)) })),
    { name: 'tiny', group: 'tiny', mask: Uint8Array.from({ length: nData }, (_, r) => (r % 1000 === 7 ? 1 : 0)) },
    { name: 'empty', group: 'empty', mask: new Uint8Array(nData) },
  ];
  return { data: { rows, y, pred }, slices };
}

function optionsFor(slices: SliceMask[], bootstrap: number): SplitEvalOptions {
  return { task: 'binary', nClasses: 2, ciMetrics: ['auc'], bootstrap, seed: 17, slices, minSliceRows: 30 };
}

const withoutCi = (e: SplitEval): Omit<SplitEval, 'ci'> => { const { ci: _ci, ...rest } = e; return rest; };

/** The CIs by definition, on one thread: resample b is sortedDraws(seed, b) over the score-ordered rows, each metric scored plainly. */
function referenceCis(data: SplitData, seed: number, resamples: number): Record<string, { low: number; high: number; resamples: number }> {
  const order = argsortScores(data.pred);
  const y = permute(data.y, order), p = permute(data.pred, order);
  const names = metricNames('binary');
  const values = names.map(() => new Float64Array(resamples));
  for (let b = 0; b < resamples; b++) {
    const idx = sortedDraws(seed, b, y.length);
    names.forEach((name, m) => { values[m][b] = metricFn(name, 'binary')(y, p, idx, 2); });
  }
  return Object.fromEntries(names.map((name, m) => {
    const sorted = values[m].slice().sort();
    return [name, { low: quantileSorted(sorted, 0.025), high: quantileSorted(sorted, 0.975), resamples }];
  }));
}

test('20k rows: metrics, slices and reliability bit-identical to evaluateSplit; every CI equal to the one-thread definition', async () => {
  const { data, slices } = binaryCase(20_000, 1);
  const opts = optionsFor(slices, 200);
  const serial = evaluateSplit(data, opts);
  const parallel = await evaluateSplitParallel(data, { ...opts, threads: 2, ciAllMetrics: true });
  assert.deepEqual(withoutCi(parallel), withoutCi(serial));
  assert.equal(parallel.slices[6].small, true);
  assert.deepEqual(parallel.slices[7], { name: 'empty', group: 'empty', n: 0, small: true, metrics: {}, reliability: undefined });
  const reference = referenceCis(data, opts.seed, 200);
  assert.deepEqual(Object.keys(parallel.ci), metricNames('binary'));
  for (const [name, ci] of Object.entries(parallel.ci)) {
    assert.deepEqual(ci, { ...reference[name], level: 0.95 }, name);
  }
  // the same distribution as evaluateSplit's interval, from other resamples: close, not equal
  assert.ok(Math.abs(parallel.ci.auc.low - serial.ci.auc.low) < 0.004 && Math.abs(parallel.ci.auc.high - serial.ci.auc.high) < 0.004);
});

test('the same record for 1, 2 and 3 threads', async () => {
  const { data, slices } = binaryCase(20_000, 2);
  const opts = { ...optionsFor(slices, 150), ciAllMetrics: true };
  const one = await evaluateSplitParallel(data, { ...opts, threads: 1 });
  assert.deepEqual(await evaluateSplitParallel(data, { ...opts, threads: 2 }), one);
  assert.deepEqual(await evaluateSplitParallel(data, { ...opts, threads: 3 }), one);
  assert.notDeepEqual((await evaluateSplitParallel(data, { ...opts, threads: 2, seed: 18 })).ci, one.ci);
});

test('multiclass: metrics and slices as evaluateSplit, CIs for the requested metrics only', async () => {
  const n = 12_000, k = 3;
  const rng = new Rng(5);
  const y = Float64Array.from({ length: n }, () => rng.int(k));
  const pred = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const raw = Array.from({ length: k }, (_, c) => Math.exp((c === y[i] ? 1 : 0) + rng.normal()));
    const sum = raw.reduce((a, b) => a + b, 0);
    raw.forEach((v, c) => { pred[i * k + c] = v / sum; });
  }
  const data = { rows: Int32Array.from({ length: n }, (_, i) => i), y, pred };
  const slices: SliceMask[] = [{ name: 'even', group: 'even', mask: Uint8Array.from({ length: n }, (_, r) => 1 - (r % 2)) }];
  const opts: SplitEvalOptions = { task: 'multiclass', nClasses: k, ciMetrics: ['accuracy', 'logloss'], bootstrap: 200, seed: 3, slices, minSliceRows: 30 };
  const one = await evaluateSplitParallel(data, { ...opts, threads: 1 });
  assert.deepEqual(withoutCi(one), withoutCi(evaluateSplit(data, opts)));
  assert.deepEqual(Object.keys(one.ci), ['accuracy', 'logloss']);
  assert.deepEqual(await evaluateSplitParallel(data, { ...opts, threads: 2 }), one);
});

test('bad input is refused as evaluateSplit refuses it, and no worker outlives the call', async () => {
  const { data, slices } = binaryCase(20_000, 3);
  const y = data.y.slice();
  y[5] = 2;
  const bad = { ...data, y };
  await assert.rejects(evaluateSplitParallel(bad, { ...optionsFor(slices, 200), threads: 2 }), (e: unknown) =>
    e instanceof BadInputError && /binary labels must be 0 or 1, but got y\[5\]=2/.test(e.message));
  await assert.rejects(evaluateSplitParallel(data, { ...optionsFor(slices, 200), ciMetrics: ['rmse'] }), /metric 'rmse' must be one defined for binary tasks/);
  await assert.rejects(evaluateSplitParallel(data, { ...optionsFor(slices, 200), threads: 0 }), /`threads` must be an integer >= 1, but got 0/);
});

test('argsortScores: stable ascending order, -0 before 0 (as Float64Array#sort), NaN last', () => {
  const rng = new Rng(8);
  const p = Float64Array.from({ length: 3000 }, (_, i) => (i % 97 === 0 ? NaN : i % 89 === 0 ? -0 : Math.round(rng.normal() * 50) / 10));
  const expected = Array.from(p.keys()).sort((a, b) => {
    const na = Number.isNaN(p[a]), nb = Number.isNaN(p[b]);
    if (na || nb) return na === nb ? a - b : na ? 1 : -1;
    return p[a] - p[b] || Number(Object.is(p[b], -0)) - Number(Object.is(p[a], -0)) || a - b;
  });
  const order = argsortScores(p);
  assert.deepEqual(Array.from(order), expected);
  assert.deepEqual(permute(p, order), p.slice().sort());
});

test('counting AUC and average precision equal the plain metrics on resamples and on all rows, with and without ties, one class, NaN', () => {
  const rng = new Rng(9);
  const n = 3000;
  const y = Float64Array.from({ length: n }, () => (rng.float() < 0.2 ? 1 : 0));
  const p = Float64Array.from(y, (v) => Math.round((v + rng.normal()) * 4) / 4);
  const check = (yy: Float64Array, pp: Float64Array, resamples: number): void => {
    const order = argsortScores(pp);
    const ys = permute(yy, order), ps = permute(pp, order);
    const rank = rankIndex(ys, ps);
    const buf = resampleBuffers(yy.length);
    for (let b = 0; b < resamples; b++) {
      drawCounts(1, b, buf);
      const idx = expandCounts(buf);
      assert.ok(Object.is(countingAuc(rank)(buf.counts, () => idx), rocAucScore(ys, ps, idx)), `auc b=${b}`);
      assert.ok(Object.is(countingAveragePrecision(rank)(buf.counts, () => idx), averagePrecisionScore(ys, ps, idx)), `ap b=${b}`);
    }
    const ones = new Uint8Array(yy.length).fill(1), all = Int32Array.from(ones.keys());
    assert.ok(Object.is(countingAuc(rank)(ones, () => all), rocAucScore(yy, pp)), 'auc of every row once');
    assert.ok(Object.is(countingAveragePrecision(rank)(ones, () => all), averagePrecisionScore(yy, pp)), 'ap of every row once');
  };
  check(y, p, 30);
  check(y, Float64Array.from(y, (v) => v + rng.normal()), 30); // no ties: the one-pass form
  check(new Float64Array(n), p, 2); // one class
  const withNaN = p.slice();
  withNaN[17] = NaN;
  check(y, withNaN, 5);
});
