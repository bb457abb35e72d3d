// End-to-end behaviour of the gbdt learner on small hand-made data: routing, categoricals, monotonicity, determinism, JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../util/rng.ts';
import { resolveParams } from '../params.ts';
import type { FitContext, Matrix, Params } from '../types.ts';
import { fitGbdt, gbdt } from './index.ts';

const P = (given: Record<string, unknown> = {}): Params => resolveParams('gbdt', gbdt.params, { threads: 1, ...given }, 'gbdt');
const binary: FitContext = { task: 'binary', nClasses: 2, seed: 7 };
const num = (name: string) => ({ name, kind: 'numeric' as const });

function noisy(n: number, F: number, seed: number): { X: Matrix; y: Float64Array } {
  const rng = new Rng(seed);
  const cols = Array.from({ length: F }, () => Float64Array.from({ length: n }, () => rng.normal()));
  for (let i = 0; i < n; i += 17) cols[1 % F][i] = NaN;
  const y = Float64Array.from({ length: n }, (_, i) => (cols[0][i] + 0.5 * (cols[1 % F][i] || 0) + rng.normal() > 0 ? 1 : 0));
  return { X: { nRows: n, features: cols.map((_, j) => num(`f${j}`)), columns: cols }, y };
}

test('missing values are routed by the learned default direction', async () => {
  // x <= 0 → 0, x > 0 → 1, x missing → 1: the NaN rows must follow the positive side
  const n = 300;
  const x = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? NaN : (i % 2 ? 1 : -1) * (1 + (i % 7))));
  const y = Float64Array.from(x, (v) => (v !== v || v > 0 ? 1 : 0));
  const m = await gbdt.fit({ nRows: n, features: [num('x')], columns: [x] }, y, binary, P({ rounds: 20, minDataInLeaf: 5 }));
  const p = m.predict({ nRows: 3, features: [num('x')], columns: [Float64Array.of(NaN, -3, 3)] });
  assert.ok(p[0] > 0.9, `NaN row p=${p[0]}`);
  assert.ok(p[1] < 0.1 && p[2] > 0.9);
});

test('categorical split: a non-contiguous set of codes is separated in one tree', async () => {
  const n = 400, levels = 8;
  const c = Float64Array.from({ length: n }, (_, i) => i % levels);
  const y = Float64Array.from(c, (v) => ([1, 3, 6].includes(v) ? 1 : 0));
  const X: Matrix = { nRows: n, features: [{ name: 'c', kind: 'categorical', levels }], columns: [c] };
  const m = await gbdt.fit(X, y, binary, P({ rounds: 1, numLeaves: 2, learningRate: 1, minDataInLeaf: 1, catSmooth: 1, catL2: 0 }));
  const p = m.predict({ nRows: levels, features: X.features, columns: [Float64Array.from({ length: levels }, (_, i) => i)] });
  for (let k = 0; k < levels; k++) assert.equal(p[k] > 0.5, [1, 3, 6].includes(k), `code ${k}: p=${p[k]}`);
  assert.equal(m.importance?.().split.c, 1);
});

test('monotone constraint: predictions never decrease in the constrained feature', async () => {
  const rng = new Rng(3);
  const n = 2000;
  const x = Float64Array.from({ length: n }, () => rng.float() * 10);
  const z = Float64Array.from({ length: n }, () => rng.normal());
  const y = Float64Array.from(x, (v, i) => Math.sin(v) + 0.3 * z[i] + 0.5 * rng.normal());
  const X: Matrix = { nRows: n, features: [num('x'), num('z')], columns: [x, z] };
  const ctx: FitContext = { task: 'regression', nClasses: 1, seed: 1 };
  const free = await gbdt.fit(X, y, ctx, P({ rounds: 50 }));
  const mono = await gbdt.fit(X, y, ctx, P({ rounds: 50, monotone: { x: 1 } }));
  const grid = Float64Array.from({ length: 200 }, (_, i) => i * 0.05);
  for (const zv of [-1, 0, 1]) {
    const G: Matrix = { nRows: 200, features: X.features, columns: [grid, new Float64Array(200).fill(zv)] };
    const pm = mono.predict(G), pf = free.predict(G);
    for (let i = 1; i < 200; i++) assert.ok(pm[i] >= pm[i - 1], `monotone broken at x=${grid[i]}`);
    assert.ok(pf.some((v, i) => i > 0 && v < pf[i - 1]), 'the unconstrained model follows sin(x) down somewhere');
  }
});

