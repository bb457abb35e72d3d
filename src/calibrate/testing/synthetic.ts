// Test fixtures: seeded synthetic predictions with a known miscalibration (binary log-odds scaled, multiclass temperature).
import { Rng } from '../../util/rng.ts';

export interface Labeled {
  readonly y: Float64Array;
  readonly pred: Float64Array;
}

/** Binary labels drawn from p = sigmoid(s); the model reports sigmoid(scale·s + shift). */
export function binaryMiscalibrated(n: number, seed: number, scale: number, shift: number): Labeled {
  const rng = new Rng(seed);
  const y = new Float64Array(n);
  const pred = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = 1.5 * rng.normal() - 0.5;
    y[i] = rng.float() < 1 / (1 + Math.exp(-s)) ? 1 : 0;
    pred[i] = 1 / (1 + Math.exp(-(scale * s + shift)));
  }
  return { y, pred };
}

function softmaxRow(z: Float64Array): Float64Array {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** k-class labels drawn from softmax(z); the model reports softmax(sharpness·z): over-confident when sharpness > 1. */
export function multiclassMiscalibrated(n: number, k: number, seed: number, sharpness: number): Labeled {
  const rng = new Rng(seed);
  const y = new Float64Array(n);
  const pred = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const z = Float64Array.from({ length: k }, () => 1.2 * rng.normal());
    const truth = softmaxRow(z);
    let u = rng.float();
    let label = k - 1;
    for (let c = 0; c < k; c++) { u -= truth[c]; if (u < 0) { label = c; break; } }
    y[i] = label;
    pred.set(softmaxRow(z.map((v) => sharpness * v)), i * k);
  }
  return { y, pred };
}

/** Rows [from, to) of a labeled set with `width` predictions per row. */
export function rows(d: Labeled, width: number, from: number, to: number): Labeled {
  return { y: d.y.subarray(from, to), pred: d.pred.subarray(from * width, to * width) };
}
