// Platt scaling on the log-odds: p' = 1 / (1 + exp(a·logit(p) + b)), fit by Newton's method on Platt's smoothed targets.
//
// Fitting on logit(p) rather than on p (what sklearn's CalibratedClassifierCV does for models without a decision
// function) keeps a well-calibrated model nearly unchanged (a ≈ -1, b ≈ 0); REFERENCE.md shows the p-variant making
// XGBoost's ECE three times worse. The objective is sklearn's `_sigmoid_calibration`; sklearn stops BFGS at
// gtol 1e-5, we run Newton to the optimum (the two agree to ~1e-8).
import { sigmoid, softplus } from '../learners/linear/logloss.ts';
import type { PlattParams } from './types.ts';

/** Probabilities are clipped to [eps, 1 − eps] before the logit, so 0 and 1 map to finite log-odds (±34.5). */
export const LOGIT_EPS = 1e-15;

const MAX_ITER = 100;
const MIN_STEP = 1e-10;

export function logit(p: number): number {
  const q = Math.min(Math.max(p, LOGIT_EPS), 1 - LOGIT_EPS);
  return Math.log(q / (1 - q));
}

/** p' for log-odds s. */
export function plattMap(s: number, a: number, b: number): number {
  return sigmoid(-(a * s + b));
}

/** Platt's targets: (n₊ + 1)/(n₊ + 2) for positives, 1/(n₋ + 2) for negatives (Platt 1999, §2.2). */
function smoothedTargets(y: ArrayLike<number>): { hi: number; lo: number; prior0: number; prior1: number } {
  let prior1 = 0;
  for (let i = 0; i < y.length; i++) if (y[i] > 0) prior1++;
  const prior0 = y.length - prior1;
  return { hi: (prior1 + 1) / (prior1 + 2), lo: 1 / (prior0 + 2), prior0, prior1 };
}

interface Step {
  readonly f: number;
  readonly g: readonly [number, number];
  /** Hessian entries [∂aa, ∂ab, ∂bb] */
  readonly h: readonly [number, number, number];
}

/** Σ cross-entropy of the targets against p' = sigmoid(−z), z = a·s + b, with gradient and Hessian in (a, b). */
function evaluate(s: Float64Array, t: Float64Array, a: number, b: number, withDerivatives: boolean): Step {
  let f = 0, ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
  for (let i = 0; i < s.length; i++) {
    const z = a * s[i] + b;
    f += softplus(z) - (1 - t[i]) * z;
    if (!withDerivatives) continue;
    const p = sigmoid(-z);
    const r = t[i] - p;
    const w = p * (1 - p);
    ga += r * s[i]; gb += r;
    haa += w * s[i] * s[i]; hab += w * s[i]; hbb += w;
  }
  return { f, g: [ga, gb], h: [haa, hab, hbb] };
}

/** Newton direction −H⁻¹g, with a tiny ridge keeping H invertible on separable data. */
function newtonDirection(st: Step): [number, number] {
  const ridge = 1e-12 * Math.max(1, st.h[0], st.h[2]);
  const haa = st.h[0] + ridge, hab = st.h[1], hbb = st.h[2] + ridge;
  const det = haa * hbb - hab * hab;
  return [-(hbb * st.g[0] - hab * st.g[1]) / det, -(haa * st.g[1] - hab * st.g[0]) / det];
}

/** Fit (a, b) on log-odds `s` and 0/1 labels `y` (Lin, Lin & Weng's Newton with backtracking). */
export function fitPlatt(s: Float64Array, y: ArrayLike<number>): PlattParams {
  const { hi, lo, prior0, prior1 } = smoothedTargets(y);
  const t = Float64Array.from({ length: y.length }, (_, i) => (y[i] > 0 ? hi : lo));
  let a = 0;
  let b = Math.log((prior0 + 1) / (prior1 + 1));
  for (let iter = 0; iter < MAX_ITER; iter++) {
    const st = evaluate(s, t, a, b, true);
    const [da, db] = newtonDirection(st);
    const slope = st.g[0] * da + st.g[1] * db;
    if (!(slope < 0)) break; // gradient is zero to rounding: at the optimum
    const step = backtrack(s, t, a, b, da, db, st.f, slope);
    if (step === 0) break;
    a += step * da; b += step * db;
    if (Math.abs(step * da) <= 1e-15 * (1 + Math.abs(a)) && Math.abs(step * db) <= 1e-15 * (1 + Math.abs(b))) break;
  }
  return { a, b };
}

/**
 * Largest step in 1, ½, ¼, … meeting Armijo's condition; 0 when none above MIN_STEP does. When the predicted decrease
 * is below f's rounding error, f cannot tell steps apart: the full Newton step is taken (it converges quadratically there).
 */
function backtrack(s: Float64Array, t: Float64Array, a: number, b: number, da: number, db: number, f: number, slope: number): number {
  if (-slope <= 1e-11 * Math.abs(f)) return 1;
  for (let step = 1; step >= MIN_STEP; step /= 2) {
    const next = evaluate(s, t, a + step * da, b + step * db, false).f;
    if (next <= f + 1e-4 * step * slope) return step;
  }
  return 0;
}
