// Sanity checks of a fitted learner: tiny-batch overfit, finite inputs, finite training curves, train/serve parity.
import { takeRows } from '../data/table.ts';
import type { Finding } from '../evaluate/findings.ts';
import type { Learner } from '../learners/index.ts';
import type { CurveRow, Json } from '../track/types.ts';
import { finding } from './codes.ts';
import { scanInputs } from './input-scan.ts';
import { trainServeParity, PARITY_TOLERANCE } from './parity.ts';
import { learnerEntry, labelsOf, seedOf, type LearnerEntry, type RunView } from './run-view.ts';
import { overfitTinyBatch, pickBatch, TINY_BATCH_ROWS } from './tiny-batch.ts';
import { FittedPipeline } from '../features/pipeline.ts';

export type CheckName = 'tiny-batch overfit' | 'finite inputs' | 'finite training curves' | 'train/serve parity';

export interface SanityCheck {
  readonly name: CheckName;
  /** null: could not be checked (e.g. no curves were recorded) */
  readonly pass: boolean | null;
  readonly detail: string;
  readonly evidence: Json;
}

export interface SanityReport {
  readonly model: string;
  readonly checks: readonly SanityCheck[];
  readonly findings: readonly Finding[];
}

export interface SanityOptions {
  readonly seed?: number;
  /** use this learner for the tiny-batch check instead of the run's (tests pass a crippled one) */
  readonly learner?: Learner;
}

/** Run the four checks on learner model `name` of the run. */
export async function sanityChecks(view: RunView, name: string, opts: SanityOptions = {}): Promise<SanityReport> {
  const entry = learnerEntry(view, name);
  const results = [
    await tinyBatchCheck(view, entry, opts.learner ?? entry.learner, opts.seed ?? seedOf(view)),
    inputsCheck(view, entry),
    curvesCheck(name, view.run?.curves),
    parityCheck(view, entry),
  ];
  return { model: name, checks: results.map((r) => r.check), findings: results.flatMap((r) => r.findings) };
}

interface Checked {
  readonly check: SanityCheck;
  readonly findings: readonly Finding[];
}

async function tinyBatchCheck(view: RunView, entry: LearnerEntry, learner: Learner, seed: number): Promise<Checked> {
  const train = view.splits.rows.train;
  const pipeline = FittedPipeline.fit(takeRows(view.data.table, train), entry.featureColumns, learner.input);
  const X = pipeline.apply(takeRows(view.data.table, train));
  const y = labelsOf(view, train);
  const picked = pickBatch(X, y, view.target.task, TINY_BATCH_ROWS, seed, learner.input.scale);
  const batchX = { nRows: picked.length, features: X.features, columns: X.columns.map((c) => Float64Array.from(picked, (i) => c[i])) };
  const r = await overfitTinyBatch(learner, entry.params, batchX, Float64Array.from(picked, (i) => y[i]), { task: view.target.task, nClasses: view.target.nClasses, seed });
  const got = r.error ? `fit failed: ${r.error}` : `${r.measure} ${round(r.fit)} on the batch`;
  const detail = `${learner.name} with strong settings on ${r.rows} train rows: ${got} (needs ${r.measure === 'r2' ? 'R² ≥ 0.99' : 'accuracy 1'})`;
  const evidence = { rows: r.rows, measure: r.measure, fit: r.fit, params: r.params as Json, dataRows: Array.from(picked, (i) => train[i]), error: r.error ?? null };
  const findings = r.pass ? [] : [finding('CANNOT_OVERFIT_TINY_BATCH', 'error', `${entry.name}: cannot memorize ${r.rows} training rows (${got}); suspect a bug in the learner, the labels or the inputs`, evidence)];
  return { check: { name: 'tiny-batch overfit', pass: r.pass, detail, evidence }, findings };
}

function inputsCheck(view: RunView, entry: LearnerEntry): Checked {
  const rows = view.splits.rows.train;
  const bad = scanInputs(entry.pipeline.apply(takeRows(view.data.table, rows)), rows, !entry.learner.input.impute);
  const evidence = bad as unknown as Json;
  const findings = bad.map((b) => finding('NAN_IN_TRAINING', 'error', `${entry.name}: model input '${b.feature}' is ${b.kind} in ${b.count} train rows (first: data row ${b.firstRow}); fix the value or the transform that produces it`, { model: entry.name, ...b }));
  const detail = bad.length === 0 ? `all ${entry.pipeline.features.length} model inputs finite on ${rows.length} train rows${entry.learner.input.impute ? '' : ' (NaN = missing, handled natively)'}` : bad.map((b) => `${b.feature}: ${b.kind} ×${b.count} (first data row ${b.firstRow})`).join('; ');
  return { check: { name: 'finite inputs', pass: bad.length === 0, detail, evidence }, findings };
}

/** Every recorded curve value of the model must be finite; names the first bad iteration. */
export function curvesCheck(model: string, curves: readonly CurveRow[] | undefined): Checked {
  const mine = (curves ?? []).filter((c) => c.model === model);
  if (mine.length === 0) return { check: { name: 'finite training curves', pass: null, detail: 'no training curves recorded', evidence: null }, findings: [] };
  const bad = mine.flatMap((c) => {
    const at = c.values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
    return at < 0 ? [] : [{ curve: c.name, iteration: c.steps[at], value: String(c.values[at]) }];
  });
  const findings = bad.map((b) => finding('NON_FINITE_LOSS', 'error', `${model}: training curve ${b.curve} is ${b.value} at iteration ${b.iteration}; lower the learning rate or check the inputs`, { model, ...b }));
  const detail = bad.length === 0 ? `${mine.map((c) => `${c.name} (${c.values.length})`).join(', ')} finite at every iteration` : bad.map((b) => `${b.curve} ${b.value} at iteration ${b.iteration}`).join('; ');
  return { check: { name: 'finite training curves', pass: bad.length === 0, detail, evidence: bad }, findings };
}

function parityCheck(view: RunView, entry: LearnerEntry): Checked {
  const p = trainServeParity(entry.model, entry.pipeline, view.data.table, view.splits.rows.train);
  const detail = `apply+predict vs applyRow+predictRow on ${p.rows} train rows: max |diff| ${p.maxAbsDiff}`;
  const evidence = { ...p, tolerance: PARITY_TOLERANCE };
  const findings = p.pass ? [] : [finding('TRAIN_SERVE_MISMATCH', 'error', `${entry.name}: the single-row serving path differs from the batch path by ${p.maxAbsDiff} (data row ${p.worstRow}); serving would not reproduce evaluation`, evidence)];
  return { check: { name: 'train/serve parity', pass: p.pass, detail, evidence }, findings };
}

function round(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toFixed(4))) : String(v);
}
