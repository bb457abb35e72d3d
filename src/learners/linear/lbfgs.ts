// L-BFGS minimization over Float64Array (Nocedal & Wright, Alg. 7.4/7.5) with a Wolfe line search.
import { wolfeLineSearch, type LineFunction } from './linesearch.ts';

/** f(x); writes ∇f(x) into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  readonly maxIter: number;
  /** converged when max |∂f/∂x_i| <= gtol (scipy's `gtol`, sklearn's `tol` for lbfgs) */
  readonly gtol: number;
  /** also converged when one iteration decreases f by at most ftol·max(|f|, 1); 0 (default) disables */
  readonly ftol?: number;
  /** number of correction pairs kept (default 10, like scipy) */
  readonly memory?: number;
  /** function evaluations allowed per line search (default 20, like scipy) */
  readonly maxLineSearch?: number;
  /**
   * out = M⁻¹·v for an SPD matrix M that approximates the Hessian (e.g. its value at the start). It becomes the initial
   * inverse-Hessian estimate H₀ = γ·M⁻¹ of every iteration, which the correction pairs then refine.
   */
  readonly preconditioner?: (v: Float64Array, out: Float64Array) => void;
  /** called after every accepted iteration with the new point and its objective value */
  readonly onIteration?: (iteration: number, x: Float64Array, f: number, g: Float64Array) => void;
}

export type StopReason = 'gradient' | 'ftol' | 'maxIter' | 'lineSearch';

export interface LbfgsResult {
  readonly x: Float64Array;
  readonly f: number;
  /** max |∂f/∂x_i| at x */
  readonly gradNorm: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly reason: StopReason;
}

/** Minimize `fg` from `x0` (not modified). Deterministic: same inputs, same bits. */
export function minimizeLbfgs(fg: Objective, x0: Float64Array, opts: LbfgsOptions): LbfgsResult {
  const state = new SolverState(fg, x0, new History(x0.length, opts.memory ?? 10, opts.preconditioner));
  const ftol = opts.ftol ?? 0;
  let reason: StopReason = 'maxIter';
  let fPrev = Infinity;
  for (;;) {
    if (maxAbs(state.g) <= opts.gtol) { reason = 'gradient'; break; }
    if (ftol > 0 && fPrev - state.f <= ftol * Math.max(Math.abs(state.f), 1)) { reason = 'ftol'; break; }
    if (state.iterations >= opts.maxIter) { reason = 'maxIter'; break; }
    fPrev = state.f;
    if (!state.step(opts.maxLineSearch ?? 20)) { reason = 'lineSearch'; break; }
    opts.onIteration?.(state.iterations, state.x, state.f, state.g);
  }
  const converged = reason === 'gradient' || reason === 'ftol';
  return { x: state.x, f: state.f, gradNorm: maxAbs(state.g), iterations: state.iterations, evaluations: state.evaluations, converged, reason };
}

/** The iterate, its gradient, the correction history and scratch buffers. */
class SolverState {
  x: Float64Array;
  g: Float64Array;
  f: number;
  iterations = 0;
  evaluations = 1;
  private fTrial = NaN;
  private xTrial: Float64Array;
  private gTrial: Float64Array;
  private readonly dir: Float64Array;

  constructor(private readonly fg: Objective, x0: Float64Array, private readonly history: History) {
    const n = x0.length;
    this.x = Float64Array.from(x0);
    this.g = new Float64Array(n);
    this.f = fg(this.x, this.g);
    this.xTrial = new Float64Array(n);
    this.gTrial = new Float64Array(n);
    this.dir = new Float64Array(n);
    if (!Number.isFinite(this.f)) throw new RangeError(`L-BFGS: the objective is not finite at the starting point (got ${this.f})`);
  }

  /** One quasi-Newton iteration; false when the line search finds no acceptable step. */
  step(maxLineSearch: number): boolean {
    let slope0 = this.direction();
    if (!(slope0 < 0)) { // not a descent direction (rounding): restart from steepest descent
      this.history.clear();
      slope0 = this.direction();
      if (!(slope0 < 0)) return false;
    }
    const first = this.history.size === 0 && !this.history.preconditioned ? Math.min(1, 1 / norm2(this.dir)) : 1;
    const ls = wolfeLineSearch(this.lineFunction(), this.f, slope0, first, maxLineSearch);
    this.evaluations += ls.evaluations;
    if (ls.step === 0) return false;
    if (!ls.lastIsAccepted) { this.moveTo(ls.step); this.evaluations++; }
    this.accept();
    return true;
  }

