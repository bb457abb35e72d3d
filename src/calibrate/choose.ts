// chooseCalibration: fit calibrators on one held-out split (trainDev) and, for 'auto', pick on another (blackbox) by log loss.
import type { Task } from '../learners/types.ts';
import { computeMetric } from '../metrics/index.ts';
import type { CalibrationSetting } from '../spec/types.ts';
import { BadInputError, unknownNameHint } from '../util/errors.ts';
import { checkCalibrationData, widthOf } from './check.ts';
import { fitCalibrator } from './fit.ts';
import type { CalibrationMethod, Calibrator } from './types.ts';

/** Labels and the model's predictions for one split's rows. */
export interface LabeledPredictions {
  readonly y: Float64Array;
  readonly pred: Float64Array;
}

/** One method tried, scored on the select split. */
export interface CalibrationCandidate {
  readonly method: CalibrationMethod;
  readonly logloss: number;
  readonly ece: number;
}

export interface CalibrationChoice {
  readonly calibrator: Calibrator;
  readonly chosen: CalibrationMethod;
  readonly candidates: readonly CalibrationCandidate[];
}

const SETTINGS: readonly CalibrationSetting[] = ['auto', 'platt', 'isotonic', 'temperature', 'none'];

/** What 'auto' tries, in order of preference on ties: binary none/platt/isotonic; multiclass none/temperature/platt one-vs-rest. */
export function autoMethods(task: Task): CalibrationMethod[] {
  return task === 'multiclass' ? ['none', 'temperature', 'platt'] : ['none', 'platt', 'isotonic'];
}

function score(task: Task, calibrator: Calibrator, select: LabeledPredictions, nClasses: number): CalibrationCandidate {
  const p = calibrator.apply(select.pred);
  return {
    method: calibrator.method,
    logloss: computeMetric('logloss', task, select.y, p, nClasses),
    ece: computeMetric('ece', task, select.y, p, nClasses),
  };
}

/** Index of the lowest log loss; the first ('none') is kept unless another is strictly lower. */
function best(candidates: readonly CalibrationCandidate[]): number {
  let at = 0;
  for (let i = 1; i < candidates.length; i++) if (candidates[i].logloss < candidates[at].logloss) at = i;
  return at;
}

/**
 * Fit calibration on `fit` (the run passes trainDev: never train, never test). An explicit setting fits that method
 * and reports its select-split log loss and ECE; 'auto' fits every method `autoMethods` lists and keeps the one with
 * the lowest log loss on `select` (blackbox), staying uncalibrated unless a method strictly improves it.
 */
export function chooseCalibration(
  setting: CalibrationSetting, task: Task, fit: LabeledPredictions, select: LabeledPredictions, nClasses: number,
): CalibrationChoice {
  if (!SETTINGS.includes(setting)) throw new BadInputError(`calibration: unknown setting '${String(setting)}'; ${unknownNameHint(String(setting), SETTINGS)}`);
  checkCalibrationData('select', select.y, select.pred, widthOf(task, nClasses), nClasses);
  const methods = setting === 'auto' ? autoMethods(task) : [setting];
  const calibrators = methods.map((m) => fitCalibrator(m, task, fit.y, fit.pred, nClasses));
  const candidates = calibrators.map((c) => score(task, c, select, nClasses));
  const at = best(candidates);
  return { calibrator: calibrators[at], chosen: methods[at], candidates };
}
