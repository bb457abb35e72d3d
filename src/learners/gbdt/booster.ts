// The boosting loop: gradients → one tree per class per round → leaf values → scores, curves and early stopping.
import { Rng } from '../../util/rng.ts';
import type { FitContext, Matrix } from '../types.ts';
import { fitBinMapper } from './binning.ts';
import { growTree, slotsNeeded, type GrowerSetup, type GrownLeaf, type HistEngine } from './grower.ts';
import { buildHistogram } from './histogram.ts';
import { runSplitJobs } from './split-jobs.ts';
import { checkTargets, makeObjective, median, type Objective, type ObjectiveName, type ObjectiveSpec } from './objective.ts';
import type { GbdtConfig } from './params.ts';
import { partitionJobsHere } from './partition.ts';
import { gradientsWithRange, Q, quantizeRows, quantLevels } from './quantize.ts';
import { startWorkers } from './crew.ts';
import { openEngine, type EngineHandle } from './pool.ts';
import { addTree, treeValueAt, type Forest } from './predictor.ts';
import { leafOutput, type SplitParams } from './split.ts';
import { ForestBuilder } from './tree.ts';
import { addLeafValues, binInto, makeWorkspace, sumLeaves, type Workspace } from './workspace.ts';

export interface TrainResult {
  readonly forest: Forest;
  readonly objective: ObjectiveName;
  /** rounds kept (after early stopping) */
  readonly iterations: number;
}

export interface TrainOptions {
  /** fewer rows than this train on the calling thread only (workers do not pay off) */
  readonly parallelMinRows?: number;
  /** false: never grow level by level (tests compare it with best-first) */
  readonly levelWise?: boolean;
  /** 'js': the JavaScript row loops even when the WebAssembly ones could run (tests compare the two) */
  readonly kernels?: 'wasm' | 'js';
  /** when given, wall milliseconds per phase are added here (bench breakdowns) */
  readonly timings?: Record<string, number>;
}

/** Wrap an engine so each call's wall time is added to `t` under the phase name. */
function timedEngine(e: HistEngine, t: Record<string, number>): HistEngine {
  const time = <R>(name: string, f: () => R): R => {
    const t0 = performance.now();
    const r = f();
    t[name] = (t[name] ?? 0) + performance.now() - t0;
    return r;
  };
  return {
    build: (...a) => time('histogram', () => e.build(...a)),
    splits: (...a) => time('splits', () => e.splits(...a)),
    gradients: (...a) => time('gradients', () => e.gradients(...a)),
    quantize: () => time('quantize', () => e.quantize()),
    leafSums: (n) => time('leafSums', () => e.leafSums(n)),
    buildBatch: (...a) => time('histogram', () => e.buildBatch(...a)),
    partitionBatch: (n) => time('partition', () => e.partitionBatch(n)),
    addLeaves: (...a) => time('scores', () => e.addLeaves(...a)),
  };
}

export const PARALLEL_MIN_ROWS = 50_000;

/** Local engine: all work on the calling thread. */
export function localEngine(w: Workspace, obj: Objective, split: SplitParams): HistEngine {
  const unpacked = new Float64Array(w.quantized ? w.slotSize : 0);
  return {
    gradients: (k) => gradientsWithRange(obj, w, k, 0, w.n),
    quantize: () => quantizeRows(w, 0, w.n),
    leafSums: (nLeaves) => sumLeaves(w, nLeaves, 0, 1),
    buildBatch(nJobs, nActive) {
      for (let j = 0; j < nJobs; j++) buildHistogram(w, w.jobs[4 * j], w.jobs[4 * j + 1], w.jobs[4 * j + 2], 0, nActive);
    },
    partitionBatch: (nJobs) => partitionJobsHere(w, nJobs),
    addLeaves: (nLeaves, nRows, off) => addLeafValues(w, nLeaves, off, 0, nRows),
    build: (slot, start, end, nActive) => buildHistogram(w, slot, start, end, 0, nActive),
    splits: (nJobs, nActive) => runSplitJobs(w, split, unpacked, nJobs, nActive, 0, 1),
  };
}

