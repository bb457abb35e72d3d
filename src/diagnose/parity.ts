// Sanity: the serving path (applyRow + predictRow, one row at a time) reproduces the batch path (apply + predict).
import { rowObject, takeRows, type Table } from '../data/table.ts';
import type { FittedPipeline } from '../features/pipeline.ts';
import type { Model } from '../learners/index.ts';

export const PARITY_ROWS = 200;
/** Largest |difference| still counted as the same prediction. */
export const PARITY_TOLERANCE = 1e-9;

export interface ParityResult {
  readonly rows: number;
  readonly maxAbsDiff: number;
  /** data row with the largest difference (-1 when there are no rows) */
  readonly worstRow: number;
  readonly pass: boolean;
}

/** Compare both paths on data rows `rows` (the first PARITY_ROWS of them). */
export function trainServeParity(model: Model, pipeline: FittedPipeline, table: Table, rows: Int32Array): ParityResult {
  const sample = rows.subarray(0, PARITY_ROWS);
  const batch = model.predict(pipeline.apply(takeRows(table, sample)));
  const k = sample.length ? batch.length / sample.length : 1;
  const x = new Float64Array(pipeline.features.length);
  const out = new Float64Array(k);
  let maxAbsDiff = 0;
  let worstRow = -1;
  sample.forEach((r, i) => {
    pipeline.applyRow(rowObject(table, r), x);
    model.predictRow(x, out);
    for (let c = 0; c < k; c++) {
      const d = difference(out[c], batch[i * k + c]);
      if (d > maxAbsDiff) { maxAbsDiff = d; worstRow = r; }
    }
  });
  return { rows: sample.length, maxAbsDiff, worstRow, pass: maxAbsDiff <= PARITY_TOLERANCE };
}

/** |a − b|, with NaN on both sides the same and NaN on one side infinitely different. */
function difference(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  return Math.abs(a - b);
}
