// `gauntlet run` and `gauntlet demo`: thin wrappers over run() that print a summary or JSON.
import { mkdirSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { join, resolve, relative } from 'node:path';
import { run, type RunResult } from '../run/run.ts';
import { generateLoansCsv, DEMO_SPEC } from '../demo/generate.ts';
import { renderRunSummary } from './print-run.ts';
import { storeForSpec } from './store-arg.ts';
import { BadInputError } from '../util/errors.ts';
import { renderVerdict } from '../candidate/gate-render.ts';

interface RunFlags {
  readonly json?: boolean;
  readonly store?: string;
  readonly quiet?: boolean;
  readonly allow?: readonly string[];
}

export async function runCommand(spec: string, flags: RunFlags): Promise<void> {
  const progress = flags.json || flags.quiet ? undefined : (m: string) => process.stderr.write(`• ${m}\n`);
  const allow = (flags.allow ?? []).flatMap((a) => a.split(',')).map((a) => a.trim().toUpperCase()).filter(Boolean);
  const result = await run(spec, { store: storeForSpec(flags.store), onProgress: progress, allow });
  printResult(result, flags.json);
}

export async function demoCommand(dir: string, flags: RunFlags & { rows: string }): Promise<void> {
  const rows = Number(flags.rows);
  if (!Number.isInteger(rows) || rows < 500 || rows > 1_000_000) throw new BadInputError(`--rows must be an integer in [500, 1000000]; got '${flags.rows}'`);
  const folder = resolve(dir);
  mkdirSync(folder, { recursive: true });
  writeAtomic(join(folder, 'loans.csv'), generateLoansCsv(rows, 42));
  const specPath = join(folder, 'gauntlet.yaml');
  if (!existsSync(specPath)) writeAtomic(specPath, DEMO_SPEC);
  if (!flags.json) process.stderr.write(`• wrote ${rows} generated loans and the spec into ${relative(process.cwd(), folder) || '.'}/\n`);
  await runCommand(specPath, flags);
  if (!flags.json) {
    const rel = relative(process.cwd(), specPath);
    process.stdout.write(`\nnext: edit ${rel} and run 'npx gauntlet run ${rel}'; list runs with 'npx gauntlet runs'; details with 'npx gauntlet show RUN'\n`);
  }
}

function printResult(r: RunResult, json: boolean | undefined): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(resultJson(r), null, 2)}\n`);
    return;
  }
  process.stdout.write(`${renderRunSummary(r.runId, r.evaluation, { storeUri: r.storeUri })}\n`);
  if (r.verdict) process.stdout.write(`\nreadiness gate:\n${renderVerdict(r.verdict)}`);
  if (r.candidatePath) process.stdout.write(`candidate: ${relative(process.cwd(), r.candidatePath)} (v${r.candidateVersion})\nreport:    ${relative(process.cwd(), r.reportPath!)}\n`);
}

/** The `--json` shape of a run: stable keys first, the full evaluation document last. */
export function resultJson(r: RunResult): Record<string, unknown> {
  const e = r.evaluation;
  const sel = e.models.find((m) => m.name === e.selected?.name);
  return {
    runId: r.runId,
    status: r.status,
    candidatePath: r.candidatePath,
    candidateVersion: r.candidateVersion,
    reportPath: r.reportPath,
    ready: r.verdict?.ready ?? null,
    gate: r.verdict,
    store: r.storeUri,
    task: e.task,
    optimize: e.optimize,
    selected: e.selected,
    comparison: e.comparison,
    constraints: sel?.constraints ?? [],
    metrics: Object.fromEntries(e.models.map((m) => [m.name, Object.fromEntries(Object.entries(m.splits).map(([s, v]) => [s, v!.metrics]))])),
    lineage: r.lineage,
    evaluation: e,
  };
}

/** Write via a temp file + rename, so a crash never leaves half a file. */
function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