export async function train(X: Matrix, y: Float64Array, ctx: FitContext, cfg: GbdtConfig, opts: TrainOptions = {}): Promise<TrainResult> {
  checkTargets(ctx.task, ctx.nClasses, y);
  const spec: ObjectiveSpec = { task: ctx.task, nClasses: ctx.nClasses, loss: cfg.objective, huberDelta: cfg.huberDelta };
  const obj = makeObjective(spec);
  const t0 = performance.now();
  const parallel = cfg.threads > 1 && X.nRows >= (opts.parallelMinRows ?? PARALLEL_MIN_ROWS);
  const crew = parallel ? startWorkers(cfg.threads) : null;
  let handle: EngineHandle | null = null;
  try {
    const mapper = fitBinMapper(X, cfg.maxBin, ctx.seed);
    const w = makeWorkspace(X, mapper, slotsNeeded(cfg.numLeaves, cfg.maxDepth), obj.nClasses, cfg.numLeaves, cfg.quantizedGradients, parallel ? cfg.threads : 1, opts.kernels);
    w.y.set(y);
    handle = crew ? await openEngine(crew, w, spec, obj, cfg) : { engine: localEngine(w, obj, cfg), binAll: (cols) => binInto(w, cols), close: async () => {} };
    handle.binAll(X.columns);
    const t = opts.timings;
    if (t) t.binning = (t.binning ?? 0) + performance.now() - t0;
    const t1 = performance.now();
    const result = boost(X, y, ctx, cfg, obj, w, t ? timedEngine(handle.engine, t) : handle.engine, opts.levelWise ?? true);
    if (t) t.boosting = (t.boosting ?? 0) + performance.now() - t1;
    return result;
  } finally {
    if (handle) await handle.close();
    else await crew?.close();
  }
}

interface BoostState {
  readonly scores: Float64Array;
  readonly valid: Float64Array | null;
  readonly bag: Uint32Array;
  nBag: number;
  readonly oob: Uint32Array;
  nOob: number;
}

function boost(X: Matrix, y: Float64Array, ctx: FitContext, cfg: GbdtConfig, obj: Objective, w: Workspace, engine: HistEngine, levelWise: boolean): TrainResult {
  const n = X.nRows, K = obj.nClasses, F = X.columns.length;
  const base = obj.baseScores(y);
  const V = ctx.validation;
  for (let k = 0; k < K; k++) w.scores.fill(base[k], k * n, (k + 1) * n);
  const st: BoostState = {
    scores: w.scores, valid: V ? repeatBase(base, V.X.nRows) : null,
    bag: identity(n), nBag: n, oob: new Uint32Array(cfg.baggingFreq > 0 ? n : 0), nOob: 0,
  };
  const rng = new Rng(ctx.seed);
  const bagRng = rng.fork(1), featRng = rng.fork(2);
  const forest = new ForestBuilder();
  const catLevels = Int32Array.from(w.mapper.features, (f) => f.levels);
  const g: GrowerSetup = { w, layout: w.layout, mapper: w.mapper, split: cfg, numLeaves: cfg.numLeaves, maxDepth: cfg.maxDepth, engine, levelWise, unpacked: new Float64Array(w.quantized ? w.slotSize : 0) };
  let bestLoss = Infinity, bestRound = -1;
  for (let it = 0; it < cfg.rounds; it++) {
    if (cfg.baggingFreq > 0 && it % cfg.baggingFreq === 0) drawBag(st, n, cfg.baggingFraction, bagRng);
    const nActive = sampleFeatures(w.active, F, cfg.featureFraction, featRng);
    if (K > 1) w.roundScores.set(w.scores);
    for (let k = 0; k < K; k++) {
      const range = engine.gradients(k);
      if (w.quantized) quantizeGradients(w, engine, range, (rng.nextU32() ^ Math.imul(it + 1, 0x9e3779b1) ^ k) | 0);
      w.idx.set(st.bag.subarray(0, st.nBag));
      const leaves = growTree(g, st.nBag, nActive, forest);
      setLeaves(leaves, forest, w, st, y, k * n, obj, cfg, engine);
      engine.addLeaves(leaves.length, st.nBag, k * n);
      updateOutOfBag(forest, catLevels, X, st, k * n);
      if (V && st.valid) addTree(forest.lastTree(catLevels), 0, V.X, st.valid, k * V.X.nRows, 1);
    }
    if (ctx.onCurve) ctx.onCurve('train_loss', it + 1, obj.loss(st.scores, y));
    if (V && st.valid) {
      const vl = obj.loss(st.valid, V.y);
      ctx.onCurve?.('valid_loss', it + 1, vl);
      if (vl < bestLoss) { bestLoss = vl; bestRound = it; }
      if (cfg.earlyStoppingRounds > 0 && it - bestRound >= cfg.earlyStoppingRounds) break;
    }
    ctx.onProgress?.((it + 1) / cfg.rounds, `round ${it + 1}/${cfg.rounds}`);
  }
  if (V && cfg.earlyStoppingRounds > 0 && bestRound >= 0) forest.truncate((bestRound + 1) * K);
  return { forest: forest.build(base, catLevels), objective: obj.name, iterations: forest.nTrees / K };
}

