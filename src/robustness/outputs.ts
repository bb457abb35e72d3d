// Model outputs per row (binary P(1), regression value, multiclass probability vector), their changes, and the Wilson interval.
import type { Table } from '../data/table.ts';
import type { FittedPipeline } from '../features/pipeline.ts';
import type { Model, Task } from '../learners/types.ts';
import type { Output } from './types.ts';

/** Predictions for a raw table through the fitted pipeline (the same path evaluation uses). */
export function predictTable(model: Model, pipeline: FittedPipeline, table: Table): Float64Array {
  return model.predict(pipeline.apply(table));
}

/** Values per row in a prediction array: k for multiclass, 1 otherwise. */
export function outputWidth(task: Task, nClasses: number): number {
  return task === 'multiclass' ? nClasses : 1;
}

export function outputAt(pred: Float64Array, row: number, width: number): Output {
  return width === 1 ? pred[row] : Array.from(pred.subarray(row * width, (row + 1) * width));
}

/** Largest |after − before| over the row's outputs (binary: |ΔP(1)|; multiclass: max |Δp|; regression: |Δ|). */
export function absDelta(before: Float64Array, after: Float64Array, row: number, width: number): number {
  let m = 0;
  for (let j = row * width; j < (row + 1) * width; j++) {
    const d = Math.abs(after[j] - before[j]);
    if (d > m || Number.isNaN(d)) m = d;
  }
  return m;
}

/** z for a two-sided 95% interval */
const Z95 = 1.959963984540054;

/** Wilson score interval for `failures` of `n` (95%); [0, 1] when n = 0. */
export function wilson(failures: number, n: number, z = Z95): [number, number] {
  if (n === 0) return [0, 1];
  const p = failures / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // exact ends when nothing (or everything) failed, instead of a rounding residue like 2e-19
  return [failures === 0 ? 0 : Math.max(0, center - half), failures === n ? 1 : Math.min(1, center + half)];
}