  /** dir = -H·g from the two-loop recursion; returns the slope g·dir. */
  private direction(): number {
    this.history.applyInverseHessian(this.g, this.dir);
    for (let i = 0; i < this.dir.length; i++) this.dir[i] = -this.dir[i];
    return dot(this.g, this.dir);
  }

  private lineFunction(): LineFunction {
    return (step) => {
      const value = this.moveTo(step);
      return { value, slope: dot(this.gTrial, this.dir) };
    };
  }

  /** Evaluate the trial point x + step·dir into xTrial / gTrial. */
  private moveTo(step: number): number {
    const { x, dir, xTrial } = this;
    for (let i = 0; i < x.length; i++) xTrial[i] = x[i] + step * dir[i];
    this.fTrial = this.fg(xTrial, this.gTrial);
    return this.fTrial;
  }

  /** The trial point becomes the iterate; its (s, y) pair enters the history. */
  private accept(): void {
    this.history.push(this.x, this.xTrial, this.g, this.gTrial);
    [this.x, this.xTrial] = [this.xTrial, this.x];
    [this.g, this.gTrial] = [this.gTrial, this.g];
    this.f = this.fTrial;
    this.iterations++;
  }
}

/** The last `m` correction pairs s = Δx, y = Δg, in a ring buffer. */
class History {
  size = 0;
  private next = 0;
  private readonly s: Float64Array[] = [];
  private readonly y: Float64Array[] = [];
  private readonly rho: Float64Array;
  private readonly alpha: Float64Array;
  private readonly scratch: Float64Array;

  constructor(n: number, private readonly m: number, private readonly precondition?: (v: Float64Array, out: Float64Array) => void) {
    for (let i = 0; i < m; i++) { this.s.push(new Float64Array(n)); this.y.push(new Float64Array(n)); }
    this.rho = new Float64Array(m);
    this.alpha = new Float64Array(m);
    this.scratch = new Float64Array(n);
  }

  get preconditioned(): boolean {
    return this.precondition !== undefined;
  }

  clear(): void {
    this.size = 0;
    this.next = 0;
  }

  /** Store s = x1 - x0, y = g1 - g0, unless the curvature s·y is not safely positive. */
  push(x0: Float64Array, x1: Float64Array, g0: Float64Array, g1: Float64Array): void {
    const s = this.s[this.next];
    const y = this.y[this.next];
    for (let i = 0; i < s.length; i++) { s[i] = x1[i] - x0[i]; y[i] = g1[i] - g0[i]; }
    const sy = dot(s, y);
    if (!(sy > Number.EPSILON * dot(y, y))) return;
    this.rho[this.next] = 1 / sy;
    this.next = (this.next + 1) % this.m;
    this.size = Math.min(this.size + 1, this.m);
  }

  /** out = H·g, H the L-BFGS inverse-Hessian approximation (identity scaled by s·y/y·y of the newest pair). */
  applyInverseHessian(g: Float64Array, out: Float64Array): void {
    out.set(g);
    for (let k = 1; k <= this.size; k++) {
      const i = this.slot(k);
      this.alpha[i] = this.rho[i] * dot(this.s[i], out);
      axpy(-this.alpha[i], this.y[i], out);
    }
    this.applyInitial(out);
    for (let k = this.size; k >= 1; k--) {
      const i = this.slot(k);
      const beta = this.rho[i] * dot(this.y[i], out);
      axpy(this.alpha[i] - beta, this.s[i], out);
    }
  }

  /** out ← H₀·out: γ·M⁻¹·out with a preconditioner, else γ·out; γ = s·y / (y·H·y) from the newest pair (Nocedal & Wright 7.20). */
  private applyInitial(out: Float64Array): void {
    const newest = this.slot(1);
    if (this.precondition) {
      this.scratch.set(out);
      this.precondition(this.scratch, out);
      if (this.size === 0) return;
      this.precondition(this.y[newest], this.scratch);
      scale(out, 1 / (this.rho[newest] * dot(this.y[newest], this.scratch)));
    } else if (this.size > 0) {
      scale(out, 1 / (this.rho[newest] * dot(this.y[newest], this.y[newest])));
    }
  }

  /** ring-buffer slot of the k-th newest pair (k = 1: newest) */
  private slot(k: number): number {
    return (this.next - k + this.m * 2) % this.m;
  }
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += a * x[i];
}

function scale(x: Float64Array, a: number): void {
  for (let i = 0; i < x.length; i++) x[i] *= a;
}

function norm2(x: Float64Array): number {
  return Math.sqrt(dot(x, x));
}

function maxAbs(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  return m;
}
