// L2-penalized log-loss objectives (binary and multinomial), as sklearn's LogisticRegression(penalty='l2') defines them.
//
// objective(w, b) = Σ_i s_i·loss_i + ½·l2·‖w‖²   (intercepts not penalized; sklearn's l2 = 1/C; sample weights s_i = 1
// unless given, e.g. class_weight='balanced')
// Parameter layout: binary [w_0..w_{p-1}, b]; multinomial class-major blocks [w_k0..w_k(p-1), b_k] for k = 0..K-1,
// i.e. sklearn's coef_ / intercept_ interleaved per class.
import type { Design } from './design.ts';

export interface LinearObjective {
  readonly nParams: number;
  /** total objective at x; when `grad` is given, ∇ is written there */
  evaluate(x: Float64Array, grad?: Float64Array): number;
  /** ½·l2·‖w‖² at x */
  penalty(x: Float64Array): number;
}

/** log(1 + e^z) without overflow */
export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** 1 / (1 + e^-z) without overflow */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export class BinaryLogLoss implements LinearObjective {
  readonly nParams: number;
  private readonly z: Float64Array;
  private readonly r: Float64Array;

  constructor(private readonly X: Design, private readonly y: Float64Array, private readonly l2: number, private readonly weights?: Float64Array) {
    this.nParams = X.nCols + 1;
    this.z = new Float64Array(X.nRows);
    this.r = new Float64Array(X.nRows);
  }

  evaluate(x: Float64Array, grad?: Float64Array): number {
    const { X, y, z, r, weights } = this;
    const p = X.nCols;
    X.linearPredictor(x, 0, x[p], z);
    let loss = 0;
    let rSum = 0;
    for (let i = 0; i < z.length; i++) {
      const zi = z[i];
      const s = weights === undefined ? 1 : weights[i];
      const e = Math.exp(-Math.abs(zi)); // one exp gives both softplus(z) and sigmoid(z)
      loss += s * ((zi > 0 ? zi : 0) + Math.log1p(e) - y[i] * zi);
      r[i] = s * ((zi >= 0 ? 1 / (1 + e) : e / (1 + e)) - y[i]);
      rSum += r[i];
    }
    if (grad) {
      X.transposeProduct(r, grad, 0);
      for (let j = 0; j < p; j++) grad[j] += this.l2 * x[j];
      grad[p] = rSum;
    }
    return loss + this.penalty(x);
  }

  penalty(x: Float64Array): number {
    return halfSquaredNorm(x, 0, this.X.nCols) * this.l2;
  }
}

export class SoftmaxLogLoss implements LinearObjective {
  readonly nParams: number;
  /** scores, then (weighted) residuals p - onehot(y), per class */
  private readonly z: Float64Array[];

  constructor(
    private readonly X: Design, private readonly y: Float64Array, private readonly k: number, private readonly l2: number,
    private readonly weights?: Float64Array,
  ) {
    this.nParams = k * (X.nCols + 1);
    this.z = Array.from({ length: k }, () => new Float64Array(X.nRows));
  }

  evaluate(x: Float64Array, grad?: Float64Array): number {
    const { X, z, k } = this;
    const stride = X.nCols + 1;
    for (let c = 0; c < k; c++) X.linearPredictor(x, c * stride, x[c * stride + X.nCols], z[c]);
    const loss = this.lossAndResiduals();
    if (grad) {
      for (let c = 0; c < k; c++) this.classGradient(c, x, grad);
    }
    return loss + this.penalty(x);
  }

  penalty(x: Float64Array): number {
    const stride = this.X.nCols + 1;
    let s = 0;
    for (let c = 0; c < this.k; c++) s += halfSquaredNorm(x, c * stride, this.X.nCols);
    return s * this.l2;
  }

  /** Σ_i s_i·[logsumexp(z_i) - z_i,y_i]; overwrites z with the residuals s_i·(softmax(z) - onehot(y)). */
  private lossAndResiduals(): number {
    const { z, y, k, weights } = this;
    let loss = 0;
    for (let i = 0; i < this.X.nRows; i++) {
      const label = y[i];
      const s = weights === undefined ? 1 : weights[i];
      let max = -Infinity;
      for (let c = 0; c < k; c++) max = Math.max(max, z[c][i]);
      loss += s * (max - z[label][i]);
      let sum = 0;
      for (let c = 0; c < k; c++) { z[c][i] = Math.exp(z[c][i] - max); sum += z[c][i]; }
      loss += s * Math.log(sum);
      for (let c = 0; c < k; c++) z[c][i] = s * (z[c][i] / sum - (c === label ? 1 : 0));
    }
    return loss;
  }

  private classGradient(c: number, x: Float64Array, grad: Float64Array): void {
    const p = this.X.nCols;
    const offset = c * (p + 1);
    const r = this.z[c];
    this.X.transposeProduct(r, grad, offset);
    for (let j = 0; j < p; j++) grad[offset + j] += this.l2 * x[offset + j];
    let rSum = 0;
    for (let i = 0; i < r.length; i++) rSum += r[i];
    grad[offset + p] = rSum;
  }
}

function halfSquaredNorm(x: Float64Array, offset: number, length: number): number {
  let s = 0;
  for (let j = offset; j < offset + length; j++) s += x[j] * x[j];
  return 0.5 * s;
}
