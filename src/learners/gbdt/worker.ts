// Pool worker: waits on the shared control block and runs its share of each command (histogram features, row chunks).
import { parentPort } from 'node:worker_threads';
import { buildJobs, CMD, CTRL, partitionJobs, type WorkerInit } from './pool.ts';
import { chunkRange } from './partition.ts';
import { makeObjective, type Objective } from './objective.ts';
import { runSplitJobs } from './split-jobs.ts';
import { gradientsWithRange, quantizeRows } from './quantize.ts';
import { addLeafValues, sumLeaves, viewsOf, type Workspace } from './workspace.ts';

function serve(init: WorkerInit): void {
  const w = viewsOf(init.shared, init.n, init.nFeatures, init.mapper, init.quantized, init.part);
  const obj = makeObjective(init.objective);
  const lefts = new Int32Array(init.lefts);
  const unpacked = new Float64Array(w.quantized ? w.slotSize : 0);
  const ctrl = new Int32Array(init.ctrl);
  let seen = Atomics.load(ctrl, CTRL.SEQ);
  parentPort?.postMessage('ready');
  for (;;) {
    Atomics.wait(ctrl, CTRL.SEQ, seen);
    const seq = Atomics.load(ctrl, CTRL.SEQ);
    if (seq === seen) continue;
    seen = seq;
    if (ctrl[CTRL.CMD] === CMD.EXIT) return;
    try {
      run(w, obj, ctrl, lefts, init, unpacked);
    } catch {
      Atomics.store(ctrl, CTRL.ERROR, 1);
    }
    if (Atomics.sub(ctrl, CTRL.PENDING, 1) === 1) Atomics.notify(ctrl, CTRL.PENDING);
  }
}

function run(w: Workspace, obj: Objective, ctrl: Int32Array, lefts: Int32Array, init: WorkerInit, unpacked: Float64Array): void {
  const { part, parts } = init;
  const start = ctrl[CTRL.START], end = ctrl[CTRL.END];
  const cmd = ctrl[CTRL.CMD];
  if (cmd === CMD.BUILD) {
    buildJobs(w, Int32Array.of(ctrl[CTRL.SLOT], start, end, 0), 1, ctrl[CTRL.NACTIVE], part, parts);
  } else if (cmd === CMD.SPLITS) {
    runSplitJobs(w, init.split, unpacked, ctrl[CTRL.SLOT], ctrl[CTRL.NACTIVE], part, parts);
  } else if (cmd === CMD.GRADIENTS) {
    const [s, e] = chunkRange(start, end, part, parts);
    new Float64Array(ctrl.buffer, 8 * CTRL.FRESULTS, 2 * parts).set(gradientsWithRange(obj, w, ctrl[CTRL.FEATURE], s, e), 2 * part);
  } else if (cmd === CMD.QUANTIZE) {
    const [s, e] = chunkRange(start, end, part, parts);
    quantizeRows(w, s, e);
  } else if (cmd === CMD.BUILD_BATCH) {
    buildJobs(w, w.jobs, ctrl[CTRL.SLOT], ctrl[CTRL.NACTIVE], part, parts);
  } else if (cmd === CMD.PARTITION_BATCH) {
    partitionJobs(w, ctrl, ctrl[CTRL.SLOT], lefts, part, parts);
  } else if (cmd === CMD.LEAFSUMS) {
    sumLeaves(w, ctrl[CTRL.SLOT], part, parts);
  } else if (cmd === CMD.LEAVES) {
    const [s, e] = chunkRange(start, end, part, parts);
    addLeafValues(w, ctrl[CTRL.SLOT], ctrl[CTRL.FEATURE], s, e);
  }
}

parentPort?.once('message', (init: WorkerInit) => serve(init));
parentPort?.postMessage('booted');
