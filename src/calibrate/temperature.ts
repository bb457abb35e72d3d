// Temperature scaling for multiclass probabilities: p' = softmax(log p / T), one T > 0 minimizing the log loss.
//
// In β = 1/T the loss Σ_i [logsumexp(β·l_i) − β·l_i,y] (l = log p) is convex, its derivative Σ_i (E_q[l_i] − l_i,y)
// is increasing and its second derivative is Σ_i Var_q(l_i): a safeguarded Newton search on a bracket finds it.

/** Probabilities are clipped below at eps before the log, so a zero probability stays finite. */
export const TEMPERATURE_EPS = 1e-15;

/** β = 1/T is searched in [1/MAX_T, 1/MIN_T]. */
const MIN_T = 1e-2;
const MAX_T = 1e2;
const MAX_ITER = 100;

function logProb(p: number): number {
  return Math.log(Math.min(Math.max(p, TEMPERATURE_EPS), 1));
}

/** buf[offset..offset+k) ← softmax(log(buf)/T), max-shifted, in place. */
export function temperatureRow(buf: Float64Array, offset: number, k: number, temperature: number): void {
  let max = -Infinity;
  for (let c = offset; c < offset + k; c++) {
    buf[c] = logProb(buf[c]) / temperature;
    if (buf[c] > max) max = buf[c];
  }
  let sum = 0;
  for (let c = offset; c < offset + k; c++) { buf[c] = Math.exp(buf[c] - max); sum += buf[c]; }
  for (let c = offset; c < offset + k; c++) buf[c] /= sum;
}

/** First and second derivative of the summed log loss in β. */
function derivatives(logs: Float64Array, y: ArrayLike<number>, k: number, beta: number): { d1: number; d2: number } {
  let d1 = 0;
  let d2 = 0;
  for (let i = 0; i < y.length; i++) {
    const base = i * k;
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, beta * logs[base + c]);
    let z = 0, m1 = 0, m2 = 0;
    for (let c = 0; c < k; c++) {
      const l = logs[base + c];
      const e = Math.exp(beta * l - max);
      z += e; m1 += e * l; m2 += e * l * l;
    }
    const mean = m1 / z;
    d1 += mean - logs[base + y[i]];
    d2 += Math.max(m2 / z - mean * mean, 0);
  }
  return { d1, d2 };
}

/** The T minimizing the log loss of softmax(log p / T) on row-major n×k `p` and labels `y`, within [MIN_T, MAX_T]. */
export function fitTemperature(p: Float64Array, y: ArrayLike<number>, k: number): number {
  const logs = p.map(logProb);
  let lo = 1 / MAX_T;
  let hi = 1 / MIN_T;
  if (derivatives(logs, y, k, lo).d1 >= 0) return MAX_T;
  if (derivatives(logs, y, k, hi).d1 <= 0) return MIN_T;
  let beta = 1;
  for (let iter = 0; iter < MAX_ITER && hi - lo > 1e-15 * hi; iter++) {
    const { d1, d2 } = derivatives(logs, y, k, beta);
    if (d1 === 0) break;
    if (d1 > 0) hi = beta;
    else lo = beta;
    const newton = beta - d1 / d2;
    const next = d2 > 0 && newton > lo && newton < hi ? newton : (lo + hi) / 2;
    if (Math.abs(next - beta) <= 1e-15 * beta) { beta = next; break; }
    beta = next;
  }
  return 1 / beta;
}
