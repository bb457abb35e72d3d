// Worker-thread pool over the shared workspace: histograms split by rows (quantized) or by feature, split finding by
// node, partitions, gradients and score updates by row chunk; commands and barriers through Atomics.
import type { Worker } from 'node:worker_threads';
import type { Crew } from './crew.ts';
import type { HistEngine } from './grower.ts';
import { buildHistogram, buildSegment, jobRows, mergeSegments } from './histogram.ts';
import { runSplitJobs, splitParamsOf } from './split-jobs.ts';
import type { SplitParams } from './split.ts';
import { chunkRange, partitionJobsHere, placeChunks, splitChunks } from './partition.ts';
import type { Objective, ObjectiveSpec } from './objective.ts';
import { gradientsWithRange, quantizeRows } from './quantize.ts';
import { addLeafValues, binInto, sumLeaves, type Workspace } from './workspace.ts';

/**
 * Control block layout (Int32Array over a SharedArrayBuffer): command sequence, workers pending, command and its
 * arguments, error flag, the partition barrier; FRESULTS is a Float64 index (per-thread [max |g|, max h]) into it.
 */
export const CTRL = { SEQ: 0, PENDING: 1, CMD: 2, SLOT: 3, START: 4, END: 5, NACTIVE: 6, ERROR: 7, FEATURE: 8, BARRIER: 9, FRESULTS: 136, SIZE: 16 + 256 + 1024 } as const;
export const CMD = { BUILD: 1, SPLITS: 2, GRADIENTS: 3, LEAVES: 4, QUANTIZE: 5, LEAFSUMS: 6, BUILD_BATCH: 7, PARTITION_BATCH: 8, EXIT: 9 } as const;

/** Nodes with fewer rows are built/partitioned on the calling thread: waking workers costs more than it saves. */
export const MIN_PARALLEL_NODE_ROWS = 4096;
export const MIN_PARALLEL_PARTITION_ROWS = 32768;

export interface EngineHandle {
  readonly engine: HistEngine;
  binAll(columns: readonly Float64Array[]): void;
  close(): Promise<void>;
}

/** Message a worker receives once, at start. */
export interface WorkerInit {
  readonly shared: Workspace['shared'];
  readonly ctrl: SharedArrayBuffer;
  readonly n: number;
  readonly nFeatures: number;
  readonly mapper: Workspace['mapper'];
  readonly part: number;
  readonly parts: number;
  readonly objective: ObjectiveSpec;
  readonly quantized: boolean;
  /** left-row counts of batched partitions: job j, part p at j*parts+p */
  readonly lefts: SharedArrayBuffer;
  readonly split: SplitParams;
}

/** Active features [k0, k1) of part p out of `parts` (contiguous, equal counts). */
export function partRange(nActive: number, p: number, parts: number): [number, number] {
  return [Math.floor((p * nActive) / parts), Math.floor(((p + 1) * nActive) / parts)];
}

/** Hand the workspace to the crew's workers; returns the engine that runs commands on them. */
export async function openEngine(crew: Crew, w: Workspace, spec: ObjectiveSpec, obj: Objective, splitParams: SplitParams): Promise<EngineHandle> {
  const split = splitParamsOf(splitParams);
  const threads = crew.workers.length + 1;
  const ctrlBuf = new SharedArrayBuffer(4 * CTRL.SIZE);
  const ctrl = new Int32Array(ctrlBuf);
  const leftsBuf = new SharedArrayBuffer(4 * w.leafStart.length * threads);
  await crew.booted;
  await Promise.all(crew.workers.map((worker, i) => {
    const done = reply(worker);
    const init: WorkerInit = { shared: w.shared, ctrl: ctrlBuf, n: w.n, nFeatures: w.nFeatures, mapper: w.mapper, part: i + 1, parts: threads, objective: spec, quantized: w.quantized, lefts: leftsBuf, split };
    worker.postMessage(init);
    return done;
  }));
  return {
    engine: poolEngine(w, ctrl, crew.workers.length, obj, new Int32Array(leftsBuf), split),
    binAll: (columns) => binInto(w, columns),
    close: async () => {
      ctrl[CTRL.CMD] = CMD.EXIT;
      Atomics.add(ctrl, CTRL.SEQ, 1);
      Atomics.notify(ctrl, CTRL.SEQ);
      await crew.close();
    },
  };
}

