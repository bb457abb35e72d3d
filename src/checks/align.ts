// Two samples of the same feature columns in one encoding (shared category levels), e.g. training rows and a production file.
import { takeColumn, type CategoricalColumn, type Column, type Table } from '../data/table.ts';

export interface AlignedSamples {
  /** reference sample (e.g. train, or all training data) */
  readonly a: Table;
  /** compared sample (e.g. blackbox, or production), same columns and encoding as `a` */
  readonly b: Table;
  /** reference columns the compared table lacks (left out of `a` and `b`) */
  readonly missing: readonly string[];
}

/** Rows `aRows` of `ref` and `bRows` of `other`, for the columns `names`, coded alike (the reference's kind wins). */
export function alignSamples(ref: Table, aRows: Int32Array, other: Table, bRows: Int32Array, names: readonly string[]): AlignedSamples {
  const a: Column[] = [];
  const b: Column[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const ca = takeColumn(ref.columns.find((c) => c.name === name)!, aRows);
    const found = other.columns.find((c) => c.name === name);
    if (!found) { missing.push(name); continue; }
    const cb = takeColumn(found, bRows);
    const [x, y] = ref === other ? [ca, cb] : alignPair(ca, cb);
    a.push(x);
    b.push(y);
  }
  return { a: { nRows: aRows.length, columns: a }, b: { nRows: bRows.length, columns: b }, missing };
}

function alignPair(a: Column, b: Column): [Column, Column] {
  if (a.kind === 'numeric') return [a, b.kind === 'numeric' ? b : parsedNumbers(b)];
  const bc = b.kind === 'categorical' ? b : asText(b);
  const levels = [...new Set([...a.levels, ...bc.levels])].sort();
  return [recode(a, levels), recode(bc, levels)];
}

function parsedNumbers(col: CategoricalColumn): Column {
  const parsed = col.levels.map((l) => (l.trim() === '' ? NaN : Number(l)));
  return { name: col.name, kind: 'numeric', values: Float64Array.from(col.codes, (c) => (c < 0 ? NaN : parsed[c])) };
}

function asText(col: Extract<Column, { kind: 'numeric' }>): CategoricalColumn {
  const levels = [...new Set(Array.from(col.values).filter((v) => !Number.isNaN(v)).map(String))].sort();
  const index = new Map(levels.map((l, i) => [l, i]));
  return { name: col.name, kind: 'categorical', levels, codes: Int32Array.from(col.values, (v) => (Number.isNaN(v) ? -1 : index.get(String(v))!)) };
}

function recode(col: CategoricalColumn, levels: readonly string[]): CategoricalColumn {
  const index = new Map(levels.map((l, i) => [l, i]));
  const map = Int32Array.from(col.levels, (l) => index.get(l)!);
  return { name: col.name, kind: 'categorical', levels, codes: Int32Array.from(col.codes, (c) => (c < 0 ? -1 : map[c])) };
}

/** `a` stacked on `b` (they must share columns and encoding). */
export function stack(a: Table, b: Table): Table {
  const columns = a.columns.map((ca, j): Column => {
    const cb = b.columns[j];
    if (ca.kind === 'numeric' && cb.kind === 'numeric') {
      const values = new Float64Array(a.nRows + b.nRows);
      values.set(ca.values);
      values.set(cb.values, a.nRows);
      return { name: ca.name, kind: 'numeric', values };
    }
    if (ca.kind !== 'categorical' || cb.kind !== 'categorical') throw new Error(`stack: column '${ca.name}' is coded differently in the two samples`);
    const codes = new Int32Array(a.nRows + b.nRows);
    codes.set(ca.codes);
    codes.set(cb.codes, a.nRows);
    return { name: ca.name, kind: 'categorical', levels: ca.levels, codes };
  });
  return { nRows: a.nRows + b.nRows, columns };
}
