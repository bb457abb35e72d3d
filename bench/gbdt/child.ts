// Gauntlet side of the GBDT bench, run in its own process: fit, time it, AUC, peak RSS, optional single-row latency.
import { fitGbdt, gbdt } from '../../src/learners/gbdt/index.ts';
import { resolveParams } from '../../src/learners/params.ts';
import type { Matrix } from '../../src/learners/types.ts';
import { auc } from './auc.ts';
import { readMeta, readPart } from './io.ts';
import type { Settings } from './settings.ts';

function asOrdinal(X: Matrix): Matrix {
  return { ...X, features: X.features.map((f) => ({ name: f.name, kind: 'numeric' as const })) };
}

/** p50/p99 of predictRow over many rows, in microseconds */
function latency(model: { predictRow(row: Float64Array, out: Float64Array): void }, X: Matrix, calls: number): { p50us: number; p99us: number } {
  const F = X.columns.length, row = new Float64Array(F), out = new Float64Array(1);
  const times = new Float64Array(calls);
  for (let c = 0; c < calls; c++) {
    const i = c % X.nRows;
    for (let j = 0; j < F; j++) row[j] = X.columns[j][i];
    const t0 = process.hrtime.bigint();
    model.predictRow(row, out);
    times[c] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  const warm = times.subarray(Math.floor(calls / 10)).sort();
  return { p50us: warm[Math.floor(warm.length * 0.5)], p99us: warm[Math.floor(warm.length * 0.99)] };
}

/** phases rounded to ms, plus what boosting spent outside them (leaf values, tree bookkeeping, dispatch) */
function roundAll(t: Record<string, number>): Record<string, number> {
  const inner = Object.entries(t).filter(([k]) => k !== 'binning' && k !== 'boosting').reduce((s, [, v]) => s + v, 0);
  const all = { ...t, other: (t.boosting ?? 0) - inner };
  return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, Math.round(v)]));
}

async function main(): Promise<void> {
  const [dir, settingsJson] = process.argv.slice(2);
  const s = JSON.parse(settingsJson) as Settings;
  const meta = readMeta(dir);
  const train = readPart(dir, 'train', meta, meta.nTrain);
  const test = meta.testIsTrain ? train : readPart(dir, 'test', meta, meta.nTest);
  const Xtr = s.ordinal ? asOrdinal(train.X) : train.X;
  const Xte = s.ordinal ? asOrdinal(test.X) : test.X;
  const params = resolveParams('gbdt', gbdt.params, {
    rounds: s.rounds, learningRate: s.learningRate, numLeaves: 2 ** s.depth, maxDepth: s.depth, maxBin: s.maxBin - 1,
    minDataInLeaf: 0, minSumHessian: 1, lambdaL2: 1, earlyStoppingRounds: 0, threads: s.threads,
  }, 'bench');
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  const model = await fitGbdt(Xtr, train.y, { task: 'binary', nClasses: 2, seed: 0, threads: s.threads }, params, { timings });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const p = model.predict(Xte);
  const result: Record<string, unknown> = { timingsMs: roundAll(timings), seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakMB: process.resourceUsage().maxRSS / 1024, auc: auc(test.y, p) };
  if (s.latency) result.latency = latency(model, Xte, 20000);
  process.stdout.write(JSON.stringify(result) + '\n');
}

await main();
