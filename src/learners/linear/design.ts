// Design matrix for the linear solvers: X·w and Xᵀ·r over column-major data, with mostly-zero (one-hot) columns kept sparse.
import type { Matrix } from '../types.ts';

/** A column is stored sparse when at most this fraction of its entries is non-zero. */
const SPARSE_FRACTION = 0.25;

type Column = { readonly dense: Float64Array } | { readonly index: Int32Array; readonly value: Float64Array };

export class Design {
  readonly nRows: number;
  readonly nCols: number;
  private readonly cols: readonly Column[];

  /** Reads X without copying dense columns; X is never written. */
  constructor(X: Matrix) {
    this.nRows = X.nRows;
    this.nCols = X.columns.length;
    this.cols = X.columns.map(toColumn);
  }

  /** out[i] = intercept + Σ_j X[i, j]·w[offset + j] */
  linearPredictor(w: Float64Array, offset: number, intercept: number, out: Float64Array): void {
    out.fill(intercept);
    for (let j = 0; j < this.nCols; j++) {
      const a = w[offset + j];
      if (a === 0) continue;
      const c = this.cols[j];
      if ('dense' in c) axpyDense(a, c.dense, out);
      else axpySparse(a, c.index, c.value, out);
    }
  }

  /** out[offset + j] = Σ_i X[i, j]·r[i] */
  transposeProduct(r: Float64Array, out: Float64Array, offset: number): void {
    for (let j = 0; j < this.nCols; j++) {
      const c = this.cols[j];
      out[offset + j] = 'dense' in c ? dotDense(c.dense, r) : dotSparse(c.index, c.value, r);
    }
  }

  /** Σ_i X[i, j] */
  columnSum(j: number): number {
    const c = this.cols[j];
    const v = 'dense' in c ? c.dense : c.value;
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[i];
    return s;
  }

  /** Σ_i X[i, j]² */
  columnSquares(j: number): number {
    const c = this.cols[j];
    const v = 'dense' in c ? c.dense : c.value;
    return dotDense(v, v);
  }

  /** XᵀX, p×p row-major: dense pairs by dot products, sparse pairs row by row (cheap for one-hot blocks). */
  gram(): Float64Array {
    const p = this.nCols;
    const G = new Float64Array(p * p);
    const { dense, sparse } = this.kinds();
    for (const a of dense) {
      for (const b of dense) if (b <= a) G[a * p + b] = dotDense(this.denseOf(a), this.denseOf(b));
      for (const b of sparse) G[a * p + b] = G[b * p + a] = this.sparseDot(b, this.denseOf(a));
    }
    addSparseGram(this.sparseRows(sparse), p, G);
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) G[b * p + a] = G[a * p + b];
    return G;
  }

  /** Multiply-adds of gram(). */
  gramCost(): number {
    const { dense, sparse } = this.kinds();
    const counts = new Float64Array(this.nRows);
    let nnz = 0;
    for (const j of sparse) for (const i of this.sparseOf(j).index) { counts[i]++; nnz++; }
    let pairs = 0;
    for (let i = 0; i < counts.length; i++) pairs += (counts[i] * (counts[i] + 1)) / 2;
    return ((dense.length * (dense.length + 1)) / 2) * this.nRows + dense.length * nnz + pairs;
  }

  private kinds(): { dense: number[]; sparse: number[] } {
    const dense: number[] = [];
    const sparse: number[] = [];
    this.cols.forEach((c, j) => ('dense' in c ? dense : sparse).push(j));
    return { dense, sparse };
  }

  private denseOf(j: number): Float64Array {
    const c = this.cols[j];
    if (!('dense' in c)) throw new Error(`column ${j} is sparse`);
    return c.dense;
  }

  private sparseOf(j: number): { readonly index: Int32Array; readonly value: Float64Array } {
    const c = this.cols[j];
    if ('dense' in c) throw new Error(`column ${j} is dense`);
    return c;
  }

  private sparseDot(j: number, x: Float64Array): number {
    const c = this.sparseOf(j);
    return dotSparse(c.index, c.value, x);
  }

  /** The sparse columns as compressed rows (column indices ascending within a row). */
  private sparseRows(sparse: readonly number[]): SparseRows {
    const start = new Int32Array(this.nRows + 1);
    for (const j of sparse) for (const i of this.sparseOf(j).index) start[i + 1]++;
    for (let i = 0; i < this.nRows; i++) start[i + 1] += start[i];
    const fill = start.slice(0, this.nRows);
    const col = new Int32Array(start[this.nRows]);
    const value = new Float64Array(start[this.nRows]);
    for (const j of sparse) {
      const c = this.sparseOf(j);
      for (let k = 0; k < c.index.length; k++) { const at = fill[c.index[k]]++; col[at] = j; value[at] = c.value[k]; }
    }
    return { start, col, value };
  }

  /** Work (multiply-adds) of one linearPredictor or transposeProduct. */
  productCost(): number {
    return this.cols.reduce((sum, c) => sum + ('dense' in c ? this.nRows : c.index.length), 0);
  }
}

interface SparseRows { readonly start: Int32Array; readonly col: Int32Array; readonly value: Float64Array }

/** G[a, b] += Σ_rows x_a·x_b over the pairs a >= b stored in each row */
function addSparseGram(rows: SparseRows, p: number, G: Float64Array): void {
  const { start, col, value } = rows;
  for (let i = 0; i + 1 < start.length; i++) {
    for (let u = start[i]; u < start[i + 1]; u++) {
      for (let v = start[i]; v <= u; v++) G[col[u] * p + col[v]] += value[u] * value[v];
    }
  }
}

function toColumn(values: Float64Array): Column {
  let nonZero = 0;
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) nonZero++;
  if (nonZero > SPARSE_FRACTION * values.length) return { dense: values };
  const index = new Int32Array(nonZero);
  const value = new Float64Array(nonZero);
  for (let i = 0, k = 0; i < values.length; i++) {
    if (values[i] !== 0) { index[k] = i; value[k] = values[i]; k++; }
  }
  return { index, value };
}

function axpyDense(a: number, x: Float64Array, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] += a * x[i];
}

function axpySparse(a: number, index: Int32Array, value: Float64Array, out: Float64Array): void {
  for (let k = 0; k < index.length; k++) out[index[k]] += a * value[k];
}

function dotDense(x: Float64Array, r: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * r[i];
  return s;
}

function dotSparse(index: Int32Array, value: Float64Array, r: Float64Array): number {
  let s = 0;
  for (let k = 0; k < index.length; k++) s += value[k] * r[index[k]];
  return s;
}
