// Logistic regression with an L2 penalty, binary and multinomial, fit by L-BFGS: the objective of sklearn's LogisticRegression(penalty='l2', solver='lbfgs').
import { LearnerError } from '../util/errors.ts';
import type { FitContext, Learner, Matrix, Model, ModelJSON, ParamSpec, Params } from './types.ts';
import { Design } from './linear/design.ts';
import { minimizeLbfgs, type LbfgsResult } from './linear/lbfgs.ts';
import { BinaryLogLoss, SoftmaxLogLoss, type LinearObjective } from './linear/logloss.ts';
import { LinearModel, loadLinearModel } from './linear/model.ts';
import { hessianPreconditioner, type Preconditioner } from './linear/precondition.ts';
import { checkFitInputs, numberParam } from './linear/validate.ts';
import { CLASS_WEIGHTS, classWeightParam, sampleWeights } from './linear/weights.ts';

const PARAMS: readonly ParamSpec[] = [
  {
    name: 'C', type: 'float', default: 1, min: 0, minExclusive: true,
    description: 'inverse L2 penalty strength: objective = Σ log-loss + ‖w‖² / (2C) (sklearn C); the intercept is not penalized',
    search: { low: 1e-3, high: 1e2, log: true },
  },
  { name: 'maxIter', type: 'int', default: 500, min: 1, description: 'maximum L-BFGS iterations; the model is returned (converged: false) if reached' },
  {
    name: 'tol', type: 'float', default: 1e-6, min: 0, minExclusive: true,
    description: 'stop when every partial derivative of the objective is at most tol in absolute value (sklearn/scipy gtol)',
  },
  {
    name: 'classWeight', type: 'enum', default: 'none', values: CLASS_WEIGHTS,
    description: "'balanced' weights each row's loss by n / (k·n_class), like sklearn class_weight='balanced': "
      + 'more recall on rare classes, but probabilities are no longer calibrated (calibrate afterwards)',
  },
];

export const logistic: Learner = {
  name: 'logistic',
  description: 'L2-regularized logistic regression (softmax for multiclass), fit by L-BFGS',
  tasks: ['binary', 'multiclass'],
  input: { impute: true, scale: true, categorical: 'onehot' },
  params: PARAMS,
  fit: fitLogistic,
  load: (json: ModelJSON): Model => loadLinearModel(json, 'logistic'),
};

async function fitLogistic(X: Matrix, y: Float64Array, ctx: FitContext, params: Params): Promise<Model> {
  checkFitInputs(logistic, X, y, ctx);
  const C = numberParam(params, 'C');
  const maxIter = numberParam(params, 'maxIter');
  const design = new Design(X);
  const objective = makeObjective(design, y, ctx, 1 / C, sampleWeights(classWeightParam(params), y));
  const result = minimizeLbfgs((x, g) => objective.evaluate(x, g), new Float64Array(objective.nParams), {
    maxIter,
    gtol: numberParam(params, 'tol'),
    preconditioner: preconditionerFor(design, ctx, 1 / C),
    onIteration: curveRecorder(objective, X.nRows, ctx),
  });
  ctx.onProgress?.(1, `logistic: ${result.iterations} iterations, ${result.converged ? 'converged' : `not converged (${result.reason})`}`);
  return toModel(X, ctx, params, result);
}

/** The penalized training objective; `weights` (per row) scale each row's loss, as sklearn's sample_weight. */
function makeObjective(design: Design, y: Float64Array, ctx: FitContext, l2: number, weights?: Float64Array): LinearObjective {
  return ctx.task === 'binary' ? new BinaryLogLoss(design, y, l2, weights) : new SoftmaxLogLoss(design, y, ctx.nClasses, l2, weights);
}

/** The log-loss Hessian at w = 0: curvature 1/4 (binary) or (1/K)(1 - 1/K) per class block (softmax). */
function preconditionerFor(design: Design, ctx: FitContext, l2: number): Preconditioner {
  if (ctx.task === 'binary') return hessianPreconditioner(design, 0.25, l2, 1);
  const k = ctx.nClasses;
  return hessianPreconditioner(design, (1 / k) * (1 - 1 / k), l2, k);
}

/**
 * Per iteration: mean training log-loss (penalty excluded; weighted by the class weights, which sum to n) and, with
 * validation data, the unweighted mean validation log-loss.
 */
function curveRecorder(objective: LinearObjective, nRows: number, ctx: FitContext): ((iteration: number, x: Float64Array, f: number, g: Float64Array) => void) | undefined {
  const { onCurve, validation } = ctx;
  if (!onCurve) return undefined;
  const valid = validation ? { loss: makeObjective(new Design(validation.X), validation.y, ctx, 0), n: validation.X.nRows } : undefined;
  return (iteration, x, f, g) => {
    if (!Number.isFinite(f)) throw new LearnerError(`NAN_IN_TRAINING: logistic loss became ${f} at iteration ${iteration}; check the inputs for extreme values`);
    let norm = 0;
    for (let j = 0; j < g.length; j++) norm += g[j] * g[j];
    onCurve('train_loss', iteration, (f - objective.penalty(x)) / nRows);
    onCurve('grad_norm', iteration, Math.sqrt(norm));
    if (valid) onCurve('valid_loss', iteration, valid.loss.evaluate(x) / valid.n);
  };
}

/** Unpack the solver's parameter vector (class-major [w_k, b_k] blocks) into coef/intercept. */
function toModel(X: Matrix, ctx: FitContext, params: Params, result: LbfgsResult): LinearModel {
  const p = X.columns.length;
  const nOut = ctx.task === 'binary' ? 1 : ctx.nClasses;
  const coef = new Float64Array(nOut * p);
  const intercept = new Float64Array(nOut);
  for (let k = 0; k < nOut; k++) {
    coef.set(result.x.subarray(k * (p + 1), k * (p + 1) + p), k * p);
    intercept[k] = result.x[k * (p + 1) + p];
  }
  return new LinearModel({
    learner: 'logistic', task: ctx.task, nClasses: ctx.nClasses, params,
    featureNames: X.features.map((f) => f.name),
    coef, intercept, iterations: result.iterations,
    info: { converged: result.converged, stopReason: result.reason, objective: result.f, gradNorm: result.gradNorm },
  });
}
