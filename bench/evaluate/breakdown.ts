// Where evaluate()'s time goes: each part timed alone on one thread in CPU seconds (resample parts on a sample of resamples, scaled to the run's count).
import { slicePositions } from '../../src/data/slices.ts';
import { metricFn, metricNames, reliabilityBins } from '../../src/metrics/index.ts';
import type { SplitData, SplitEvalOptions } from '../../src/evaluate/evaluate.ts';
import { argsortScores, permute, rankIndex } from '../../src/evaluate/parallel-rank.ts';
import { drawCounts, resampleBuffers, type ResampleBuffers } from '../../src/evaluate/parallel-resample.ts';
import { resampleModule } from '../../src/evaluate/kernels/index.ts';
import { spawnTsWorker, workerBundle } from '../../src/util/ts-worker.ts';
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

/** Per-resample cost of each bootstrap step, times the run's resample count: the WebAssembly loops evaluate() runs, and their JavaScript twins. */
function resampleParts(data: SplitData, resamples: number): Record<string, number> {
  const n = data.y.length;
  const order = argsortScores(data.pred);
  const rank = rankIndex(permute(data.y, order), permute(data.pred, order));
  const scale = resamples / SAMPLE_RESAMPLES;
  const part = (buf: ResampleBuffers): [draws: number, auc: number] => {
    const auc = countingAuc(rank, buf.kernels);
    for (let b = 0; b < 3; b++) { drawCounts(0, b, buf); auc(buf.counts, () => buf.idx); } // warm up the JIT
    const draws = seconds(() => { for (let b = 0; b < SAMPLE_RESAMPLES; b++) drawCounts(0, b, buf); });
    return [draws * scale, seconds(() => { for (let b = 0; b < SAMPLE_RESAMPLES; b++) auc(buf.counts, () => buf.idx); }) * scale];
  };
  const [wasmDraws, wasmAuc] = part(resampleBuffers(n, resampleModule()));
  const [jsDraws, jsAuc] = part(resampleBuffers(n));
  return {
    'sort rows by score (once)': seconds(() => argsortScores(data.pred)),
    'resample draws: block totals + words + counts (WebAssembly)': wasmDraws,
    'AUC counting pass (WebAssembly)': wasmAuc,
    '  (the same draws in JavaScript)': jsDraws,
    '  (the same AUC pass in JavaScript)': jsAuc,
  };
}

/** Time for a worker to start (its bundled module loaded) and report. */
async function workerStart(): Promise<number> {
  const url = new URL('../../src/evaluate/parallel-worker.ts', import.meta.url);
  workerBundle(url); // bundled once per process, before the first worker: not part of a start
  const t = performance.now();
  const w = spawnTsWorker(url, { workerData: null });
  await new Promise((resolve) => w.once('error', resolve).once('exit', resolve).once('message', resolve));
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
