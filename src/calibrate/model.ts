// A calibrated model: any Model followed by a Calibrator, serialized as one 'calibrated' model JSON wrapping both.
import type { Matrix, Model, ModelJSON } from '../learners/types.ts';
import { BadInputError, DataError } from '../util/errors.ts';
import { loadCalibrator } from './load.ts';
import type { Calibrator } from './types.ts';

export const CALIBRATED_LEARNER = 'calibrated';

export interface CalibratedModel extends Model {
  readonly base: Model;
  readonly calibrator: Calibrator;
}

function expectedWidth(base: Model): number {
  return base.task === 'multiclass' ? base.nClasses : 1;
}

function checkCompatible(base: Model, calibrator: Calibrator): void {
  if (calibrator.method === 'none') return;
  if (base.task === 'regression') throw new BadInputError(`calibration: a regression model cannot be calibrated (got a '${calibrator.method}' calibrator); use calibration: none`);
  if (calibrator.width !== expectedWidth(base)) {
    throw new BadInputError(`calibration: the calibrator maps ${calibrator.width} output(s) per row but the ${base.task} model predicts ${expectedWidth(base)}; fit it on this model's predictions`);
  }
}

/** `base` with calibrated outputs: predict = calibrator.apply(base.predict(X)); predictRow calibrates in place (no allocation). */
export function calibrated(base: Model, calibrator: Calibrator): CalibratedModel {
  checkCompatible(base, calibrator);
  const model: CalibratedModel = {
    learner: base.learner,
    task: base.task,
    nClasses: base.nClasses,
    params: base.params,
    base,
    calibrator,
    ...(base.iterations === undefined ? {} : { iterations: base.iterations }),
    ...(base.importance ? { importance: () => base.importance?.() ?? {} } : {}),
    predict: (X: Matrix): Float64Array => calibrator.apply(base.predict(X)),
    predictRow(row: Float64Array, out: Float64Array): void {
      base.predictRow(row, out);
      calibrator.applyInPlace(out);
    },
    toJSON: (): ModelJSON => calibratedJSON(base, calibrator),
  };
  return Object.freeze(model);
}

function calibratedJSON(base: Model, calibrator: Calibrator): ModelJSON {
  const inner = base.toJSON();
  return {
    format: 'gauntlet-model',
    version: 1,
    learner: CALIBRATED_LEARNER,
    task: base.task,
    nClasses: base.nClasses,
    featureNames: inner.featureNames,
    params: base.params,
    state: { base: inner, calibrator: calibrator.toJSON() },
  };
}

/** Rebuild a calibrated model; `loadBase` rebuilds the wrapped model (e.g. learners' loadModel). */
export function loadCalibratedModel(json: ModelJSON, loadBase: (j: ModelJSON) => Model): CalibratedModel {
  if (json?.format !== 'gauntlet-model' || json.version !== 1) {
    throw new DataError(`calibrated model JSON must have format 'gauntlet-model' and version 1; got ${JSON.stringify([json?.format, json?.version])}`);
  }
  if (json.learner !== CALIBRATED_LEARNER) throw new DataError(`this JSON holds a '${json.learner}' model, not a '${CALIBRATED_LEARNER}' one; load it with its learner`);
  const state = json.state;
  if (typeof state !== 'object' || state === null || !('base' in state) || !('calibrator' in state)) {
    throw new DataError('calibrated model JSON: state must be an object with keys base and calibrator');
  }
  return calibrated(loadBase(state.base as ModelJSON), loadCalibrator(state.calibrator));
}
