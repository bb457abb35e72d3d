// Worker entry of evaluateSplitParallel: runs a share of the job it was started with, then reports how it ended.
import { parentPort, workerData } from 'node:worker_threads';
import { runShare, type Job } from './parallel-work.ts';

/** What a worker posts when its share is done. */
export type WorkerReport = { readonly ok: true; readonly ran: number } | { readonly ok: false; readonly error: string };

function report(): WorkerReport {
  try {
    return { ok: true, ran: runShare(workerData as Job) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

parentPort?.postMessage(report());