/** The engine over running workers: each call dispatches, does part 0 here, waits for the rest. */
function poolEngine(w: Workspace, ctrl: Int32Array, nWorkers: number, obj: Objective, lefts: Int32Array, split: SplitParams): HistEngine {
  const threads = nWorkers + 1;
  const unpacked = new Float64Array(w.quantized ? w.slotSize : 0);
  return {
    buildBatch(nJobs, nActive) {
      if (jobRows(w.jobs, nJobs) < MIN_PARALLEL_NODE_ROWS) { buildJobs(w, w.jobs, nJobs, nActive, 0, 1); return; }
      dispatch(ctrl, nWorkers, CMD.BUILD_BATCH, [nJobs, 0, 0, nActive, 0]);
      buildJobs(w, w.jobs, nJobs, nActive, 0, threads);
      awaitWorkers(ctrl);
      if (w.quantized) mergeSegments(w, w.jobs, nJobs, nActive, threads);
    },
    partitionBatch(nJobs) {
      let rows = 0;
      for (let j = 0; j < nJobs; j++) rows += w.jobs[4 * j + 1] - w.jobs[4 * j];
      if (rows < MIN_PARALLEL_PARTITION_ROWS) { partitionJobsHere(w, nJobs); return; }
      ctrl[CTRL.BARRIER] = 0;
      dispatch(ctrl, nWorkers, CMD.PARTITION_BATCH, [nJobs, 0, 0, 0, 0]);
      partitionJobs(w, ctrl, nJobs, lefts, 0, threads);
      awaitWorkers(ctrl);
    },
    build(slot, start, end, nActive) {
      if (end - start < MIN_PARALLEL_NODE_ROWS) { buildHistogram(w, slot, start, end, 0, nActive); return; }
      dispatch(ctrl, nWorkers, CMD.BUILD, [slot, start, end, nActive, 0]);
      const job = Int32Array.of(slot, start, end, 0);
      buildJobs(w, job, 1, nActive, 0, threads);
      awaitWorkers(ctrl);
      if (w.quantized) mergeSegments(w, job, 1, nActive, threads);
    },
    splits(nJobs, nActive) {
      if (nJobs < threads) { runSplitJobs(w, split, unpacked, nJobs, nActive, 0, 1); return; }
      dispatch(ctrl, nWorkers, CMD.SPLITS, [nJobs, 0, 0, nActive, 0]);
      runSplitJobs(w, split, unpacked, nJobs, nActive, 0, threads);
      awaitWorkers(ctrl);
    },
    gradients(k) {
      dispatch(ctrl, nWorkers, CMD.GRADIENTS, [0, 0, w.n, 0, k]);
      const [s0, e0] = chunkRange(0, w.n, 0, threads);
      const res = new Float64Array(ctrl.buffer, 8 * CTRL.FRESULTS, 2 * threads);
      res.set(gradientsWithRange(obj, w, k, s0, e0), 0);
      awaitWorkers(ctrl);
      let gm = 0, hm = 0;
      for (let p = 0; p < threads; p++) { gm = Math.max(gm, res[2 * p]); hm = Math.max(hm, res[2 * p + 1]); }
      return [gm, hm];
    },
    quantize() {
      dispatch(ctrl, nWorkers, CMD.QUANTIZE, [0, 0, w.n, 0, 0]);
      const [s0, e0] = chunkRange(0, w.n, 0, threads);
      quantizeRows(w, s0, e0);
      awaitWorkers(ctrl);
    },
    leafSums(nLeaves) {
      dispatch(ctrl, nWorkers, CMD.LEAFSUMS, [nLeaves, 0, 0, 0, 0]);
      sumLeaves(w, nLeaves, 0, threads);
      awaitWorkers(ctrl);
    },
    addLeaves(nLeaves, nRows, off) {
      dispatch(ctrl, nWorkers, CMD.LEAVES, [nLeaves, 0, nRows, 0, off]);
      const [s0, e0] = chunkRange(0, nRows, 0, threads);
      addLeafValues(w, nLeaves, off, s0, e0);
      awaitWorkers(ctrl);
    },
  };
}