test('monotone names must be features', async () => {
  const { X, y } = noisy(100, 2, 1);
  await assert.rejects(gbdt.fit(X, y, binary, P({ monotone: { f9: 1 } })), /monotone\.f9.*Known: f0, f1/);
  await assert.rejects(gbdt.fit(X, y, binary, P({ monotone: { f0: 2 } })), /must be -1, 0 or 1/);
});

test('same seed → identical model; JSON round trip predicts bit-identically, predictRow matches predict', async () => {
  const { X, y } = noisy(500, 4, 2);
  const p = P({ rounds: 30, featureFraction: 0.7, baggingFraction: 0.8, baggingFreq: 1 });
  const a = await gbdt.fit(X, y, binary, p);
  const b = await gbdt.fit(X, y, binary, p);
  assert.deepEqual(a.toJSON(), b.toJSON());
  const json = JSON.parse(JSON.stringify(a.toJSON()));
  const c = gbdt.load(json);
  const pa = a.predict(X), pc = c.predict(X);
  assert.deepEqual(pa, pc);
  const row = new Float64Array(4), out = new Float64Array(1);
  for (let i = 0; i < 50; i++) {
    for (let j = 0; j < 4; j++) row[j] = X.columns[j][i];
    c.predictRow(row, out);
    assert.equal(out[0], pa[i]);
  }
});

test('worker threads build the same model as one thread', async () => {
  const { X, y } = noisy(40000, 6, 4);
  const p1 = P({ rounds: 8, numLeaves: 15, threads: 1 });
  const p2 = P({ rounds: 8, numLeaves: 15, threads: 2 });
  const one = await fitGbdt(X, y, binary, p1, { parallelMinRows: 0 });
  const two = await fitGbdt(X, y, { ...binary, threads: 2 }, p2, { parallelMinRows: 0 });
  assert.deepEqual((two.toJSON().state as { forest: unknown }).forest, (one.toJSON().state as { forest: unknown }).forest);
  const y3 = Float64Array.from(X.columns[0], (v) => (v < -0.5 ? 0 : v < 0.5 ? 1 : 2));
  const multi: FitContext = { task: 'multiclass', nClasses: 3, seed: 1 };
  const m1 = await fitGbdt(X, y3, multi, P({ rounds: 3, numLeaves: 7, baggingFraction: 0.7, baggingFreq: 1 }), { parallelMinRows: 0 });
  const m2 = await fitGbdt(X, y3, { ...multi, threads: 2 }, P({ rounds: 3, numLeaves: 7, baggingFraction: 0.7, baggingFreq: 1 }), { parallelMinRows: 0 });
  assert.deepEqual(m2.toJSON().state, m1.toJSON().state);
});

test('the JavaScript row loops build the same model as the WebAssembly kernels, packed or not, on one or two threads', async () => {
  const { X, y } = noisy(30000, 7, 5);
  for (const quantizedGradients of [true, false]) {
    const p = (threads: number): Params => P({ rounds: 6, numLeaves: 12, featureFraction: 0.6, quantizedGradients, threads });
    const forest = async (threads: number, kernels: 'wasm' | 'js'): Promise<unknown> =>
      ((await fitGbdt(X, y, { ...binary, threads }, p(threads), { parallelMinRows: 0, kernels })).toJSON().state as { forest: unknown }).forest;
    const reference = await forest(1, 'js');
    assert.deepEqual(await forest(1, 'wasm'), reference);
    assert.deepEqual(await forest(2, 'wasm'), reference);
    assert.deepEqual(await forest(2, 'js'), reference);
  }
});

