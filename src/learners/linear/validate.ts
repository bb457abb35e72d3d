// Input checks every learner's fit needs: task, shapes, targets, missing values. Each failure is a one-line LearnerError.
import { LearnerError } from '../../util/errors.ts';
import type { FitContext, Learner, Matrix, Params, Task } from '../types.ts';

/** Check X, y and ctx before fitting `learner`; throws LearnerError naming what is wrong and how to fix it. */
export function checkFitInputs(learner: Learner, X: Matrix, y: Float64Array, ctx: FitContext): void {
  checkTask(learner, ctx);
  checkMatrix(X, 'training');
  if (X.nRows < 2) throw new LearnerError(`${learner.name} needs at least 2 training rows; got ${X.nRows}`);
  checkTargets(X, y, ctx, 'training');
  if (learner.input.impute) checkFinite(learner.name, X, 'training');
  if (ctx.validation) checkValidation(learner, X, ctx);
}

function checkValidation(learner: Learner, X: Matrix, ctx: FitContext): void {
  const v = ctx.validation;
  if (!v) return;
  checkMatrix(v.X, 'validation');
  if (v.X.columns.length !== X.columns.length) {
    throw new LearnerError(`validation data must have the training features: training has ${X.columns.length}, validation has ${v.X.columns.length}`);
  }
  checkTargets(v.X, v.y, ctx, 'validation');
  if (learner.input.impute) checkFinite(learner.name, v.X, 'validation');
}

function checkTask(learner: Learner, ctx: FitContext): void {
  if (!learner.tasks.includes(ctx.task)) {
    throw new LearnerError(`${learner.name} supports ${learner.tasks.join(', ')} tasks only; got task '${ctx.task}' (choose a learner listed for ${ctx.task})`);
  }
  const ok = ctx.task === 'binary' ? ctx.nClasses === 2 : ctx.task === 'multiclass' ? Number.isInteger(ctx.nClasses) && ctx.nClasses >= 2 : ctx.nClasses === 1;
  if (!ok) throw new LearnerError(`nClasses must be ${expectedClasses(ctx.task)} for task '${ctx.task}'; got ${ctx.nClasses}`);
}

function expectedClasses(task: Task): string {
  return task === 'binary' ? '2' : task === 'multiclass' ? 'an integer >= 2' : '1';
}

/** Columns match the feature list and all have nRows values. */
export function checkMatrix(X: Matrix, what: string): void {
  if (X.columns.length !== X.features.length) {
    throw new LearnerError(`${what} matrix must have one column per feature: ${X.features.length} features, ${X.columns.length} columns`);
  }
  X.columns.forEach((c, j) => {
    if (c.length !== X.nRows) {
      throw new LearnerError(`${what} column '${X.features[j].name}' must have nRows = ${X.nRows} values; got ${c.length}`);
    }
  });
}

function checkTargets(X: Matrix, y: Float64Array, ctx: FitContext, what: string): void {
  if (y.length !== X.nRows) throw new LearnerError(`y must have one value per ${what} row: X has ${X.nRows} rows, y has ${y.length}`);
  for (let i = 0; i < y.length; i++) {
    const problem = targetProblem(y[i], ctx);
    if (problem) throw new LearnerError(`${what} target ${problem}; got ${y[i]} at row ${i}${hint(y[i], ctx.task)}`);
  }
  if (what === 'training' && ctx.task !== 'regression') checkTwoClasses(y);
}

/** Why a target value is invalid for the task, or undefined if it is valid. */
function targetProblem(v: number, ctx: FitContext): string | undefined {
  if (!Number.isFinite(v)) return 'must be finite';
  if (ctx.task === 'binary' && v !== 0 && v !== 1) return 'must be 0 or 1 for a binary task';
  if (ctx.task === 'multiclass' && !(Number.isInteger(v) && v >= 0 && v < ctx.nClasses)) {
    return `must be a class index 0..${ctx.nClasses - 1} for a multiclass task`;
  }
  return undefined;
}

function hint(v: number, task: Task): string {
  if (!Number.isFinite(v)) return ' (drop rows with a missing target before fitting)';
  return task === 'binary' ? ' (encode the positive class as 1, the other as 0)' : task === 'multiclass' ? ' (encode classes as 0..k-1)' : '';
}

function checkTwoClasses(y: Float64Array): void {
  for (let i = 1; i < y.length; i++) if (y[i] !== y[0]) return;
  throw new LearnerError(`target has one class (${y[0]}) in the training rows; a classifier needs at least two`);
}

/** Every value of X is finite; the error names the feature and row. */
export function checkFinite(learner: string, X: Matrix, what: string): void {
  X.columns.forEach((c, j) => {
    for (let i = 0; i < c.length; i++) {
      if (!Number.isFinite(c[i])) {
        throw new LearnerError(`${learner} needs finite inputs: ${what} feature '${X.features[j].name}' is ${c[i]} at row ${i} (impute missing values first; ${learner} declares input.impute = true)`);
      }
    }
  });
}

/** A numeric hyperparameter from resolved params (resolveParams has already checked its range). */
export function numberParam(params: Params, name: string): number {
  const v = params[name];
  if (typeof v !== 'number') throw new LearnerError(`parameter '${name}' must be a number; got ${JSON.stringify(v)} (resolve params with resolveParams first)`);
  return v;
}
