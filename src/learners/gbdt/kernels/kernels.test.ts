// The WebAssembly kernels: the committed binary is the compiled source, and every kernel gives bit-identical results
// to its JavaScript twin (histograms packed and [g, h], contiguous and sampled features; partitions; logloss gradients).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Rng } from '../../../util/rng.ts';
import type { Matrix } from '../../types.ts';
import { fitBinMapper } from '../binning.ts';
import { buildHistogram, subtractHistogram } from '../histogram.ts';
import { partitionJobsHere, placeChunks, splitChunks } from '../partition.ts';
import { addLeafValues, binInto, makeWorkspace, sumLeaves, type Workspace } from '../workspace.ts';
import { compileWat } from '../../../util/wat.ts';
import { kernelsWat } from './source.ts';
import { kernelsWasmUrl } from './index.ts';
import { expClamped } from '../exp.ts';
import { makeObjective } from '../objective.ts';
import { gradientsWithRange, quantizeRows } from '../quantize.ts';

test('kernels.wasm is the compiled source.ts (run `npm run build:kernels` after editing the source)', async () => {
  const built = await compileWat('kernels.wat', kernelsWat());
  assert.deepEqual(new Uint8Array(readFileSync(kernelsWasmUrl())), built);
});

function data(n: number, F: number, seed: number): Matrix {
  const rng = new Rng(seed);
  const columns = Array.from({ length: F }, (_, j) => Float64Array.from({ length: n }, () => (rng.float() < 0.05 * (j % 3) ? NaN : rng.normal() * (j + 1))));
  return { nRows: n, features: columns.map((_, j) => ({ name: `f${j}`, kind: 'numeric' as const })), columns };
}

function pair(X: Matrix, quantized: boolean): [Workspace, Workspace] {
  const mapper = fitBinMapper(X, 255, 3);
  const make = (k: 'wasm' | 'js'): Workspace => {
    const w = makeWorkspace(X, mapper, 3, 1, 8, quantized, 3, k);
    binInto(w, X.columns);
    const rng = new Rng(9);
    for (let i = 0; i < X.nRows; i++) {
      w.gh[2 * i] = rng.normal(); w.gh[2 * i + 1] = rng.float();
      w.q[i] = Math.floor(rng.float() * 32) * 2 ** 26 + Math.floor(rng.float() * 32);
    }
    return w;
  };
  const wasm = make('wasm'), js = make('js');
  assert.ok(wasm.kernels !== null && js.kernels === null);
  return [wasm, js];
}

/** a sparse ascending row list, like a deep node's */
function rows(w: Workspace, keep: number, seed: number): number {
  const rng = new Rng(seed);
  let m = 0;
  for (let i = 0; i < w.n; i++) if (rng.float() < keep) w.idx[m++] = i;
  return m;
}

