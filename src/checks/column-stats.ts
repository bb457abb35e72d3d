// Per-column statistics the column checks need: missing count, distinct values, integer-likeness and monotonicity.
import { cellValue, type CategoricalColumn, type Column, type NumericColumn } from '../data/table.ts';

export interface ColumnStats {
  readonly name: string;
  readonly kind: Column['kind'];
  readonly nRows: number;
  readonly missing: number;
  /** distinct non-missing values; for numeric columns with fractions only 0, 1 or 2 (= more than one): they are never ID-like */
  readonly distinct: number;
  /** a present value (JSON), or null when every value is missing */
  readonly example: number | string | null;
  /** numeric and every present value an integer */
  readonly integerLike: boolean;
  /** numeric and never decreasing, or never increasing, in file order */
  readonly monotone: boolean;
  /** numeric and max − min + 1 ≤ 2 × distinct (a near-consecutive run of integers) */
  readonly dense: boolean;
}

export function columnStats(col: Column): ColumnStats {
  return col.kind === 'numeric' ? numericStats(col) : categoricalStats(col);
}

function numericStats(col: NumericColumn): ColumnStats {
  const v = col.values;
  const present = new Float64Array(v.length);
  let n = 0;
  let integerLike = true;
  let up = true;
  let down = true;
  let prev = NaN;
  let firstRow = -1;
  for (let r = 0; r < v.length; r++) {
    const x = v[r];
    if (Number.isNaN(x)) continue;
    if (firstRow < 0) firstRow = r;
    present[n++] = x;
    if (integerLike && !Number.isInteger(x)) integerLike = false;
    if (x < prev) up = false;
    if (x > prev) down = false;
    prev = x;
  }
  const values = present.subarray(0, n);
  const distinct = integerLike ? distinctSorted(values.sort()) : n === 0 ? 0 : hasOther(values) ? 2 : 1;
  const dense = integerLike && n > 0 && values[n - 1] - values[0] + 1 <= 2 * distinct;
  return {
    name: col.name, kind: 'numeric', nRows: v.length, missing: v.length - n, distinct,
    example: firstRow < 0 ? null : cellValue(col, firstRow), integerLike: n > 0 && integerLike, monotone: n > 1 && (up || down), dense,
  };
}

function distinctSorted(sorted: Float64Array): number {
  let d = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) d++;
  return d;
}

/** Some value differs from the first (enough to tell one distinct value from several). */
function hasOther(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return true;
  return false;
}

function categoricalStats(col: CategoricalColumn): ColumnStats {
  const seen = new Uint8Array(col.levels.length);
  let missing = 0;
  let distinct = 0;
  let firstRow = -1;
  for (let r = 0; r < col.codes.length; r++) {
    const c = col.codes[r];
    if (c < 0) { missing++; continue; }
    if (firstRow < 0) firstRow = r;
    if (!seen[c]) { seen[c] = 1; distinct++; }
  }
  return {
    name: col.name, kind: 'categorical', nRows: col.codes.length, missing, distinct,
    example: firstRow < 0 ? null : cellValue(col, firstRow), integerLike: false, monotone: false, dense: false,
  };
}
