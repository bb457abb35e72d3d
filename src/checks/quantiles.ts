// Quantile cut points and bin lookup shared by the binned scores and PSI.

/** Distinct cut points at the 1/k … (k−1)/k quantiles of sorted present (non-NaN) values (see sortedPresent). */
export function quantileCuts(present: Float64Array, k: number): Float64Array {
  const cuts: number[] = [];
  for (let b = 1; b < k && present.length > 0; b++) {
    const c = present[Math.floor((b * present.length) / k)];
    if (cuts.length === 0 || c > cuts[cuts.length - 1]) cuts.push(c);
  }
  return Float64Array.from(cuts);
}

/** Number of cuts ≤ v: bin i holds cuts[i−1] ≤ v < cuts[i]. */
export function upperBound(cuts: Float64Array, v: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cuts[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The non-NaN values, sorted ascending (a plain loop: TypedArray#filter is slow in V8). */
export function sortedPresent(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) out[n++] = values[i];
  return out.subarray(0, n).sort();
}
