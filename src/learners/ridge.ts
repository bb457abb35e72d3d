// Ridge regression: least squares + alpha·‖w‖², unpenalized intercept, solved exactly (Cholesky on centered data), like sklearn's Ridge.
import type { FitContext, Learner, Matrix, Model, ModelJSON, ParamSpec, Params } from './types.ts';
import { choleskySolve } from './linear/cholesky.ts';
import { LinearModel, loadLinearModel } from './linear/model.ts';
import { checkFitInputs, numberParam } from './linear/validate.ts';

const PARAMS: readonly ParamSpec[] = [
  {
    name: 'alpha', type: 'float', default: 1, min: 0,
    description: 'L2 penalty strength on the coefficients (sklearn Ridge alpha); the intercept is not penalized',
    search: { low: 1e-3, high: 1e3, log: true },
  },
];

export const ridge: Learner = {
  name: 'ridge',
  description: 'Linear regression with an L2 penalty, solved exactly (normal equations, Cholesky)',
  tasks: ['regression'],
  input: { impute: true, scale: true, categorical: 'onehot' },
  params: PARAMS,
  fit: fitRidge,
  load: (json: ModelJSON): Model => loadLinearModel(json, 'ridge'),
};

async function fitRidge(X: Matrix, y: Float64Array, ctx: FitContext, params: Params): Promise<Model> {
  checkFitInputs(ridge, X, y, ctx);
  const solution = solveRidge(X, y, numberParam(params, 'alpha'));
  const model = new LinearModel({
    learner: 'ridge', task: 'regression', nClasses: 1, params,
    featureNames: X.features.map((f) => f.name),
    coef: solution.coef,
    intercept: Float64Array.of(solution.intercept),
    info: { jitter: solution.jitter },
  });
  ctx.onCurve?.('train_loss', 1, meanSquaredError(model.predict(X), y));
  if (ctx.validation) ctx.onCurve?.('valid_loss', 1, meanSquaredError(model.predict(ctx.validation.X), ctx.validation.y));
  return model;
}

export interface RidgeSolution {
  readonly coef: Float64Array;
  readonly intercept: number;
  /** extra diagonal added when Xᵀ X + alpha·I was singular to working precision (0 normally) */
  readonly jitter: number;
}

/** argmin ‖y - b - X·w‖² + alpha·‖w‖²: center X and y, solve (XcᵀXc + alpha·I)·w = Xcᵀ yc, b = ȳ - x̄·w. */
export function solveRidge(X: Matrix, y: Float64Array, alpha: number): RidgeSolution {
  const means = X.columns.map(mean);
  const yMean = mean(y);
  const centered = X.columns.map((c, j) => c.map((v) => v - means[j]));
  const yc = y.map((v) => v - yMean);
  const gram = gramMatrix(centered);
  const rhs = Float64Array.from(centered, (c) => dot(c, yc));
  const { coef, jitter } = solveWithJitter(gram, rhs, alpha);
  let intercept = yMean;
  for (let j = 0; j < coef.length; j++) intercept -= means[j] * coef[j];
  return { coef, intercept, jitter };
}

/**
 * Solve (G + alpha·I)·w = rhs. When alpha = 0 and columns are collinear (e.g. a full one-hot block), the system is
 * singular; then a tiny ridge (relative 1e-10, growing) picks the near-minimum-norm least-squares solution.
 */
function solveWithJitter(gram: Float64Array, rhs: Float64Array, alpha: number): { coef: Float64Array; jitter: number } {
  const p = rhs.length;
  let maxDiag = 0;
  for (let j = 0; j < p; j++) maxDiag = Math.max(maxDiag, gram[j * p + j]);
  for (let jitter = 0; ; jitter = jitter === 0 ? 1e-10 * Math.max(maxDiag, 1) : jitter * 100) {
    const A = Float64Array.from(gram);
    for (let j = 0; j < p; j++) A[j * p + j] += alpha + jitter;
    const coef = choleskySolve(A, rhs);
    if (coef) return { coef, jitter };
  }
}

function gramMatrix(cols: readonly Float64Array[]): Float64Array {
  const p = cols.length;
  const G = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    for (let l = 0; l <= j; l++) {
      const v = dot(cols[j], cols[l]);
      G[j * p + l] = v;
      G[l * p + j] = v;
    }
  }
  return G;
}

function mean(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function meanSquaredError(pred: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (pred[i] - y[i]) ** 2;
  return s / y.length;
}
