// The target column: task inference, label encoding and the checks a target must pass.
import type { Column } from './table.ts';
import type { Task } from '../learners/types.ts';
import { DataError } from '../util/errors.ts';

export interface Target {
  readonly task: Task;
  /** binary: 0/1; multiclass: class index; regression: value */
  readonly y: Float64Array;
  /** class labels by index (binary: [negative, positive]); empty for regression */
  readonly classes: readonly string[];
  readonly nClasses: number;
}

const MAX_INFERRED_CLASSES = 20;

/** Encode the target column for `task` (inferred when undefined). `file` names the data in errors. */
export function encodeTarget(col: Column, task: Task | undefined, file: string): Target {
  rejectMissing(col, file);
  rejectConstant(col, task, file);
  const t = task ?? inferTask(col);
  if (t === 'regression') {
    if (col.kind !== 'numeric') throw new DataError(`${file}: target '${col.name}' has text values; regression needs numbers (or set task: binary/multiclass)`);
    return { task: t, y: col.values, classes: [], nClasses: 1 };
  }
  const { y, classes } = col.kind === 'numeric' ? numericClasses(col.values) : { y: Float64Array.from(col.codes), classes: [...col.levels] };
  if (classes.length < 2) throw new DataError(`${file}: target '${col.name}' has one class (${classes[0]}); a classifier needs at least two`);
  if (t === 'binary' && classes.length !== 2) {
    throw new DataError(`${file}: target '${col.name}' has ${classes.length} classes but task is binary; use task: multiclass`);
  }
  return { task: t, y, classes, nClasses: t === 'binary' ? 2 : classes.length };
}

function inferTask(col: Column): Task {
  if (col.kind === 'categorical') return col.levels.length === 2 ? 'binary' : 'multiclass';
  const distinct = new Set<number>();
  let integral = true;
  for (const v of col.values) {
    if (distinct.size <= MAX_INFERRED_CLASSES) distinct.add(v);
    if (!Number.isInteger(v)) integral = false;
  }
  if (distinct.size === 2) return 'binary';
  if (integral && distinct.size <= MAX_INFERRED_CLASSES && distinct.size > 2) return 'multiclass';
  return 'regression';
}

function numericClasses(values: Float64Array): { y: Float64Array; classes: string[] } {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const index = new Map(sorted.map((v, i) => [v, i]));
  return { y: values.map((v) => index.get(v)!), classes: sorted.map(String) };
}

function rejectConstant(col: Column, task: Task | undefined, file: string): void {
  const n = col.kind === 'numeric' ? col.values.length : col.codes.length;
  const first = col.kind === 'numeric' ? col.values[0] : col.codes[0];
  for (let i = 1; i < n; i++) if ((col.kind === 'numeric' ? col.values[i] : col.codes[i]) !== first) return;
  const value = col.kind === 'numeric' ? String(first) : col.levels[first];
  if (task === 'regression') throw new DataError(`${file}: target '${col.name}' is constant (${value}); there is nothing to learn`);
  throw new DataError(`${file}: target '${col.name}' has one class (${value}); a classifier needs at least two`);
}

function rejectMissing(col: Column, file: string): void {
  const n = col.kind === 'numeric' ? col.values.length : col.codes.length;
  let first = -1;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const missing = col.kind === 'numeric' ? Number.isNaN(col.values[i]) : col.codes[i] < 0;
    if (missing) {
      if (first < 0) first = i;
      count++;
    }
  }
  if (count > 0) {
    throw new DataError(`${file}: target '${col.name}' is missing in ${count} rows (first: data row ${first + 1}); drop or label those rows before training`);
  }
}