test('level-by-level growth (numLeaves >= 2^maxDepth) predicts exactly like best-first, on one or two threads', async () => {
  const { X, y } = noisy(40000, 5, 11);
  const p = P({ rounds: 4, numLeaves: 16, maxDepth: 4, minDataInLeaf: 5 });
  const best = await fitGbdt(X, y, binary, p, { levelWise: false });
  const levels = await fitGbdt(X, y, binary, p);
  const levels2 = await fitGbdt(X, y, { ...binary, threads: 2 }, P({ rounds: 4, numLeaves: 16, maxDepth: 4, minDataInLeaf: 5, threads: 2 }), { parallelMinRows: 0 });
  const pb = best.predict(X);
  assert.deepEqual(levels.predict(X), pb);
  assert.deepEqual(levels2.predict(X), pb);
});

test('early stopping on the validation set keeps the best round and records curves', async () => {
  const { X, y } = noisy(600, 3, 5);
  const V = noisy(300, 3, 6);
  const curves: Record<string, number[]> = {};
  const ctx: FitContext = { ...binary, validation: { X: V.X, y: V.y }, onCurve: (c, _s, v) => { (curves[c] ??= []).push(v); } };
  const m = await gbdt.fit(X, y, ctx, P({ rounds: 500, learningRate: 0.3, numLeaves: 63, minDataInLeaf: 1, earlyStoppingRounds: 10 }));
  const valid = curves.valid_loss;
  assert.ok(valid.length < 500, 'stopped early');
  assert.equal(m.iterations, valid.indexOf(Math.min(...valid)) + 1);
  assert.ok(curves.train_loss[valid.length - 1] < curves.train_loss[0]);
});

test('multiclass probabilities sum to 1 and fit the classes', async () => {
  const rng = new Rng(9);
  const n = 600;
  const x = Float64Array.from({ length: n }, () => rng.float() * 3);
  const y = Float64Array.from(x, (v) => Math.floor(v));
  const m = await gbdt.fit({ nRows: n, features: [num('x')], columns: [x] }, y, { task: 'multiclass', nClasses: 3, seed: 0 }, P({ rounds: 30 }));
  const p = m.predict({ nRows: 3, features: [num('x')], columns: [Float64Array.of(0.5, 1.5, 2.5)] });
  for (let i = 0; i < 3; i++) {
    assert.ok(Math.abs(p[3 * i] + p[3 * i + 1] + p[3 * i + 2] - 1) < 1e-12);
    assert.ok(p[3 * i + i] > 0.9);
  }
});

test('regression objectives: L1 and Huber resist outliers that pull L2', async () => {
  const n = 400;
  const x = Float64Array.from({ length: n }, (_, i) => i / n);
  const y = Float64Array.from(x, (_, i) => (i % 10 === 0 ? 100 : 1));
  const X: Matrix = { nRows: n, features: [num('x')], columns: [x] };
  const ctx: FitContext = { task: 'regression', nClasses: 1, seed: 0 };
  const at = (m: { predict(X: Matrix): Float64Array }): number => m.predict({ nRows: 1, features: X.features, columns: [Float64Array.of(0.55)] })[0];
  const l2 = at(await gbdt.fit(X, y, ctx, P({ rounds: 50, objective: 'l2' })));
  const l1 = at(await gbdt.fit(X, y, ctx, P({ rounds: 50, objective: 'l1' })));
  const hub = at(await gbdt.fit(X, y, ctx, P({ rounds: 200, objective: 'huber' })));
  assert.ok(l2 > 5, `l2 ${l2}`);
  assert.ok(Math.abs(l1 - 1) < 0.05, `l1 ${l1}`);
  assert.ok(hub < l2 && hub < 5, `huber ${hub}`);
});

test('importance reports gain and split counts for every feature', async () => {
  const { X, y } = noisy(500, 3, 8);
  const imp = (await gbdt.fit(X, y, binary, P({ rounds: 10 }))).importance?.();
  assert.ok(imp && imp.gain.f0 > imp.gain.f2 && imp.split.f0 > 0);
  assert.deepEqual(Object.keys(imp.split), ['f0', 'f1', 'f2']);
});
