// Input checks for fitting calibrators: task, label values, prediction layout and range. Failures are BadInputErrors.
import type { Task } from '../learners/types.ts';
import { BadInputError } from '../util/errors.ts';

/** Outputs per row of a classifier's predictions: 1 (binary P(class 1)) or k. */
export function widthOf(task: Task, nClasses: number): number {
  if (task === 'binary') {
    if (nClasses !== 2) throw new BadInputError(`calibration: nClasses must be 2 for a binary task; got ${nClasses}`);
    return 1;
  }
  if (task === 'multiclass') {
    if (!Number.isInteger(nClasses) || nClasses < 2) throw new BadInputError(`calibration: nClasses must be an integer >= 2 for a multiclass task; got ${nClasses}`);
    return nClasses;
  }
  throw new BadInputError(`calibration applies to binary and multiclass tasks only; got task '${task}' (regression predictions are not probabilities: leave calibration out)`);
}

/** Labels are class indices, predictions are probabilities in [0, 1] with `width` values per label. */
export function checkCalibrationData(what: string, y: Float64Array, pred: Float64Array, width: number, nClasses: number): void {
  if (y.length === 0) throw new BadInputError(`calibration: the ${what} rows must not be empty`);
  if (pred.length !== y.length * width) {
    throw new BadInputError(`calibration: ${what} predictions must hold ${width} value(s) per row (${y.length * width} values for ${y.length} rows); got ${pred.length}`);
  }
  for (let i = 0; i < y.length; i++) {
    if (!(Number.isInteger(y[i]) && y[i] >= 0 && y[i] < nClasses)) {
      throw new BadInputError(`calibration: ${what} label must be a class index 0..${nClasses - 1}; got ${y[i]} at row ${i}`);
    }
  }
  for (let j = 0; j < pred.length; j++) {
    if (!(pred[j] >= 0 && pred[j] <= 1)) {
      throw new BadInputError(`calibration: ${what} predictions must be probabilities in [0, 1]; got ${pred[j]} at row ${Math.floor(j / width)}`);
    }
  }
}
