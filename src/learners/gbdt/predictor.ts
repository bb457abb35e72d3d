// Trees as flat parallel arrays, walked on raw feature values: batch prediction and allocation-free single rows.
import type { Matrix } from '../types.ts';

/** All trees of a model in one set of arrays; tree t starts at node roots[t]; class of tree t = t % nClasses. */
export interface Forest {
  /** trees per round (1, or k for multiclass) */
  readonly nClasses: number;
  /** raw score every prediction starts from, per class */
  readonly base: Float64Array;
  /** levels of each categorical feature (0 for numeric) */
  readonly catLevels: Int32Array;
  readonly roots: Int32Array;
  /** split feature; -1 marks a leaf */
  readonly feature: Int32Array;
  /** numeric split: x <= threshold goes left */
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** where missing values (and unknown categories) go */
  readonly defaultLeft: Uint8Array;
  /** leaf value (learning rate applied) */
  readonly value: Float64Array;
  /** split gain (for importance) */
  readonly gain: Float64Array;
  /** categorical split: first word of its left-set bitset in catBits; -1 for numeric splits */
  readonly catStart: Int32Array;
  readonly catBits: Uint32Array;
}

/** Leaf value of the tree rooted at `root` for feature vector `row` (row[f] = feature f). */
function walk(fo: Forest, root: number, row: Float64Array): number {
  const { feature, threshold, left, right, defaultLeft, catStart, catBits, catLevels } = fo;
  let node = root;
  for (;;) {
    const f = feature[node];
    if (f < 0) return fo.value[node];
    const x = row[f];
    const cs = catStart[node];
    let goLeft: boolean;
    if (cs < 0) {
      goLeft = x <= threshold[node] || (x !== x && defaultLeft[node] === 1);
    } else if (x >= 0 && x < catLevels[f] && (x | 0) === x) {
      goLeft = ((catBits[cs + (x >>> 5)] >>> (x & 31)) & 1) === 1;
    } else {
      goLeft = defaultLeft[node] === 1;
    }
    node = goLeft ? left[node] : right[node];
  }
}

/** Raw scores of one row into out[0..nClasses): base + trees in order. No allocation (the serving hot path). */
export function predictRowRaw(fo: Forest, row: Float64Array, out: Float64Array): void {
  const K = fo.nClasses, roots = fo.roots, nTrees = roots.length;
  const { feature, threshold, left, right, defaultLeft, catStart, value } = fo;
  for (let k = 0; k < K; k++) {
    let s = fo.base[k];
    for (let t = k; t < nTrees; t += K) {
      let node = roots[t];
      let f = feature[node];
      while (f >= 0) {
        const x = row[f];
        if (catStart[node] >= 0) {
          node = walkCategorical(fo, node, x);
        } else {
          node = x <= threshold[node] || (x !== x && defaultLeft[node] === 1) ? left[node] : right[node];
        }
        f = feature[node];
      }
      s += value[node];
    }
    out[k] = s;
  }
}

/** next node from a categorical split */
function walkCategorical(fo: Forest, node: number, x: number): number {
  const cs = fo.catStart[node];
  const goLeft = x >= 0 && x < fo.catLevels[fo.feature[node]] && (x | 0) === x
    ? ((fo.catBits[cs + (x >>> 5)] >>> (x & 31)) & 1) === 1
    : fo.defaultLeft[node] === 1;
  return goLeft ? fo.left[node] : fo.right[node];
}

/** Raw scores of a matrix, row-major n×nClasses; same summation order as predictRowRaw (bit-identical). */
export function predictRaw(fo: Forest, X: Matrix): Float64Array {
  const n = X.nRows, K = fo.nClasses, F = X.columns.length;
  const out = new Float64Array(n * K);
  const row = new Float64Array(F);
  const one = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < F; f++) row[f] = X.columns[f][i];
    predictRowRaw(fo, row, one);
    for (let k = 0; k < K; k++) out[i * K + k] = one[k];
  }
  return out;
}

/** Add the values of tree `t` for the rows of X into acc[off + i*stride]. */
export function addTree(fo: Forest, t: number, X: Matrix, acc: Float64Array, off: number, stride: number): void {
  const F = X.columns.length;
  const row = new Float64Array(F);
  for (let i = 0; i < X.nRows; i++) {
    for (let f = 0; f < F; f++) row[f] = X.columns[f][i];
    acc[off + i * stride] += walk(fo, fo.roots[t], row);
  }
}

/** Value of tree t for selected rows (given by index) of column-major data. */
export function treeValueAt(fo: Forest, t: number, X: Matrix, i: number, row: Float64Array): number {
  for (let f = 0; f < row.length; f++) row[f] = X.columns[f][i];
  return walk(fo, fo.roots[t], row);
}
