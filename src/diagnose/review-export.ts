// Building the review sheet: sampled eyeball mispredictions of one model, each tagged with the blackbox weak slices it falls in.
import { rowObject } from '../data/table.ts';
import { findWeakSlices, type WeakSliceResult } from './weak-slices.ts';
import { matchesAll } from './predicates.ts';
import { sampleMispredictions, wrongFlags } from './mispredictions.ts';
import { predictedClass } from './tiny-batch.ts';
import { labelsOf, learnerEntry, predictOn, seedOf, selectedName, type LearnerEntry, type RunView } from './run-view.ts';
import type { Cell, SheetRow } from './review-sheet.ts';

export interface ReviewExport {
  readonly model: string;
  readonly split: 'eyeball';
  readonly eyeballRows: number;
  readonly mispredicted: number;
  readonly rows: readonly SheetRow[];
  /** raw feature columns shown on the sheet */
  readonly features: readonly string[];
  /** slices found from the model's errors on blackbox (statistics only: no blackbox row is shown) */
  readonly weakSlices: WeakSliceResult;
}

/** Weak slices of a model from its errors on the blackbox split. */
export function blackboxWeakSlices(view: RunView, entry: LearnerEntry): WeakSliceResult {
  const rows = view.splits.rows.blackbox;
  const { task, nClasses } = view.target;
  const errors = wrongFlags(task, labelsOf(view, rows), predictOn(view, entry, rows), nClasses);
  return findWeakSlices({ table: view.data.table, rows, errors, columns: entry.featureColumns });
}

/** Up to n seeded eyeball mispredictions of the model (default: the selected one), ready to write as a sheet. */
export function buildReviewSheet(view: RunView, opts: { n: number; seed?: number; model?: string }): ReviewExport {
  const entry = learnerEntry(view, opts.model ?? selectedName(view));
  const rows = view.splits.rows.eyeball;
  const { task, nClasses } = view.target;
  const y = labelsOf(view, rows);
  const pred = predictOn(view, entry, rows);
  const mispredicted = task === 'regression' ? rows.length : wrongFlags(task, y, pred, nClasses).reduce((a, b) => a + b, 0);
  const picked = sampleMispredictions(task, y, pred, nClasses, opts.n, opts.seed ?? seedOf(view));
  const weakSlices = blackboxWeakSlices(view, entry);
  const sheet = Array.from(picked, (i) => sheetRow(view, entry, rows[i], y[i], pred, i, weakSlices));
  return { model: entry.name, split: 'eyeball', eyeballRows: rows.length, mispredicted, rows: sheet, features: entry.featureColumns, weakSlices };
}

function sheetRow(view: RunView, entry: LearnerEntry, row: number, label: number, pred: Float64Array, i: number, weak: WeakSliceResult): SheetRow {
  const { task, nClasses, classes } = view.target;
  const raw = rowObject(view.data.table, row);
  const features = Object.fromEntries(entry.featureColumns.map((c) => [c, raw[c] ?? null])) as Record<string, Cell>;
  const suggested = weak.slices.filter((s) => matchesAll(view.data.table, row, s.predicates)).map((s) => s.description).join('; ');
  if (task === 'regression') return { row, label, prediction: pred[i], score: label - pred[i], features, suggested };
  const c = predictedClass(task, pred, i, nClasses);
  const score = task === 'binary' ? pred[i] : pred[i * nClasses + c];
  return { row, label: classes[label], prediction: classes[c], score, features, suggested };
}
