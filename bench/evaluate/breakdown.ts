// Where evaluate()'s time goes: each part timed alone on one thread in CPU seconds (resample parts on a sample of resamples, scaled to the run's count).
import { slicePositions } from '../../src/data/slices.ts';
import { Worker } from 'node:worker_threads';
import { metricFn, metricNames, reliabilityBins } from '../../src/metrics/index.ts';
import type { SplitData, SplitEvalOptions } from '../../src/evaluate/evaluate.ts';
import { argsortScores, permute, rankIndex } from '../../src/evaluate/parallel-rank.ts';
import { BLOCK_ROWS, drawCounts, resampleBuffers, resampleRng } from '../../src/evaluate/parallel-resample.ts';
import { countingAuc } from '../../src/evaluate/parallel-scorers.ts';
import { scoreSliceInto, sliceRecordLength } from '../../src/evaluate/parallel-slices.ts';

const SAMPLE_RESAMPLES = 20;

/** CPU seconds of f (this process; the breakdown runs on one thread): unlike wall time, not inflated by other processes. */
function seconds(f: () => void): number {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1e6;
}

function slicesTime(data: SplitData, opts: SplitEvalOptions): number {
  const out = new Float64Array(sliceRecordLength('binary'));
  return seconds(() => {
    for (const s of opts.slices) scoreSliceInto(out, 'binary', 2, data.y, data.pred, slicePositions(s.mask, data.rows));
  });
}

/** Per-resample cost of each bootstrap step, times the run's resample count. */
function resampleParts(data: SplitData, resamples: number): Record<string, number> {
  const n = data.y.length;
  const order = argsortScores(data.pred);
  const rank = rankIndex(permute(data.y, order), permute(data.pred, order));
  const buf = resampleBuffers(n);
  const scale = resamples / SAMPLE_RESAMPLES;
  const auc = countingAuc(rank);
  for (let b = 0; b < 3; b++) { drawCounts(0, b, buf); auc(buf.counts, () => buf.idx); } // warm up the JIT
  const words = new Uint32Array(BLOCK_ROWS);
  const draw = seconds(() => {
    for (let b = 0; b < SAMPLE_RESAMPLES; b++) { const rng = resampleRng(0, b); for (let at = 0; at < n; at += BLOCK_ROWS) rng.fillU32(words); }
  });
  const drawAndCount = seconds(() => { for (let b = 0; b < SAMPLE_RESAMPLES; b++) drawCounts(0, b, buf); });
  const scan = seconds(() => { for (let b = 0; b < SAMPLE_RESAMPLES; b++) auc(buf.counts, () => buf.idx); });
  return {
    'sort rows by score (once)': seconds(() => argsortScores(data.pred)),
    'resample words (Rng.fillU32)': draw * scale,
    'resample block totals + counting': (drawAndCount - draw) * scale,
    'AUC counting pass': scan * scale,
  };
}

/** Time for a worker to start (tsx registered, evaluate modules loaded) and report. */
async function workerStart(): Promise<number> {
  const tsx = import.meta.resolve('tsx/esm/api');
  const url = new URL('../../src/evaluate/parallel-slices.ts', import.meta.url);
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); }).then(() => require('node:worker_threads').parentPort.postMessage(1));`;
  const t = performance.now();
  const w = new Worker(boot, { eval: true });
  await new Promise((resolve) => w.once('message', resolve));
  await w.terminate();
  return (performance.now() - t) / 1000; // wall time: the start runs on the worker's thread
}

/** Seconds per part on one thread. */
export async function breakdown(data: SplitData, opts: SplitEvalOptions): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of metricNames('binary')) out[`metric ${name}`] = seconds(() => metricFn(name, 'binary')(data.y, data.pred, undefined, 2));
  out['reliability bins (2 kinds)'] = seconds(() => {
    reliabilityBins(data.y, data.pred, { bins: 10 });
    reliabilityBins(data.y, data.pred, { bins: 10, strategy: 'quantile' });
  });
  out[`${opts.slices.length} slices`] = slicesTime(data, opts);
  Object.assign(out, resampleParts(data, opts.bootstrap));
  out['worker start'] = await workerStart();
  return out;
}
