// Binomial(m, q) draws for the block-wise bootstrap: inversion outward from the mode, the mode's probability by Loader's saddle-point formula (R's dbinom).
import type { Rng } from '../util/rng.ts';

const LN_SQRT_2PI = 0.918938533204672741780329736406; // log(√(2π))
const LN_2PI = 1.837877066409345483560659472811; // log(2π)

/** log(k!) − log(√(2πk)·(k/e)^k) for k ≥ 1: a sum of logs for small k, Stirling's series beyond (as R's stirlerr). */
export function stirlerr(k: number): number {
  if (k <= 15) {
    let logFactorial = 0;
    for (let i = 2; i <= k; i++) logFactorial += Math.log(i);
    return logFactorial - (k + 0.5) * Math.log(k) + k - LN_SQRT_2PI;
  }
  const k2 = k * k;
  const s0 = 1 / 12, s1 = 1 / 360, s2 = 1 / 1260, s3 = 1 / 1680, s4 = 1 / 1188;
  if (k > 500) return (s0 - s1 / k2) / k;
  if (k > 80) return (s0 - (s1 - s2 / k2) / k2) / k;
  if (k > 35) return (s0 - (s1 - (s2 - s3 / k2) / k2) / k2) / k;
  return (s0 - (s1 - (s2 - (s3 - s4 / k2) / k2) / k2) / k2) / k;
}

/** x·log(x/μ) + μ − x without cancellation when x ≈ μ (Loader's bd0). */
export function bd0(x: number, mu: number): number {
  if (Math.abs(x - mu) >= 0.1 * (x + mu)) return x * Math.log(x / mu) + mu - x;
  let v = (x - mu) / (x + mu);
  let s = (x - mu) * v;
  let ej = 2 * x * v;
  v *= v;
  for (let j = 1; j < 1000; j++) {
    ej *= v;
    const next = s + ej / (2 * j + 1);
    if (next === s) return next;
    s = next;
  }
  return s;
}

/** P(K = k) for K ~ Binomial(m, q), 0 < q < 1, to about 1e-14 relative (Loader 2000, as R's dbinom_raw). */
export function binomialPmf(k: number, m: number, q: number): number {
  const p = 1 - q;
  if (k === 0) return Math.exp(q < 0.1 ? -bd0(m, m * p) - m * q : m * Math.log(p));
  if (k === m) return Math.exp(p < 0.1 ? -bd0(m, m * q) - m * p : m * Math.log(q));
  const lc = stirlerr(m) - stirlerr(k) - stirlerr(m - k) - bd0(k, m * q) - bd0(m - k, m * p);
  return Math.exp(lc - 0.5 * (LN_2PI + Math.log(k) + Math.log1p(-k / m)));
}

/**
 * One Binomial(m, q) draw from one rng.float(): inversion over the outcomes taken outward from the
 * mode (mode, mode − 1, mode + 1, mode − 2, …), each probability from its neighbour's by the pmf
 * ratio. Expected steps grow with the standard deviation √(mq(1−q)), not with m.
 */
export function binomial(rng: Rng, m: number, q: number): number {
  if (m === 0 || q <= 0) return 0;
  if (q >= 1) return m;
  const mode = Math.min(m, Math.floor((m + 1) * q));
  const fMode = binomialPmf(mode, m, q);
  let u = rng.float() - fMode;
  if (u < 0) return mode;
  const odds = q / (1 - q);
  let lo = mode, hi = mode, fLo = fMode, fHi = fMode;
  while (fLo > 0 || fHi > 0) {
    if (lo > 0) {
      fLo *= lo / ((m - lo + 1) * odds);
      lo--;
      u -= fLo;
      if (u < 0) return lo;
    } else fLo = 0;
    if (hi < m) {
      fHi *= ((m - hi) * odds) / (hi + 1);
      hi++;
      u -= fHi;
      if (u < 0) return hi;
    } else fHi = 0;
  }
  return mode; // u beyond the computed mass by rounding (~1e-14): the likeliest outcome
}
