// Histogram worker: waits on the shared control block and builds its share of the active features for each node.
import { parentPort } from 'node:worker_threads';
import { buildHistogram } from './histogram.ts';
import { CMD, CTRL, partRange, type WorkerInit } from './pool.ts';
import { viewsOf } from './workspace.ts';

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
      const [k0, k1] = partRange(ctrl[CTRL.NACTIVE], init.part, init.parts);
      buildHistogram(w, ctrl[CTRL.SLOT], ctrl[CTRL.START], ctrl[CTRL.END], k0, k1);
    } catch {
      Atomics.store(ctrl, CTRL.ERROR, 1);
    }
    if (Atomics.sub(ctrl, CTRL.PENDING, 1) === 1) Atomics.notify(ctrl, CTRL.PENDING);
  }
}

parentPort?.once('message', (init: WorkerInit) => serve(init));