function repeatBase(base: Float64Array, n: number): Float64Array {
  const s = new Float64Array(base.length * n);
  for (let k = 0; k < base.length; k++) s.fill(base[k], k * n, (k + 1) * n);
  return s;
}

function identity(n: number): Uint32Array {
  const a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** Seeded Bernoulli row sample: in-bag rows (ascending) and out-of-bag rows. */
function drawBag(st: BoostState, n: number, fraction: number, rng: Rng): void {
  st.nBag = 0; st.nOob = 0;
  for (let i = 0; i < n; i++) {
    if (rng.float() < fraction) st.bag[st.nBag++] = i; else st.oob[st.nOob++] = i;
  }
  if (st.nBag === 0) { st.bag[0] = st.oob[--st.nOob]; st.nBag = 1; }
}

/** Seeded feature sample for one tree into active[0..m), ascending; returns m. */
function sampleFeatures(active: Int32Array, F: number, fraction: number, rng: Rng): number {
  for (let f = 0; f < F; f++) active[f] = f;
  if (fraction >= 1) return F;
  const m = Math.max(1, Math.round(F * fraction));
  for (let i = 0; i < m; i++) {
    const j = i + rng.int(F - i);
    const t = active[i]; active[i] = active[j]; active[j] = t;
  }
  active.subarray(0, m).sort();
  return m;
}

/** Leaf values (learning rate applied; L1 refits to the median residual), staged in the workspace for the score update. */
function setLeaves(leaves: GrownLeaf[], forest: ForestBuilder, w: Workspace, st: BoostState, y: Float64Array, off: number, obj: Objective, cfg: GbdtConfig, engine: HistEngine): void {
  leaves.forEach((leaf, j) => { w.leafStart[j] = leaf.start; w.leafEnd[j] = leaf.end; });
  if (w.quantized) engine.leafSums(leaves.length);
  leaves.forEach((leaf, j) => {
    const [G, H] = w.quantized ? [w.leafSums[2 * j], w.leafSums[2 * j + 1]] : [leaf.G, leaf.H];
    let out = leafOutput(G, H, cfg.lambdaL1, cfg.lambdaL2, leaf.lo, leaf.hi);
    if (obj.renewLeaves) out = Math.min(leaf.hi, Math.max(leaf.lo, medianResidual(w.idx, leaf.start, leaf.end, y, st.scores, off)));
    const v = cfg.learningRate * out;
    forest.setLeaf(leaf.node, v);
    w.leafValue[j] = v;
  });
}

/** Set this tree's quantization scale and pack every row's gradients. */
function quantizeGradients(w: Workspace, engine: HistEngine, [gm, hm]: [number, number], seed: number): void {
  const { Qg, Qh, M } = quantLevels(w.n);
  w.qinfo[Q.M] = M; w.qinfo[Q.QG] = Qg; w.qinfo[Q.QH] = Qh; w.qinfo[Q.GMAX] = gm; w.qinfo[Q.HMAX] = hm; w.qinfo[Q.SEED] = seed;
  engine.quantize();
}

function medianResidual(idx: Uint32Array, start: number, end: number, y: Float64Array, s: Float64Array, off: number): number {
  const r = new Float64Array(end - start);
  for (let i = start; i < end; i++) r[i - start] = y[idx[i]] - s[off + idx[i]];
  return median(r);
}

/** Rows left out of the bag get the new tree's value by walking it on their raw features. */
function updateOutOfBag(forest: ForestBuilder, catLevels: Int32Array, X: Matrix, st: BoostState, off: number): void {
  if (st.nOob === 0) return;
  const tree = forest.lastTree(catLevels);
  const row = new Float64Array(X.columns.length);
  for (let j = 0; j < st.nOob; j++) {
    const i = st.oob[j];
    st.scores[off + i] += treeValueAt(tree, 0, X, i, row);
  }
}
