// Cholesky factorization and solve for small symmetric positive-definite systems (row-major p×p).

/** Solve A·x = b for SPD A (row-major, not modified). Returns null when A is not numerically positive definite. */
export function choleskySolve(A: Float64Array, b: Float64Array): Float64Array | null {
  const L = choleskyFactor(A, b.length);
  if (!L) return null;
  return backSubstitute(L, forwardSubstitute(L, b));
}

/** Pivots below this fraction of the largest diagonal entry mean A is singular to working precision. */
const PIVOT_FLOOR = 1e-13;

/** Lower-triangular L with L·Lᵀ = A, or null if a pivot is not safely positive. */
export function choleskyFactor(A: Float64Array, p: number): Float64Array | null {
  const L = new Float64Array(p * p);
  let maxDiag = 0;
  for (let j = 0; j < p; j++) maxDiag = Math.max(maxDiag, A[j * p + j]);
  for (let j = 0; j < p; j++) {
    let d = A[j * p + j];
    for (let k = 0; k < j; k++) d -= L[j * p + k] ** 2;
    if (!(d > PIVOT_FLOOR * maxDiag)) return null;
    const ljj = Math.sqrt(d);
    L[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = A[i * p + j];
      for (let k = 0; k < j; k++) s -= L[i * p + k] * L[j * p + k];
      L[i * p + j] = s / ljj;
    }
  }
  return L;
}

/** z with L·z = b */
function forwardSubstitute(L: Float64Array, b: Float64Array): Float64Array {
  const p = b.length;
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * p + k] * z[k];
    z[i] = s / L[i * p + i];
  }
  return z;
}

/** x with Lᵀ·x = z */
function backSubstitute(L: Float64Array, z: Float64Array): Float64Array {
  const p = z.length;
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < p; k++) s -= L[k * p + i] * x[k];
    x[i] = s / L[i * p + i];
  }
  return x;
}
