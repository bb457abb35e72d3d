// The bootstrap's WebAssembly kernels: the committed binary is the compiled source, and each kernel gives exactly what
// its JavaScript twin gives (draw counts and generator state; the AUC counting pass), and so does a whole evaluation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Rng } from '../../util/rng.ts';
import { compileWat } from '../../util/wat.ts';
import { evaluateSplitParallel, type ParallelEvalOptions } from '../parallel.ts';
import { countResample, resampleBuffers } from '../parallel-resample.ts';
import { rankIndex } from '../parallel-rank.ts';
import { countingAuc } from '../parallel-scorers.ts';
import { BLOCK_ROWS } from './constants.ts';
import { resampleModule, resampleWasmUrl } from './index.ts';
import { resampleWat } from './source.ts';

test('evaluate kernels.wasm is the compiled source.ts (run `npm run build:kernels` after editing the source)', async () => {
  assert.deepEqual(new Uint8Array(readFileSync(resampleWasmUrl())), await compileWat('kernels.wat', resampleWat()));
});

test('resample draws: WebAssembly counts equal the JavaScript counts for every block, and the stream continues the same', () => {
  const n = 3 * BLOCK_ROWS + 123;
  const buf = resampleBuffers(n, resampleModule());
  assert.ok(buf.kernels !== null);
  const js = new Uint8Array(n), words = new Uint32Array(BLOCK_ROWS);
  for (const [seed, b] of [[1, 0], [7, 3], [123456, 999]]) {
    const okWasm = countResample(seed, b, n, buf.counts, buf.words, buf.kernels);
    const okJs = countResample(seed, b, n, js, words);
    assert.equal(okWasm, okJs);
    assert.deepEqual(buf.counts, js);
    assert.equal(js.reduce((s, c) => s + c, 0), n);
  }
  // the generator state round-trips through the kernel: the next words agree
  const a = new Rng(5), b = new Rng(5);
  const k = buf.kernels!;
  a.saveState(k.state);
  k.exports.count_full(k.state.byteOffset, 1000, k.counts.byteOffset);
  a.loadState(k.state);
  b.fillU32(new Uint32Array(1000));
  assert.equal(a.nextU32(), b.nextU32());
});

test('counting AUC without ties: WebAssembly pass equals the JavaScript pass on many resamples', () => {
  const n = 2 * BLOCK_ROWS + 777;
  const rng = new Rng(3);
  const y = Float64Array.from({ length: n }, () => (rng.float() < 0.3 ? 1 : 0));
  const pred = Float64Array.from({ length: n }, (_, i) => i / n); // sorted, distinct
  const rank = rankIndex(y, pred);
  assert.equal(rank.ties, false);
  const buf = resampleBuffers(n, resampleModule());
  const wasmAuc = countingAuc(rank, buf.kernels), jsAuc = countingAuc(rank);
  const copy = new Uint8Array(n);
  for (let b = 0; b < 25; b++) {
    countResample(9, b, n, buf.counts, buf.words, buf.kernels);
    copy.set(buf.counts);
    const w = wasmAuc(buf.counts, () => new Int32Array(0)), j = jsAuc(copy, () => new Int32Array(0));
    assert.equal(w, j);
    assert.ok(w > 0.3 && w < 0.7, `${w}`);
  }
});

test('a whole evaluation: the bootstrap kernels give the same record as the JavaScript loops', async () => {
  const n = 30_000;
  const rng = new Rng(21);
  const y = Float64Array.from({ length: n }, () => (rng.float() < 0.35 ? 1 : 0));
  const pred = Float64Array.from(y, (v) => 1 / (1 + Math.exp(-(1.2 * v - 0.6 + rng.normal()))));
  const data = { y, pred, rows: Int32Array.from({ length: n }, (_, i) => i) };
  const opts: ParallelEvalOptions = { task: 'binary', nClasses: 2, slices: [], minSliceRows: 30, bootstrap: 120, seed: 4, ciMetrics: ['auc'], ciAllMetrics: true, threads: 2 };
  const wasm = await evaluateSplitParallel(data, opts);
  const js = await evaluateSplitParallel(data, { ...opts, kernels: 'js' });
  assert.deepEqual(wasm, js);
  assert.ok(wasm.ci.auc.high > wasm.ci.auc.low);
});
