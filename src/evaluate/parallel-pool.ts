// Worker threads for evaluateSplitParallel: start them on a job, wait until every unit is done (or one fails), terminate them.
import type { Worker } from 'node:worker_threads';
import { spawnTsWorker } from '../util/ts-worker.ts';
import { CTRL, unitCount, type Job } from './parallel-work.ts';
import type { WorkerReport } from './parallel-worker.ts';

export interface Pool {
  /** resolves when every unit of the job is done, whoever ran it; rejects when a worker fails */
  finished(): Promise<void>;
  /** stops every worker (also those still starting up) */
  terminate(): Promise<void>;
}


/** Rejects when a worker reports an error, throws, or exits before the job is done. */
function failureOf(workers: readonly Worker[]): Promise<never> {
  const failed = new Promise<never>((_, reject) => {
    for (const w of workers) {
      w.on('message', (m: WorkerReport) => { if (!m.ok) reject(new Error(`evaluate worker failed: ${m.error}`)); });
      w.on('error', reject);
    }
  });
  failed.catch(() => undefined); // observed through finished(); terminate() must not surface it
  return failed;
}

type WaitAsync = (a: Int32Array, index: number, value: number) => { async: false; value: string } | { async: true; value: Promise<string> };

/** Resolves once the DONE slot reaches `units` (Atomics.waitAsync, or a 1 ms poll where it is missing). */
async function allDone(ctrl: Int32Array, units: number): Promise<void> {
  const waitAsync = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;
  for (;;) {
    const done = Atomics.load(ctrl, CTRL.DONE);
    if (done >= units) return;
    if (waitAsync === undefined) { await new Promise((r) => setTimeout(r, 1)); continue; }
    const w = waitAsync(ctrl, CTRL.DONE, done);
    if (w.async) await w.value;
  }
}

export function startPool(job: Job, workers: number): Pool {
  const url = new URL('./parallel-worker.ts', import.meta.url);
  const threads = Array.from({ length: workers }, () => spawnTsWorker(url, { workerData: job }));
  const failed = failureOf(threads);
  const ctrl = new Int32Array(job.ctrl);
  return {
    finished: () => Promise.race([allDone(ctrl, unitCount(job)), failed]),
    terminate: async () => { await Promise.all(threads.map((w) => w.terminate())); },
  };
}
