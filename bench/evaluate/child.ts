// Gauntlet side of the evaluate() bench, in its own process: evaluateSplitParallel on the bench data, timed, peak RSS, optional breakdown.
import type { SliceMask } from '../../src/data/slices.ts';
import { evaluateSplit } from '../../src/evaluate/evaluate.ts';
import { evaluateSplitParallel } from '../../src/evaluate/parallel.ts';
import { breakdown } from './breakdown.ts';
import { readData, sliceMasks } from './data.ts';
import type { Settings } from './settings.ts';

async function main(): Promise<void> {
  const [dir, settingsJson] = process.argv.slice(2);
  const s = JSON.parse(settingsJson) as Settings;
  const { y, p } = readData(dir);
  const slices: SliceMask[] = sliceMasks(y.length, s.slices, 1);
  const data = { rows: Int32Array.from({ length: y.length }, (_, i) => i), y, pred: p };
  const opts = { task: 'binary' as const, nClasses: 2, ciMetrics: ['auc'], bootstrap: s.resamples, seed: 0, slices, minSliceRows: 30, threads: s.threads };
  const t0 = performance.now(), c0 = process.cpuUsage();
  const e = await evaluateSplitParallel(data, opts);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const peakMB = process.resourceUsage().maxRSS / 1024;
  const result: Record<string, unknown> = { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakMB, auc: e.metrics.auc, logloss: e.metrics.logloss, ci: e.ci.auc };
  if (s.breakdown) result.breakdown = await breakdown(data, opts);
  if (s.serial) {
    const t1 = performance.now();
    evaluateSplit(data, opts);
    result.serialSeconds = (performance.now() - t1) / 1000;
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}

await main();