/**
 * This thread's share of a histogram build over jobs (slot, start, end = jobs[4j..4j+2]): quantized, a segment of the
 * jobs' rows with every feature (see buildSegment; the caller merges); otherwise its features of every job, so each
 * floating-point sum keeps one order whatever the thread count.
 */
export function buildJobs(w: Workspace, jobs: Int32Array, nJobs: number, nActive: number, part: number, parts: number): void {
  if (w.quantized) { buildSegment(w, jobs, nJobs, nActive, part, parts); return; }
  const [k0, k1] = partRange(nActive, part, parts);
  for (let j = 0; j < nJobs; j++) buildHistogram(w, jobs[4 * j], jobs[4 * j + 1], jobs[4 * j + 2], k0, k1);
}

/** This thread's share of a batched partition: split its row chunk of every job, wait for every thread, place its rows. */
export function partitionJobs(w: Workspace, ctrl: Int32Array, nJobs: number, lefts: Int32Array, part: number, parts: number): void {
  splitChunks(w, nJobs, lefts, part, parts);
  barrier(ctrl, parts);
  placeChunks(w, nJobs, lefts, part, parts);
}

/** Wait until all `parts` threads have arrived (ctrl[BARRIER] is reset before the command); gives up if a thread failed. */
function barrier(ctrl: Int32Array, parts: number): void {
  if (Atomics.add(ctrl, CTRL.BARRIER, 1) + 1 === parts) { Atomics.notify(ctrl, CTRL.BARRIER); return; }
  for (;;) {
    const v = Atomics.load(ctrl, CTRL.BARRIER);
    if (v >= parts) return;
    if (Atomics.load(ctrl, CTRL.ERROR) !== 0) throw new Error('gbdt: a worker failed during a partition');
    Atomics.wait(ctrl, CTRL.BARRIER, v, 1000);
  }
}

/** The worker's next message (it says 'booted' once loaded, 'ready' once it holds the workspace), or its error. */
export function reply(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error): void => { worker.off('message', onMessage); reject(e); };
    const onMessage = (): void => { worker.off('error', onError); resolve(); };
    worker.once('message', onMessage);
    worker.once('error', onError);
  });
}

function dispatch(ctrl: Int32Array, nWorkers: number, cmd: number, args: [number, number, number, number, number]): void {
  ctrl[CTRL.CMD] = cmd;
  ctrl[CTRL.SLOT] = args[0]; ctrl[CTRL.START] = args[1]; ctrl[CTRL.END] = args[2]; ctrl[CTRL.NACTIVE] = args[3]; ctrl[CTRL.FEATURE] = args[4];
  Atomics.store(ctrl, CTRL.PENDING, nWorkers);
  Atomics.add(ctrl, CTRL.SEQ, 1);
  Atomics.notify(ctrl, CTRL.SEQ);
}

function awaitWorkers(ctrl: Int32Array): void {
  for (;;) {
    const v = Atomics.load(ctrl, CTRL.PENDING);
    if (v === 0) break;
    Atomics.wait(ctrl, CTRL.PENDING, v, 1000);
  }
  if (Atomics.load(ctrl, CTRL.ERROR) !== 0) throw new Error('gbdt: a histogram worker failed; rerun with threads: 1 to see the error');
}
