// fitCalibrator: fit one calibration method on held-out labels and predictions (binary P(class 1) or row-major n×k).
import type { Task } from '../learners/types.ts';
import { BadInputError, unknownNameHint } from '../util/errors.ts';
import { buildCalibrator } from './build.ts';
import { checkCalibrationData, widthOf } from './check.ts';
import { fitIsotonic } from './isotonic.ts';
import { identityCalibrator } from './make.ts';
import { fitPlatt, logit } from './platt.ts';
import { fitTemperature } from './temperature.ts';
import { CALIBRATION_METHODS, CALIBRATOR_FORMAT, CALIBRATOR_VERSION, type CalibrationMethod, type Calibrator, type IsotonicParams, type PlattParams } from './types.ts';

const HEADER = { format: CALIBRATOR_FORMAT, version: CALIBRATOR_VERSION } as const;

export function checkMethod(method: string): CalibrationMethod {
  if (!(CALIBRATION_METHODS as readonly string[]).includes(method)) {
    throw new BadInputError(`calibration: unknown method '${method}'; ${unknownNameHint(method, CALIBRATION_METHODS)}`);
  }
  return method as CalibrationMethod;
}

/** Column c of row-major n×k predictions, and the one-vs-rest labels (y = c). */
function oneVsRest(y: Float64Array, pred: Float64Array, k: number, c: number): { p: Float64Array; t: Float64Array } {
  const p = new Float64Array(y.length);
  const t = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) { p[i] = pred[i * k + c]; t[i] = y[i] === c ? 1 : 0; }
  return { p, t };
}

/** Per-class problems: the P(class 1) column for binary, one column per class for multiclass. */
function columns(y: Float64Array, pred: Float64Array, width: number): { p: Float64Array; t: Float64Array }[] {
  if (width === 1) return [{ p: pred, t: y }];
  return Array.from({ length: width }, (_, c) => oneVsRest(y, pred, width, c));
}

function plattClasses(y: Float64Array, pred: Float64Array, width: number): PlattParams[] {
  return columns(y, pred, width).map(({ p, t }) => fitPlatt(p.map(logit), t));
}

function isotonicClasses(y: Float64Array, pred: Float64Array, width: number): IsotonicParams[] {
  return columns(y, pred, width).map(({ p, t }) => fitIsotonic(p, t));
}

/**
 * Fit `method` on labels `y` and the model's predictions `pred` for them (held-out rows: trainDev, never train or test).
 * Binary: platt (on the log-odds) or isotonic on P(class 1). Multiclass: temperature, or platt/isotonic one-vs-rest
 * with rows renormalized. Inputs are not modified.
 */
export function fitCalibrator(method: CalibrationMethod, task: Task, y: Float64Array, pred: Float64Array, nClasses: number): Calibrator {
  checkMethod(method);
  const width = widthOf(task, nClasses);
  if (method === 'temperature' && task === 'binary') {
    throw new BadInputError('calibration: temperature is for multiclass; use platt or isotonic');
  }
  checkCalibrationData('fit', y, pred, width, nClasses);
  switch (method) {
    case 'none': return identityCalibrator();
    case 'platt': return buildCalibrator({ ...HEADER, method, classes: plattClasses(y, pred, width) });
    case 'isotonic': return buildCalibrator({ ...HEADER, method, classes: isotonicClasses(y, pred, width) });
    case 'temperature': return buildCalibrator({ ...HEADER, method, nClasses, temperature: fitTemperature(pred, y, nClasses) });
  }
}
