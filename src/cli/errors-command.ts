// `gauntlet errors RUN`: export eyeball mispredictions as a review sheet, import the reviewed tags, summarize them.
import { readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { storeForReading } from './store-arg.ts';
import { reloadRun } from '../run/reload.ts';
import { SPLIT_NAMES } from '../spec/types.ts';
import type { Evaluation } from '../evaluate/document.ts';
import type { Json, Store } from '../track/types.ts';
import { BadInputError } from '../util/errors.ts';
import { buildReviewSheet, type ReviewExport } from '../diagnose/review-export.ts';
import { sheetCsv, sheetJsonl } from '../diagnose/review-sheet.ts';
import { parseReview, type ErrorAnalysis } from '../diagnose/review-import.ts';
import { summarizeReview } from '../diagnose/review-summary.ts';
import { renderReviewSummary, renderWeakSlices } from '../diagnose/render.ts';

export interface ErrorsFlags {
  readonly n?: string;
  readonly out?: string;
  readonly import?: string;
  readonly summary?: boolean;
  readonly split?: string;
  readonly json?: boolean;
  readonly store?: string;
}

export const ERROR_ANALYSIS_ARTIFACT = 'error-analysis';

/** The commander registration this command expects (the integrator may call it from main.ts). */
export function registerErrors(program: Command): void {
  program.command('errors')
    .description('error analysis on eyeball: export a review sheet of mispredictions, import the reviewed tags, summarize them')
    .argument('<run>', 'run id or unique prefix')
    .option('--n <n>', 'mispredictions to sample into the sheet', '100')
    .option('--out <prefix>', 'write PREFIX.csv and PREFIX.jsonl (default errors-RUN)')
    .option('--split <split>', 'only eyeball: blackbox and test rows are never shown', 'eyeball')
    .option('--import <file>', 'read the reviewed sheet (CSV or JSONL with category and fix_cost) into the run')
    .option('--summary', "each category's share of the tagged errors and its priority (share / fix_cost)")
    .option('--json', 'print as JSON')
    .option('--store <uri>', 'store URI (default: nearest .gauntlet/gauntlet.db)')
    .action(errorsCommand);
}

export async function errorsCommand(run: string, flags: ErrorsFlags): Promise<void> {
  refuseSplit(flags.split);
  const n = sampleSize(flags.n);
  const store = await storeForReading(flags.store);
  try {
    if (!flags.import && !flags.summary) return await exportSheet(store, run, n, flags);
    const out: Record<string, Json> = {};
    if (flags.import) out.imported = await importSheet(store, run, flags.import, !flags.json);
    if (flags.summary) out.summary = await summary(store, run, !flags.json);
    if (flags.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } finally {
    await store.close();
  }
}

/** Error analysis reads eyeball only: blackbox decides selection and test is touched once, so seeing their rows leaks them. */
function refuseSplit(split: string | undefined): void {
  if (split === undefined || split === 'eyeball') return;
  if (split === 'blackbox' || split === 'test') {
    throw new BadInputError(`--split ${split} is refused: ${split === 'blackbox' ? 'blackbox is for model selection' : 'test is touched once, for the final figure'}; looking at its rows leaks them into your decisions. Error analysis uses eyeball (weak slices are found on blackbox as statistics only)`);
  }
  throw new BadInputError(`--split must be eyeball (the split set aside for error analysis); got '${split}'`);
}

function sampleSize(text: string | undefined): number {
  const n = Number(text ?? '100');
  if (!Number.isInteger(n) || n < 1) throw new BadInputError(`--n must be a positive integer; got '${text}'`);
  return n;
}

async function exportSheet(store: Store, id: string, n: number, flags: ErrorsFlags): Promise<void> {
  const run = await reloadRun(store, id);
  let sheet: ReviewExport;
  try {
    sheet = buildReviewSheet(run, { n, seed: run.spec.seed });
  } finally {
    run.data.sql.close();
  }
  const prefix = (flags.out ?? `errors-${run.run.id}`).replace(/\.(csv|jsonl)$/i, '');
  writeAtomic(`${prefix}.csv`, sheetCsv(sheet.rows, sheet.features));
  writeAtomic(`${prefix}.jsonl`, sheetJsonl(sheet.rows));
  const files = [`${prefix}.csv`, `${prefix}.jsonl`];
  if (flags.json) return void process.stdout.write(`${JSON.stringify({ runId: run.run.id, model: sheet.model, split: sheet.split, eyeballRows: sheet.eyeballRows, mispredicted: sheet.mispredicted, sampled: sheet.rows.length, files, weakSlices: sheet.weakSlices }, null, 2)}\n`);
  process.stdout.write([
    `wrote ${sheet.rows.length} of ${sheet.mispredicted} mispredictions of ${sheet.model} on eyeball (${sheet.eyeballRows} rows) to ${files.join(' and ')}`,
    `weak slices of ${sheet.model} on blackbox (statistics only; the sheet's 'suggested' column says which an eyeball row falls in):`,
    renderWeakSlices(sheet.weakSlices),
    `next: fill in 'category' (several: separate with ';') and 'fix_cost', then 'gauntlet errors ${run.run.id} --import ${prefix}.csv --summary'`,
  ].join('\n') + '\n');
}

async function importSheet(store: Store, id: string, file: string, print: boolean): Promise<Json> {
  if (!existsSync(file)) throw new BadInputError(`${file}: no such file; pass the sheet 'gauntlet errors ${id}' wrote, after filling in category and fix_cost`);
  const { runId, model, eyeball } = await runFacts(store, id);
  const rows = parseReview(readFileSync(file, 'utf8'), file, eyeball);
  const analysis: ErrorAnalysis = { format: 'gauntlet-error-analysis', version: 1, runId, model, split: 'eyeball', source: basename(file), importedAt: new Date().toISOString(), rows };
  await store.putArtifact(runId, ERROR_ANALYSIS_ARTIFACT, analysis as unknown as Json);
  const tagged = rows.filter((r) => r.categories.length > 0).length;
  const counts = summarizeReview(analysis).categories.map((c) => `${c.category} ${c.count}`).join(', ');
  if (print) process.stdout.write(`imported ${rows.length} reviewed rows (${tagged} tagged, ${rows.length - tagged} untagged) into run ${runId} as artifact '${ERROR_ANALYSIS_ARTIFACT}'${counts ? `; ${counts}` : ''}\n`);
  return { runId, rows: rows.length, tagged, untagged: rows.length - tagged };
}

async function summary(store: Store, id: string, print: boolean): Promise<Json> {
  const run = await store.getRun(id);
  if (!run) throw new BadInputError(`no run '${id}' in ${store.uri}; list runs with 'gauntlet runs'`);
  const analysis = (await store.getArtifact(run.id, ERROR_ANALYSIS_ARTIFACT)) as unknown as ErrorAnalysis | null;
  if (!analysis) throw new BadInputError(`run ${run.id} has no error analysis yet; export with 'gauntlet errors ${run.id}', tag the sheet, then --import it`);
  const s = summarizeReview(analysis);
  if (print) process.stdout.write(`${renderReviewSummary(s)}\n`);
  return s as unknown as Json;
}

/** The run id, its selected model and its eyeball rows: enough to validate an import without reloading the data. */
async function runFacts(store: Store, id: string): Promise<{ runId: string; model: string; eyeball: Set<number> }> {
  const run = await store.getRun(id);
  if (!run) throw new BadInputError(`no run '${id}' in ${store.uri}; list runs with 'gauntlet runs'`);
  const evaluation = (await store.getArtifact(run.id, 'evaluation')) as unknown as Evaluation | null;
  const assignment = await store.getSplits(run.id);
  if (!evaluation?.selected || !assignment) throw new BadInputError(`run ${run.id} selected no model; there are no errors to analyze`);
  const code = SPLIT_NAMES.indexOf('eyeball');
  const eyeball = new Set<number>();
  assignment.forEach((s, i) => { if (s === code) eyeball.add(i); });
  return { runId: run.id, model: evaluation.selected.name, eyeball };
}

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
