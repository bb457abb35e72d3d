// `npm run bench -- gbdt`: Gauntlet's GBDT against XGBoost hist on the same data in the same run, each in its own process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adult, synthetic, type BenchData } from './data.ts';
import { flights } from './flights.ts';
import { writeBenchData } from './io.ts';
import type { Settings } from './settings.ts';

interface Side { seconds: number; cpuSeconds: number; peakMB: number; auc: number; timingsMs?: Record<string, number>; latency?: { p50us: number; p99us: number } }

const USAGE = 'usage: npm run bench -- gbdt [--case synthetic|adult|flights|latency] [--rows N] [--features F] [--rounds K] [--depth D] [--threads T] [--ordinal] [--repeat R] [--json]';

const HELP = `${USAGE}

Trains Gauntlet's gbdt and XGBoost (tree_method=hist, Debian python3-xgboost via /usr/bin/python3) on the same data in
the same run, each in its own process, with matched settings, and prints wall and CPU time, peak memory and AUC for
both, and the ratios (Gauntlet / XGBoost).

  --case synthetic   1M x 30 dense numeric rows like make_classification (default; --rows, --features resize it)
  --case adult       ../shared/datasets/adult.csv with adult_split.csv (train / test), 200 rounds
  --case flights     ../shared/datasets/flights_3m.csv.gz, month <= 5 trains, >= 6 tests, 'delay' dropped
  --case latency     Adult with 300 rounds, plus single-row predictRow p50/p99
  --ordinal          categoricals as ordinal codes for Gauntlet too (like-for-like with XGBoost)
  --rounds K         boosting rounds (default 100; Adult 200, latency 300)
  --depth D          tree depth (default 6; Gauntlet uses numLeaves = 2^D)
  --threads T        threads for both (default 2)
  --repeat R         run each side R times and report the medians
  --json             one line: {"gauntlet": {...}, "xgboost": {...}, "ratio": {"seconds", "cpuSeconds", "peakMB"}}

Figures are recorded in bench/RESULTS.md.`;

function flag(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}

async function loadCase(name: string, rows: number, features: number): Promise<BenchData> {
  if (name === 'synthetic') return synthetic(rows, features, 0);
  if (name === 'adult' || name === 'latency') return adult();
  if (name === 'flights') return flights();
  throw new Error(`unknown --case ${name}; ${USAGE}`);
}

function runChild(cmd: string, argv: string[]): Side {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 24, cwd: fileURLToPath(new URL('../..', import.meta.url)) });
  if (r.status !== 0) throw new Error(`${cmd} ${argv[0]} failed (${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as Side;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function summarize(runs: Side[]): Side {
  return { ...runs[0], seconds: median(runs.map((r) => r.seconds)), cpuSeconds: median(runs.map((r) => r.cpuSeconds)), peakMB: median(runs.map((r) => r.peakMB)) };
}

export async function main(args: string[]): Promise<void> {
  if (args.includes('--help') || args.includes('-h')) { console.log(HELP); return; }
  const caseName = flag(args, 'case', 'synthetic');
  const s: Settings = {
    rounds: Number(flag(args, 'rounds', caseName === 'latency' ? '300' : caseName === 'adult' ? '200' : '100')),
    depth: Number(flag(args, 'depth', '6')), learningRate: Number(flag(args, 'lr', '0.1')), maxBin: 256,
    threads: Number(flag(args, 'threads', '2')), ordinal: args.includes('--ordinal'), latency: caseName === 'latency',
  };
  const repeat = Number(flag(args, 'repeat', '1'));
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-bench-'));
  try {
    const data = await loadCase(caseName, Number(flag(args, 'rows', '1000000')), Number(flag(args, 'features', '30')));
    writeBenchData(dir, data);
    const child = fileURLToPath(new URL('./child.ts', import.meta.url));
    const peer = fileURLToPath(new URL('./xgb_peer.py', import.meta.url));
    const g: Side[] = [], x: Side[] = [];
    for (let r = 0; r < repeat; r++) {
      g.push(runChild(process.execPath, ['--import', 'tsx', child, dir, JSON.stringify(s)]));
      x.push(runChild('/usr/bin/python3', [peer, dir, JSON.stringify(s)]));
    }
    report(data.name, s, summarize(g), summarize(x), args.includes('--json'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(name: string, s: Settings, g: Side, x: Side, json: boolean): void {
  const ratio = { seconds: g.seconds / x.seconds, cpuSeconds: g.cpuSeconds / x.cpuSeconds, peakMB: g.peakMB / x.peakMB };
  if (json) {
    process.stdout.write(JSON.stringify({ case: name, settings: s, gauntlet: g, xgboost: x, ratio }) + '\n');
    return;
  }
  const line = (who: string, r: Side): string => `${who.padEnd(9)} ${r.seconds.toFixed(2).padStart(8)} s (cpu ${r.cpuSeconds.toFixed(2).padStart(7)} s) ${r.peakMB.toFixed(0).padStart(7)} MB  AUC ${r.auc.toFixed(4)}`
    + (r.latency ? `  predictRow p50 ${r.latency.p50us.toFixed(1)} µs p99 ${r.latency.p99us.toFixed(1)} µs` : '');
  console.log(`gbdt bench: ${name}, ${s.rounds} rounds, depth ${s.depth}, lr ${s.learningRate}, max_bin ${s.maxBin}, ${s.threads} threads${s.ordinal ? ', ordinal' : ''}`);
  console.log(line('gauntlet', g));
  console.log(line('xgboost', x));
  if (g.timingsMs) console.log(`gauntlet phases (wall ms, calling thread): ${Object.entries(g.timingsMs).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`ratio     ${ratio.seconds.toFixed(2).padStart(8)} × (cpu ${ratio.cpuSeconds.toFixed(2).padStart(7)} ×) ${ratio.peakMB.toFixed(2).padStart(7)} ×   ΔAUC ${(g.auc - x.auc).toFixed(4)}`);
}
