// Sorted-array helpers: numpy's default quantile (bit for bit) and a lower-bound search.

/** numpy's default ('linear') quantile of an ascending array, reproducing its interpolation exactly; NaN when empty. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.min(Math.max(Math.floor(h), 0), n - 1);
  const a = sorted[lo];
  const b = sorted[Math.min(lo + 1, n - 1)];
  const t = h - lo;
  const diff = b - a;
  // numpy's _lerp: interpolate from the nearer end so that t = 1 gives b exactly
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** First position in ascending `sorted` whose value is >= x (numpy searchsorted, side 'left'). */
export function lowerBound(sorted: Float64Array, x: number, end = sorted.length): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
