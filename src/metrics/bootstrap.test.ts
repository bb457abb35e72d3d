// Bootstrap: determinism, interval sanity, coverage by simulation, and the paired test's p-value.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BadInputError } from '../util/errors.ts';
import { Rng } from '../util/rng.ts';
import { accuracyScore, logLoss, rocAucScore } from './binary.ts';
import { bootstrapCI, bootstrapCIs, pairedBootstrap, resampler } from './bootstrap.ts';
import { multiclassAccuracyScore } from './multiclass.ts';
import type { MetricFn } from './types.ts';

/** n rows with P(y = 1) = ½ and a score that separates the classes by `signal` standard deviations. */
function scored(n: number, signal: number, seed: number): { y: Float64Array; p: Float64Array } {
  const rng = new Rng(seed);
  const y = new Float64Array(n);
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.float() < 0.5 ? 1 : 0;
    p[i] = 1 / (1 + Math.exp(-(signal * (y[i] - 0.5) + rng.normal())));
  }
  return { y, p };
}

test('resampler: sorted in-range rows whose counts follow Binomial(n, 1/n) per row, reproducible by seed', () => {
  const n = 10;
  const draws = 20_000;
  const next = resampler(n, 3);
  const total = new Float64Array(n);
  let zeros = 0;
  let squares = 0;
  for (let b = 0; b < draws; b++) {
    const idx = next();
    assert.equal(idx.length, n);
    const counts = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      assert.ok(idx[j] >= 0 && idx[j] < n && (j === 0 || idx[j - 1] <= idx[j]));
      counts[idx[j]]++;
    }
    counts.forEach((c, r) => { total[r] += c; zeros += c === 0 ? 1 : 0; squares += (c - 1) ** 2; });
  }
  for (const t of total) assert.ok(Math.abs(t / draws - 1) < 0.03, `mean count ${t / draws}`);
  assert.ok(Math.abs(zeros / (n * draws) - 0.9 ** 10) < 0.01, `P(count = 0) = ${zeros / (n * draws)}`); // 0.349
  assert.ok(Math.abs(squares / (n * draws) - 0.9) < 0.03, `count variance ${squares / (n * draws)}`);
  assert.deepEqual(resampler(50, 9)(), resampler(50, 9)());
});

test('same seed, same interval; another seed, another interval', () => {
  const { y, p } = scored(300, 1.5, 1);
  const a = bootstrapCI(rocAucScore, y, p, { seed: 7, resamples: 200 });
  assert.deepEqual(bootstrapCI(rocAucScore, y, p, { seed: 7, resamples: 200 }), a);
  assert.notDeepEqual(bootstrapCI(rocAucScore, y, p, { seed: 8, resamples: 200 }), a);
  assert.equal(a.estimate, rocAucScore(y, p));
  assert.equal(a.resamples, 200);
});

test('the interval contains the estimate and narrows as n grows', () => {
  const small = scored(200, 1.5, 2);
  const large = scored(5000, 1.5, 2);
  for (const metric of [rocAucScore, logLoss, accuracyScore] as MetricFn[]) {
    const a = bootstrapCI(metric, small.y, small.p, { seed: 3, resamples: 300 });
    const b = bootstrapCI(metric, large.y, large.p, { seed: 3, resamples: 300 });
    assert.ok(a.low < a.estimate && a.estimate < a.high, `${metric.name}: ${JSON.stringify(a)}`);
    assert.ok(b.high - b.low < (a.high - a.low) / 2, `${metric.name} should narrow ~√25-fold`);
  }
});

test('prepared AUC gives the same interval as scoring each resample from scratch', () => {
  const { y, p } = scored(400, 1, 4);
  const plain: MetricFn = (yy, pp, idx) => rocAucScore(yy, pp, idx);
  assert.deepEqual(bootstrapCI(plain, y, p, { seed: 5, resamples: 100 }), bootstrapCI(rocAucScore, y, p, { seed: 5, resamples: 100 }));
});

test('95% percentile intervals of a Bernoulli(0.8) accuracy cover 0.8 in about 95% of 200 replications', () => {
  const n = 200;
  let covered = 0;
  for (let rep = 0; rep < 200; rep++) {
    const rng = new Rng(10_000 + rep);
    const y = new Float64Array(n).fill(1);
    const p = Float64Array.from({ length: n }, () => (rng.float() < 0.8 ? 0.9 : 0.1));
    const ci = bootstrapCI(accuracyScore, y, p, { seed: rep, resamples: 400 });
    if (ci.low <= 0.8 && 0.8 <= ci.high) covered++;
  }
  const coverage = covered / 200;
  assert.ok(coverage >= 0.9 && coverage <= 0.98, `coverage ${coverage}`);
});

