// Small statistics for diagnosis: normal tail probabilities in log space, the two-proportion z-test, score intervals.

const LN10 = Math.LN10;

/** log(erfc(x)) for x ≥ 0, from Numerical Recipes' erfcc (fractional error < 1.2e-7), never underflowing. */
function logErfc(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly = -x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) + poly;
}

/** log P(Z > z) for a standard normal Z; finite even when the probability underflows (z = 40 → about −804). */
export function logNormalUpperTail(z: number): number {
  if (Number.isNaN(z)) return 0;
  if (z >= 0) return Math.log(0.5) + logErfc(z / Math.SQRT2);
  return Math.log1p(-0.5 * Math.exp(logErfc(-z / Math.SQRT2)));
}

/** P(Z > z). */
export function normalUpperTail(z: number): number {
  return Math.exp(logNormalUpperTail(z));
}

/** −log10 of a probability given as its natural log. */
export function minusLog10(logP: number): number {
  return -logP / LN10;
}

/**
 * Pooled two-proportion z statistic for "rate 1 > rate 2" (e1 successes of n1 vs e2 of n2).
 * 0 when both rates are 0 or both are 1 (no evidence either way).
 */
export function twoProportionZ(e1: number, n1: number, e2: number, n2: number): number {
  const p = (e1 + e2) / (n1 + n2);
  const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  return se > 0 ? (e1 / n1 - e2 / n2) / se : 0;
}

/** Wilson score interval of a proportion e/n at the normal quantile z (1.96 → 95%). */
export function wilson(e: number, n: number, z = 1.96): [number, number] {
  if (n === 0) return [0, 1];
  const p = e / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Newcombe's hybrid score interval (method 10) of p1 − p2 for independent proportions, 95% by default. */
export function newcombeDifference(e1: number, n1: number, e2: number, n2: number, z = 1.96): [number, number] {
  const p1 = e1 / n1;
  const p2 = e2 / n2;
  const [l1, u1] = wilson(e1, n1, z);
  const [l2, u2] = wilson(e2, n2, z);
  const d = p1 - p2;
  const lo = d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2);
  const hi = d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2);
  return [lo, hi];
}

/** Least-squares slope of y on x and its standard error (from the residuals; NaN with fewer than 3 points). */
export function slope(x: readonly number[], y: readonly number[]): { slope: number; se: number } {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  const b = sxx > 0 ? sxy / sxx : NaN;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (y[i] - my - b * (x[i] - mx)) ** 2;
  return { slope: b, se: n > 2 && sxx > 0 ? Math.sqrt(sse / (n - 2) / sxx) : NaN };
}

const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];

/** log Γ(x) for x > 0 (Lanczos, g = 7: about 15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/**
 * log of the one-sided Fisher exact p-value that a slice of n rows holds e or more of the E errors among N rows:
 * P(X ≥ e) for X ~ Hypergeometric(N, E, n), summed from e upwards in log space (no underflow).
 */
export function logFisherUpper(e: number, n: number, E: number, N: number): number {
  const hi = Math.min(n, E);
  const lo = Math.max(0, n - (N - E));
  if (e <= lo) return 0;
  if (e > hi) return -Infinity;
  const logFirst = logChoose(E, e) + logChoose(N - E, n - e) - logChoose(N, n);
  let term = 1;
  let sum = 1;
  for (let k = e; k < hi; k++) {
    term *= ((E - k) * (n - k)) / ((k + 1) * (N - E - n + k + 1));
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return Math.min(0, logFirst + Math.log(sum));
}