for (const quantized of [true, false]) {
  test(`histograms (${quantized ? 'packed' : '[g, h]'}): WebAssembly equals JavaScript bit for bit, all and sampled features`, () => {
    const X = data(5003, 11, 1);
    const [a, b] = pair(X, quantized);
    for (const [active, keep] of [[[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1], [[3, 4, 5, 6, 7], 0.4], [[0, 2, 3, 7, 10], 0.3], [[6], 0.9]] as const) {
      for (const w of [a, b]) {
        w.active.set(active);
        const m = rows(w, keep, active.length);
        buildHistogram(w, 0, 0, m, 0, active.length);
        buildHistogram(w, 1, 0, Math.floor(m / 3), 0, active.length);
        buildHistogram(w, 2, 7, 7, 0, active.length);
        subtractHistogram(w, 0, 1, 0, active.length);
      }
      assert.deepEqual(a.hist, b.hist);
      // the sums are the real ones: every row lands in exactly one bin of each feature
      const per = quantized ? 1 : 2, f = active[0];
      let total = 0;
      for (let bin = 0; bin < a.width[f]; bin++) total += a.hist[per * (a.offset[f] + bin)];
      let expect = 0;
      const m = rows(a, keep, active.length);
      for (let i = Math.floor(m / 3); i < m; i++) expect += quantized ? a.q[a.idx[i]] : a.gh[2 * a.idx[i]];
      assert.ok(Math.abs(total - expect) <= 1e-9 * Math.max(1, Math.abs(expect)), `${total} vs ${expect}`);
    }
  });
}

test('partition: WebAssembly equals JavaScript, and two threads\' chunks placed in order equal one thread (stable, left rows first)', () => {
  const X = data(4001, 5, 2);
  const [a, b] = pair(X, true);
  for (let f = 0; f < 5; f++) {
    const results = [a, b].flatMap((w) => {
      const m = rows(w, 0.6, f);
      const lut = new Uint8Array(256);
      for (let bin = 0; bin < 256; bin++) lut[bin] = (bin * 7 + f) % 3 === 0 ? 1 : 0;
      // two jobs: rows [5, 1500) by feature f, rows [1500, m) by feature (f + 1) % 5
      const setJobs = (): void => { w.jobs.set([5, 1500, f, 0, 1500, m, (f + 1) % 5, 0]); w.luts.set(lut, 0); w.luts.set(lut.map((v) => 1 - v), 256); };
      const before = w.idx.slice(0, m);
      setJobs();
      partitionJobsHere(w, 2);
      const one = { mids: [w.jobs[3], w.jobs[7]], idx: Array.from(w.idx.subarray(0, m)) };
      w.idx.set(before);
      setJobs();
      const lefts = new Int32Array(2 * 3);
      for (let part = 0; part < 3; part++) splitChunks(w, 2, lefts, part, 3);
      for (let part = 2; part >= 0; part--) placeChunks(w, 2, lefts, part, 3);
      const three = { mids: [w.jobs[3], w.jobs[7]], idx: Array.from(w.idx.subarray(0, m)) };
      assert.deepEqual(three, one);
      return [one];
    });
    assert.deepEqual(results[0], results[1]);
    const { mids, idx } = results[0];
    assert.equal(mids[0] > 5 && mids[0] < 1500, true);
    for (let i = 5; i < 1500; i++) assert.equal(((a.colBins[f * a.n + idx[i]] * 7 + f) % 3 === 0), i < mids[0]);
    for (const [s0, m0, e0] of [[5, mids[0], 1500], [1500, mids[1], idx.length]]) {
      for (let i = s0 + 1; i < m0; i++) assert.ok(idx[i] > idx[i - 1]);
      for (let i = m0 + 1; i < e0; i++) assert.ok(idx[i] > idx[i - 1]);
    }
  }
});

test('logloss gradients: WebAssembly (f64x2) equals the JavaScript sequence bit for bit, and both match Math.exp', () => {
  const X = data(1001, 2, 3);
  const [a, b] = pair(X, true);
  const rng = new Rng(12);
  const special = [0, -0, 1e-300, -1e-300, 0.5 * Math.LN2, -0.5 * Math.LN2, 700, -700, 701, -701, 1e6, -1e6, 36.7, -36.7];
  for (let i = 0; i < X.nRows; i++) {
    const s = i < special.length ? special[i] : rng.normal() * (i % 7 === 0 ? 40 : 3);
    for (const w of [a, b]) { w.scores[i] = s; w.y[i] = i % 3 === 0 ? 1 : 0; }
  }
  const obj = makeObjective({ task: 'binary', nClasses: 2, loss: 'l2', huberDelta: 1 });
  const ra = gradientsWithRange(obj, a, 0, 0, X.nRows); // odd row count: the last row runs alone
  const rb = gradientsWithRange(obj, b, 0, 0, X.nRows);
  assert.deepEqual(a.gh, b.gh);
  assert.deepEqual(ra, rb);
  for (let i = 0; i < X.nRows; i++) {
    const s = Math.max(-700, Math.min(700, a.scores[i]));
    const p = 1 / (1 + Math.exp(-s));
    assert.ok(Math.abs(a.gh[2 * i] - (p - a.y[i])) <= 1e-15, `g at ${i} (s=${s})`);
    assert.ok(Math.abs(a.gh[2 * i + 1] - Math.max(p * (1 - p), 1e-16)) <= 1e-15, `h at ${i} (s=${s})`);
  }
});

test('expClamped is within 5e-16 of Math.exp over [-700, 700]', () => {
  const rng = new Rng(13);
  let worst = 0;
  for (let i = 0; i < 200_000; i++) {
    const x = i < 1000 ? -700 + 1.4 * i : (rng.float() - 0.5) * 1400 / (1 + rng.int(1000));
    worst = Math.max(worst, Math.abs(expClamped(x) / Math.exp(x) - 1));
  }
  assert.ok(worst <= 5e-16, `worst relative error ${worst}`);
});

test('leaf sums, score updates and gradient quantization: WebAssembly equals JavaScript bit for bit', () => {
  const X = data(3001, 2, 4);
  const [a, b] = pair(X, true);
  for (const w of [a, b]) {
    const m = rows(w, 0.8, 1);
    const cuts = [0, 7, 900, 901, m];
    for (let j = 0; j < 4; j++) { w.leafStart[j] = cuts[j]; w.leafEnd[j] = cuts[j + 1]; w.leafValue[j] = 0.1 * (j - 1.5); }
    w.scores.fill(0.25);
    sumLeaves(w, 4, 0, 1);
    addLeafValues(w, 4, 0, 0, m);
    addLeafValues(w, 4, 0, 5, 950); // a partial range, as one thread's chunk
    w.qinfo.set([2 ** 26, 32, 32, 2.5, 0.25, 12345]);
    quantizeRows(w, 3, X.nRows - 2);
  }
  assert.deepEqual(a.leafSums.subarray(0, 8), b.leafSums.subarray(0, 8));
  assert.deepEqual(a.scores, b.scores);
  assert.deepEqual(a.q, b.q);
  let G = 0;
  for (let i = 7; i < 900; i++) G += a.gh[2 * a.idx[i]];
  assert.equal(a.leafSums[2], G);
  assert.equal(a.scores[a.idx[0]], 0.25 + a.leafValue[0]);
  assert.equal(a.scores[a.idx[10]], 0.25 + a.leafValue[1] + a.leafValue[1]);
  assert.ok(a.q[5] !== 0 && Number.isInteger(a.q[5]));
});
