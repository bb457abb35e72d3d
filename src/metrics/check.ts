// Input checks shared by the metric functions: messages state what must hold and what was found.

import { BadInputError } from '../util/errors.ts';

/** Binary and regression inputs: one prediction per label. */
export function checkSameLength(y: Float64Array, pred: Float64Array, predName = 'pred'): void {
  if (y.length !== pred.length) {
    throw new BadInputError(
      `y and ${predName} must have the same length, but got y.length=${y.length} and ${predName}.length=${pred.length}`,
    );
  }
}

/** A binary label must be exactly 0 or 1. */
export function badBinaryLabel(row: number, value: number): BadInputError {
  return new BadInputError(`binary labels must be 0 or 1, but got y[${row}]=${value}; encode the positive class as 1`);
}

/** Multiclass shape: `pred` is n×k row-major; returns k. */
export function classCount(y: Float64Array, pred: Float64Array, nClasses?: number): number {
  const k = nClasses ?? (y.length === 0 ? 0 : pred.length / y.length);
  if (!Number.isInteger(k) || k < 2 || pred.length !== y.length * k) {
    throw new BadInputError(
      `multiclass predictions must be row-major n×k with k >= 2, but got pred.length=${pred.length} for n=${y.length}` +
        (nClasses === undefined ? '' : ` and nClasses=${nClasses}`),
    );
  }
  return k;
}

/** A multiclass label must be a class index in [0, k). */
export function checkClassLabel(row: number, value: number, k: number): void {
  if (!(Number.isInteger(value) && value >= 0 && value < k)) {
    throw new BadInputError(`multiclass labels must be class indices in [0, ${k}), but got y[${row}]=${value}`);
  }
}
