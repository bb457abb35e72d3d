// Honest significance by simulation: the paired bootstrap's false-pass rate and power, and percentile-bootstrap CI coverage, on seeded synthetic data.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accuracyScore, bootstrapCI, pairedBootstrap, rocAucScore } from '../metrics/index.ts';
import { Rng } from '../util/rng.ts';

/**
 * One dataset of n rows with y ~ Bernoulli(½) and two models scoring the same signal s = y + N(0,1)
 * plus independent noise: A adds N(0, noiseA²), B adds N(0, 1). noiseA = 1 makes the models equal in
 * truth (same AUC in the population); a smaller noiseA makes A truly better.
 */
function twoModels(n: number, noiseA: number, seed: number): { y: Float64Array; a: Float64Array; b: Float64Array } {
  const rng = new Rng(seed);
  const y = new Float64Array(n), a = new Float64Array(n), b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.float() < 0.5 ? 1 : 0;
    const s = y[i] + rng.normal();
    a[i] = s + noiseA * rng.normal();
    b[i] = s + rng.normal();
  }
  return { y, a, b };
}

/** Share of `datasets` simulated datasets on which pairedBootstrap(AUC) declares A better at p < 0.05. */
function passRate(datasets: number, n: number, noiseA: number, resamples: number, seedBase: number): number {
  let passes = 0;
  for (let d = 0; d < datasets; d++) {
    const { y, a, b } = twoModels(n, noiseA, seedBase + d);
    if (pairedBootstrap(rocAucScore, y, a, b, { seed: d, resamples }).pValue < 0.05) passes++;
  }
  return passes / datasets;
}

/** Upper end of what a test with true rate α shows over `trials` trials, at one-sided risk 1% (normal approximation). */
function monteCarloCeiling(alpha: number, trials: number): number {
  return alpha + 2.326 * Math.sqrt((alpha * (1 - alpha)) / trials);
}

test('paired bootstrap: equal models pass p < 0.05 in at most 5% of datasets, up to Monte-Carlo error', (t) => {
  // 1000 datasets: a calibrated one-sided 5% test shows 5% ± 0.69% (sd); the 1%-risk ceiling is 6.6%
  const datasets = 1000;
  const rate = passRate(datasets, 200, 1, 200, 1_000);
  t.diagnostic(`false-pass rate ${(100 * rate).toFixed(1)}% over ${datasets} datasets (n = 200, 200 resamples)`);
  assert.ok(rate <= monteCarloCeiling(0.05, datasets), `false-pass rate ${rate}`);
  assert.ok(rate >= 0.02, `a rate of ${rate} would mean the p-value is not what it says (too conservative)`);
});

test('paired bootstrap: a clearly better model (AUC ≈ 0.76 vs 0.69) passes in at least 90% of datasets', (t) => {
  const datasets = 200;
  const power = passRate(datasets, 500, 0.2, 200, 50_000);
  t.diagnostic(`power ${(100 * power).toFixed(1)}% over ${datasets} datasets (n = 500, 200 resamples)`);
  assert.ok(power >= 0.9, `power ${power}`);
});

test('percentile bootstrap: 95% intervals of a Bernoulli(0.3) accuracy cover 0.3 in 94–96% of 4000 replications', (t) => {
  // n = 100, 200 resamples: a setting where the percentile interval is accurate (≈ 94.9% by a
  // 100 000-replication check of the same procedure); 4000 replications put the sd at 0.34%, so
  // 94–96% is a ±2.9 sd band
  const n = 100, truth = 0.3, replications = 4000;
  const y = new Float64Array(n).fill(1);
  const p = new Float64Array(n);
  let covered = 0;
  for (let rep = 0; rep < replications; rep++) {
    const rng = new Rng(200_000 + rep);
    for (let i = 0; i < n; i++) p[i] = rng.float() < truth ? 0.9 : 0.1;
    const ci = bootstrapCI(accuracyScore, y, p, { seed: rep, resamples: 200 });
    if (ci.low <= truth && truth <= ci.high) covered++;
  }
  const coverage = covered / replications;
  t.diagnostic(`coverage ${(100 * coverage).toFixed(2)}% over ${replications} replications (n = ${n}, 200 resamples)`);
  assert.ok(coverage >= 0.94 && coverage <= 0.96, `coverage ${coverage}`);
});
