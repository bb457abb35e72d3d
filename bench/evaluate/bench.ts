// `npm run bench -- evaluate`: Gauntlet's evaluate() (all metrics, slices, calibration bins, bootstrap CI of AUC) against scikit-learn's roc_auc_score + log_loss on the same data, same run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, writeData } from './data.ts';
import type { Settings } from './settings.ts';

interface Side { seconds: number; cpuSeconds: number; peakMB: number; auc: number; logloss: number; breakdown?: Record<string, number>; serialSeconds?: number }

const USAGE = 'usage: npm run bench -- evaluate [--rows N] [--slices S] [--resamples B] [--threads T] [--repeat R] [--breakdown] [--serial] [--json]';

function flag(args: string[], name: string, fallback: string): number {
  const i = args.indexOf(`--${name}`);
  const v = Number(i >= 0 && i + 1 < args.length ? args[i + 1] : fallback);
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} must be a non-negative integer; ${USAGE}`);
  return v;
}

function runChild(cmd: string, argv: string[]): Side {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 24, cwd: fileURLToPath(new URL('../..', import.meta.url)) });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as Side;
}

/** The run with the median time (its own peak memory and breakdown with it). */
function median(runs: Side[]): Side {
  return [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)];
}

export async function main(args: string[]): Promise<void> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(`${USAGE}\n\nTimes evaluateSplitParallel (every binary metric, slices, reliability bins, a bootstrap CI of AUC) against\nscikit-learn's roc_auc_score + log_loss on the same 1M seeded rows, each in its own process; figures in bench/RESULTS.md.`);
    return;
  }
  const s: Settings = {
    rows: flag(args, 'rows', '1000000'), slices: flag(args, 'slices', '20'), resamples: flag(args, 'resamples', '1000'),
    threads: Math.max(1, flag(args, 'threads', '2')), breakdown: args.includes('--breakdown'), serial: args.includes('--serial'),
  };
  const repeat = Math.max(1, flag(args, 'repeat', '1'));
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-bench-evaluate-'));
  try {
    writeData(dir, generate(s.rows, 0));
    const child = fileURLToPath(new URL('./child.ts', import.meta.url));
    const peer = fileURLToPath(new URL('./sklearn_peer.py', import.meta.url));
    const g: Side[] = [], k: Side[] = [];
    for (let r = 0; r < repeat; r++) {
      g.push(runChild(process.execPath, ['--import', 'tsx', child, dir, JSON.stringify(s)]));
      k.push(runChild('/usr/bin/python3', [peer, dir]));
    }
    report(s, median(g), median(k), args.includes('--json'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(s: Settings, g: Side, k: Side, json: boolean): void {
  const ratio = { seconds: g.seconds / k.seconds, cpuSeconds: g.cpuSeconds / k.cpuSeconds, peakMB: g.peakMB / k.peakMB };
  if (json) {
    process.stdout.write(JSON.stringify({ settings: s, gauntlet: g, sklearn: k, ratio }) + '\n');
    return;
  }
  const line = (who: string, r: Side): string =>
    `${who.padEnd(9)} ${r.seconds.toFixed(3).padStart(8)} s ${r.cpuSeconds.toFixed(3).padStart(8)} s ${r.peakMB.toFixed(0).padStart(6)} MB  AUC ${r.auc.toFixed(6)}  logloss ${r.logloss.toFixed(6)}`;
  console.log(`evaluate bench: ${s.rows} rows, ${s.slices} slices, ${s.resamples} bootstrap resamples of AUC, ${s.threads} threads`);
  console.log(`${''.padEnd(9)} ${'wall'.padStart(10)} ${'cpu'.padStart(10)} ${'peak'.padStart(9)}`);
  console.log(line('gauntlet', g) + '   (all metrics, slices, calibration bins, bootstrap CI)');
  console.log(line('sklearn', k) + '   (roc_auc_score + log_loss only)');
  console.log(`ratio     ${ratio.seconds.toFixed(2).padStart(8)} × ${ratio.cpuSeconds.toFixed(2).padStart(8)} × ${ratio.peakMB.toFixed(2).padStart(6)} ×    ΔAUC ${(g.auc - k.auc).toExponential(1)}  Δlogloss ${(g.logloss - k.logloss).toExponential(1)}`);
  if (g.serialSeconds !== undefined) console.log(`one-thread evaluateSplit on the same data: ${g.serialSeconds.toFixed(3)} s (${(g.serialSeconds / g.seconds).toFixed(1)}× evaluateSplitParallel)`);
  if (g.breakdown) {
    console.log('where Gauntlet\'s time goes (each part alone, one thread, CPU seconds):');
    for (const [part, sec] of Object.entries(g.breakdown)) console.log(`  ${part.padEnd(30)} ${sec.toFixed(3).padStart(8)} s`);
  }
}
