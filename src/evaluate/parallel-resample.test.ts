// The block-wise bootstrap resampler and its binomial sampler: exact totals, the law of n uniform draws, reproducible by (seed, b).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../util/rng.ts';
import { binomial, binomialPmf } from './parallel-binomial.ts';
import { BLOCK_ROWS, countResample, drawCounts, expandCounts, resampleBuffers, sortedDraws } from './parallel-resample.ts';

function logChoose(m: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log((m - k + i) / i);
  return s;
}

test('binomialPmf agrees with the direct formula and sums to 1', () => {
  for (const [m, q] of [[7, 0.3], [50, 0.02], [1000, 0.5], [123_456, 4096 / 123_456], [30, 0.97]]) {
    let total = 0;
    for (let k = 0; k <= m; k++) {
      const p = binomialPmf(k, m, q);
      total += p;
      if (p > 1e-300 && m <= 1000) {
        const direct = Math.exp(logChoose(m, k) + k * Math.log(q) + (m - k) * Math.log1p(-q));
        assert.ok(Math.abs(p / direct - 1) < 1e-9, `m=${m} q=${q} k=${k}: ${p} vs ${direct}`);
      }
    }
    assert.ok(Math.abs(total - 1) < 1e-12, `m=${m} q=${q}: total ${total}`);
  }
});

test('binomial draws follow the pmf (chi-square over 20 000 draws)', () => {
  for (const [m, q] of [[12, 0.35], [40, 0.05], [9, 0.9]]) {
    const rng = new Rng(m);
    const draws = 20_000;
    const seen = new Float64Array(m + 1);
    for (let i = 0; i < draws; i++) seen[binomial(rng, m, q)]++;
    let chi2 = 0, cells = 0;
    for (let k = 0; k <= m; k++) {
      const expected = draws * binomialPmf(k, m, q);
      if (expected < 5) continue; // sparse tail cells: the test needs ≥ 5 expected
      chi2 += (seen[k] - expected) ** 2 / expected;
      cells++;
    }
    // 99.9% point of chi-square with ≤ 12 degrees of freedom is ≤ 32.9
    assert.ok(chi2 < 32.9, `m=${m} q=${q}: chi2 ${chi2.toFixed(1)} over ${cells} cells`);
  }
});

test('large binomials (block totals) have the binomial mean and variance', () => {
  const rng = new Rng(3);
  const m = 1_000_000, q = BLOCK_ROWS / m, draws = 4000;
  let sum = 0, squares = 0;
  for (let i = 0; i < draws; i++) {
    const k = binomial(rng, m, q);
    sum += k;
    squares += k * k;
  }
  const mean = sum / draws, variance = squares / draws - mean * mean, expected = m * q * (1 - q);
  assert.ok(Math.abs(mean - m * q) < 4 * Math.sqrt(expected / draws), `mean ${mean}`);
  assert.ok(Math.abs(variance / expected - 1) < 0.1, `variance ${variance} vs ${expected}`);
});

test('every resample holds exactly n rows, in full and partial blocks alike', () => {
  for (const n of [1, 10, BLOCK_ROWS, BLOCK_ROWS + 1, 3 * BLOCK_ROWS + 905]) {
    const buf = resampleBuffers(n);
    for (let b = 0; b < 5; b++) {
      assert.equal(drawCounts(11, b, buf), true);
      assert.equal(buf.counts.reduce((s, c) => s + c, 0), n, `n=${n} b=${b}`);
      assert.deepEqual(expandCounts(buf), sortedDraws(11, b, n));
    }
  }
});

test('row counts follow Binomial(n, 1/n) per row, as n uniform draws do, across both kinds of block', () => {
  const n = BLOCK_ROWS + 904; // one full block, one partial
  const resamples = 600;
  const buf = resampleBuffers(n);
  let zeros = 0, squares = 0, firstBlock = 0, firstBlockSquares = 0;
  const total = new Float64Array(n);
  for (let b = 0; b < resamples; b++) {
    drawCounts(5, b, buf);
    let inFirst = 0;
    buf.counts.forEach((c, r) => { total[r] += c; zeros += c === 0 ? 1 : 0; squares += (c - 1) ** 2; if (r < BLOCK_ROWS) inFirst += c; });
    firstBlock += inFirst;
    firstBlockSquares += inFirst * inFirst;
  }
  const cells = n * resamples;
  assert.ok(Math.abs(zeros / cells - (1 - 1 / n) ** n) < 0.003, `P(count = 0) = ${zeros / cells}`); // 0.3679
  assert.ok(Math.abs(squares / cells - (1 - 1 / n)) < 0.01, `count variance ${squares / cells}`);
  const mean = firstBlock / resamples, q = BLOCK_ROWS / n;
  const variance = firstBlockSquares / resamples - mean * mean, expected = n * q * (1 - q); // ≈ 740
  assert.ok(Math.abs(mean - n * q) < 4 * Math.sqrt(expected / resamples), `first block holds ${mean} draws on average`);
  assert.ok(Math.abs(variance / expected - 1) < 0.2, `first block variance ${variance} vs ${expected}`);
  const partialMean = total.subarray(BLOCK_ROWS).reduce((s, t) => s + t, 0) / (904 * resamples);
  assert.ok(Math.abs(partialMean - 1) < 0.01, `partial-block rows drawn ${partialMean} times on average`);
});

test('a resample depends on (seed, b) only: same pair, same rows; another pair, other rows', () => {
  const n = 2 * BLOCK_ROWS + 17;
  const a = new Int32Array(n), words = new Uint32Array(BLOCK_ROWS);
  countResample(4, 7, n, a, words);
  assert.deepEqual(sortedDraws(4, 7, n), expandCounts({ n, words, counts: Uint8Array.from(a), idx: new Int32Array(n + 1), kernels: null }));
  assert.notDeepEqual(sortedDraws(4, 7, n), sortedDraws(4, 8, n));
  assert.notDeepEqual(sortedDraws(4, 7, n), sortedDraws(5, 7, n));
});
