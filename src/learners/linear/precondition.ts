// Preconditioner for L-BFGS on linear models: the Hessian of the log-loss at w = 0, factored once.
//
// One-hot columns make logistic regression badly conditioned: the levels of a category sum to the intercept column, so
// shifting all of them against the intercept is curved by the penalty alone (1/C) while frequent levels are curved by
// ~n/4. Plain L-BFGS then needs hundreds of iterations (scipy's too). With H₀ = M⁻¹, M = c·X₁ᵀX₁ + l2·I (X₁ = [X, 1],
// intercept unpenalized) that direction is exact from the first step and Adult-like data converge in tens of iterations.
// When forming M would cost more than a few dozen gradient evaluations (very wide data), only its diagonal is used.
import { choleskyFactor } from './cholesky.ts';
import type { Design } from './design.ts';

/** Build M only if it costs at most this many X·w products. */
const GRAM_BUDGET = 40;

export type Preconditioner = (v: Float64Array, out: Float64Array) => void;

/**
 * M⁻¹ applied to each of `blocks` consecutive blocks of p+1 parameters ([w, b] per class).
 * `curvature` is the loss's second derivative at w = 0: 1/4 for binary, (1/K)(1 - 1/K) per class for softmax.
 */
export function hessianPreconditioner(X: Design, curvature: number, l2: number, blocks: number): Preconditioner {
  const q = X.nCols + 1;
  const work = X.gramCost() + (q * q * q) / 3;
  const inverse = work <= GRAM_BUDGET * Math.max(X.productCost(), X.nRows) ? fullInverse(X, curvature, l2) : null;
  const apply = inverse ?? diagonalInverse(X, curvature, l2);
  return (v, out) => {
    for (let k = 0; k < blocks; k++) apply(v.subarray(k * q, (k + 1) * q), out.subarray(k * q, (k + 1) * q));
  };
}

/** M = curvature·X₁ᵀX₁ + l2·I_w, Cholesky-factored; null if not numerically positive definite. */
function fullInverse(X: Design, curvature: number, l2: number): Preconditioner | null {
  const p = X.nCols;
  const q = p + 1;
  const M = new Float64Array(q * q);
  const G = X.gram();
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) M[a * q + b] = curvature * G[a * p + b];
    M[a * q + p] = M[p * q + a] = curvature * X.columnSum(a);
    M[a * q + a] += l2;
  }
  M[p * q + p] = curvature * X.nRows;
  const L = choleskyFactor(M, q);
  return L ? (v, out) => choleskySolveInto(L, q, v, out) : null;
}

function diagonalInverse(X: Design, curvature: number, l2: number): Preconditioner {
  const p = X.nCols;
  const d = new Float64Array(p + 1);
  for (let j = 0; j < p; j++) d[j] = curvature * X.columnSquares(j) + l2;
  d[p] = curvature * X.nRows;
  return (v, out) => {
    for (let j = 0; j <= p; j++) out[j] = v[j] / d[j];
  };
}

/** out = (L·Lᵀ)⁻¹·v without allocating */
function choleskySolveInto(L: Float64Array, q: number, v: Float64Array, out: Float64Array): void {
  for (let i = 0; i < q; i++) {
    let s = v[i];
    for (let k = 0; k < i; k++) s -= L[i * q + k] * out[k];
    out[i] = s / L[i * q + i];
  }
  for (let i = q - 1; i >= 0; i--) {
    let s = out[i];
    for (let k = i + 1; k < q; k++) s -= L[k * q + i] * out[k];
    out[i] = s / L[i * q + i];
  }
}
