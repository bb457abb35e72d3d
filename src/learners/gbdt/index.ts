// The `gbdt` learner: histogram gradient-boosted trees (leaf-wise, native missing values and categoricals, workers).
import { LearnerError } from '../../util/errors.ts';
import type { FitContext, Learner, Matrix, ModelJSON, Params } from '../types.ts';
import { train, type TrainOptions } from './booster.ts';
import { GbdtModel, MODEL_VERSION } from './model.ts';
import { stateToForest } from './model-format.ts';
import { GBDT_PARAMS, toConfig } from './params.ts';

/** Fit with internal options (tests use them to force the worker pool on small data). */
export async function fitGbdt(X: Matrix, y: Float64Array, ctx: FitContext, params: Params, opts: TrainOptions = {}): Promise<GbdtModel> {
  if (X.nRows < 2) throw new LearnerError(`gbdt: training data must have at least 2 rows; got ${X.nRows}.`);
  if (y.length !== X.nRows) throw new LearnerError(`gbdt: y must have one target per row (${X.nRows}); got ${y.length}.`);
  const cfg = toConfig(params, X, ctx);
  const { forest, objective, iterations } = await train(X, y, ctx, cfg, opts);
  return new GbdtModel(ctx.task, ctx.nClasses, params, X.features.map((f) => f.name), forest, objective, iterations);
}

export const gbdt: Learner = {
  name: 'gbdt',
  description: 'Histogram gradient-boosted trees: leaf-wise growth, native missing values and categorical splits, monotone constraints, worker threads.',
  tasks: ['binary', 'multiclass', 'regression'],
  input: { impute: false, scale: false, categorical: 'native' },
  params: GBDT_PARAMS,
  fit: (X, y, ctx, params) => fitGbdt(X, y, ctx, params),
  load(json: ModelJSON): GbdtModel {
    if (json.format !== 'gauntlet-model' || json.learner !== 'gbdt' || json.version !== MODEL_VERSION) {
      throw new LearnerError(`gbdt.load: expected a gauntlet-model of learner gbdt, version ${MODEL_VERSION}; got ${json.format} / ${json.learner} / version ${json.version}.`);
    }
    const { forest, objective, iterations } = stateToForest(json.state);
    return new GbdtModel(json.task, json.nClasses, json.params, json.featureNames, forest, objective, iterations);
  },
};

export { GbdtModel } from './model.ts';
export { GBDT_PARAMS } from './params.ts';
