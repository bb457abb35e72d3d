// The built-in learners, by name. A new learner registers here and passes learners/testing/conformance.ts.
import type { Learner, Model, ModelJSON, Task } from './types.ts';
import { loadZeroRule } from '../baselines/zero-rule.ts';
import { CALIBRATED_LEARNER, loadCalibratedModel } from '../calibrate/model.ts';
import { DataError, unknownNameHint } from '../util/errors.ts';
import { logistic } from './logistic.ts';
import { ridge } from './ridge.ts';
import { gbdt } from './gbdt/index.ts';

export const LEARNERS: Readonly<Record<string, Learner>> = {
  logistic,
  ridge,
  gbdt,
};

export function learnersFor(task: Task): Learner[] {
  return Object.values(LEARNERS).filter((l) => l.tasks.includes(task));
}

/** Rebuild any saved model (a learner's or the zero-rule baseline's) from its JSON. */
export function loadModel(json: ModelJSON): Model {
  if (json?.format !== 'gauntlet-model') throw new DataError(`not a gauntlet model file (format ${String(json?.format)})`);
  if (json.learner === 'zero_rule') return loadZeroRule(json);
  if (json.learner === CALIBRATED_LEARNER) return loadCalibratedModel(json, loadModel);
  const learner = LEARNERS[json.learner];
  if (!learner) throw new DataError(`model was trained by learner '${json.learner}', which this Gauntlet does not have; ${unknownNameHint(json.learner, Object.keys(LEARNERS))}`);
  return learner.load(json);
}

export * from './types.ts';
