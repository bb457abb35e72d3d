// Starting the GBDT's worker threads (calling thread only: the workers' own module graph must not include this).
import type { Worker } from 'node:worker_threads';
import { spawnTsWorker } from '../../util/ts-worker.ts';
import { reply } from './pool.ts';

/** Worker threads started ahead of the workspace: they load their modules while the calling thread fits the bins. */
export interface Crew {
  readonly workers: readonly Worker[];
  /** resolves when every worker has loaded its modules */
  readonly booted: Promise<void>;
  /** stop the workers */
  close(): Promise<void>;
}

/** Start threads-1 workers (the calling thread is part 0 of every command). */
export function startWorkers(threads: number): Crew {
  const workers: Worker[] = [];
  for (let p = 1; p < threads; p++) {
    const worker = spawnTsWorker(new URL('./worker.ts', import.meta.url));
    worker.unref();
    workers.push(worker);
  }
  const booted = Promise.all(workers.map((worker) => reply(worker))).then(() => undefined);
  booted.catch(() => {}); // awaited in openEngine; until then a failed boot must not count as unhandled
  return { workers, booted, close: async () => { await Promise.all(workers.map((worker) => worker.terminate())); } };
}