test('bootstrapCIs scores several metrics on one set of resamples, as bootstrapCI does one by one', () => {
  const { y, p } = scored(300, 1.5, 11);
  const many = bootstrapCIs({ auc: rocAucScore, logloss: logLoss }, y, p, { seed: 4, resamples: 100 });
  assert.deepEqual(many.auc, bootstrapCI(rocAucScore, y, p, { seed: 4, resamples: 100 }));
  assert.deepEqual(many.logloss, bootstrapCI(logLoss, y, p, { seed: 4, resamples: 100 }));
});

test('resamples on which the metric is undefined are left out and counted', () => {
  const y = Float64Array.from([0, 1, 0, 1, 1]);
  const p = Float64Array.from([0.1, 0.9, 0.4, 0.3, 0.8]);
  const ci = bootstrapCI(rocAucScore, y, p, { seed: 1, resamples: 1000 });
  // a resample of 5 rows holds one class with probability (2/5)^5 + (3/5)^5 ≈ 0.088
  assert.ok(ci.resamples > 850 && ci.resamples < 970, `${ci.resamples}`);
  assert.ok(Number.isFinite(ci.low) && Number.isFinite(ci.high));
});

test('multiclass metrics get nClasses and resample whole rows', () => {
  const y = Float64Array.from([0, 1, 2, 2, 1, 0]);
  const p = Float64Array.from([0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.1, 0.1, 0.8, 0.5, 0.4, 0.1, 0.3, 0.3, 0.4, 0.6, 0.2, 0.2]);
  const ci = bootstrapCI(multiclassAccuracyScore, y, p, { seed: 2, resamples: 200, nClasses: 3 });
  assert.equal(ci.estimate, 4 / 6);
  assert.ok(ci.low >= 0 && ci.high <= 1 && ci.low <= ci.high);
});

test('paired bootstrap: small p-value when A is clearly better, large when reversed, exactly 1 for identical models', () => {
  const good = scored(1000, 3, 6);
  const weak = scored(1000, 0.5, 6); // same labels (same stream), weaker scores
  assert.deepEqual(weak.y, good.y);
  const better = pairedBootstrap(rocAucScore, good.y, good.p, weak.p, { seed: 1, resamples: 500 });
  assert.equal(better.delta, rocAucScore(good.y, good.p) - rocAucScore(good.y, weak.p));
  assert.ok(better.delta > 0.1 && better.low > 0, JSON.stringify(better));
  assert.equal(better.pValue, 1 / 501);
  const worse = pairedBootstrap(rocAucScore, good.y, weak.p, good.p, { seed: 1, resamples: 500 });
  assert.equal(worse.pValue, 1);
  assert.ok(Math.abs(worse.low + better.high) < 1e-12); // the same resamples, negated
  const same = pairedBootstrap(rocAucScore, good.y, good.p, good.p, { seed: 1, resamples: 500 });
  assert.deepEqual(same, { delta: 0, low: 0, high: 0, pValue: 1, resamples: 500 });
});

test('paired bootstrap of a loss: higherIsBetter false asks whether A is lower', () => {
  const good = scored(1000, 3, 9);
  const weak = scored(1000, 0.5, 9);
  const r = pairedBootstrap(logLoss, good.y, good.p, weak.p, { seed: 2, resamples: 300, higherIsBetter: false });
  assert.ok(r.delta < 0 && r.high < 0, JSON.stringify(r));
  assert.equal(r.pValue, 1 / 301);
  assert.equal(pairedBootstrap(logLoss, good.y, good.p, weak.p, { seed: 2, resamples: 300 }).pValue, 1);
});

test('options are validated with the rule and the value', () => {
  const y = Float64Array.from([0, 1]);
  const p = Float64Array.from([0.2, 0.7]);
  assert.throws(() => bootstrapCI(logLoss, y, p, { seed: 1, level: 1 }), (e: unknown) =>
    e instanceof BadInputError && e.message === '`level` must lie in (0, 1), but got 1');
  assert.throws(() => bootstrapCI(logLoss, y, p, { seed: 1, resamples: 0 }), /`resamples` must be an integer >= 1, but got 0/);
  assert.throws(() => bootstrapCI(logLoss, y, p, { seed: 0.5 }), /`seed` must be an integer, but got 0.5/);
});
