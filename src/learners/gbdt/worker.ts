// Pool worker: waits on the shared control block and runs its share of each command (histogram features, partition chunk).
import { parentPort } from 'node:worker_threads';
import { buildHistogram } from './histogram.ts';
import { CMD, CTRL, partRange, type WorkerInit } from './pool.ts';
import { chunkRange, partitionChunk } from './partition.ts';
import { viewsOf, type Workspace } from './workspace.ts';

function serve(init: WorkerInit): void {
  const w = viewsOf(init.shared, init.n, init.nFeatures, init.mapper);
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
      run(w, ctrl, init.part, init.parts);
    } catch {
      Atomics.store(ctrl, CTRL.ERROR, 1);
    }
    if (Atomics.sub(ctrl, CTRL.PENDING, 1) === 1) Atomics.notify(ctrl, CTRL.PENDING);
  }
}

function run(w: Workspace, ctrl: Int32Array, part: number, parts: number): void {
  const start = ctrl[CTRL.START], end = ctrl[CTRL.END];
  if (ctrl[CTRL.CMD] === CMD.BUILD) {
    const [k0, k1] = partRange(ctrl[CTRL.NACTIVE], part, parts);
    buildHistogram(w, ctrl[CTRL.SLOT], start, end, k0, k1);
  } else if (ctrl[CTRL.CMD] === CMD.PARTITION) {
    const [s, e] = chunkRange(start, end, part, parts);
    ctrl[CTRL.LEFTS + part] = partitionChunk(w, s, e, ctrl[CTRL.FEATURE]);
  }
}

parentPort?.once('message', (init: WorkerInit) => serve(init));
