// The columnar Table: typed columns, NaN / -1 for missing. Never arrays of row objects on a hot path.

/** A numeric column; missing values are NaN. */
export interface NumericColumn {
  readonly name: string;
  readonly kind: 'numeric';
  readonly values: Float64Array;
}

/** A categorical column: `codes[i]` indexes `levels`; -1 means missing. Levels are sorted (code-point order). */
export interface CategoricalColumn {
  readonly name: string;
  readonly kind: 'categorical';
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

export type Column = NumericColumn | CategoricalColumn;

export interface Table {
  readonly nRows: number;
  readonly columns: readonly Column[];
}

export function getColumn(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

/** Rows `idx` of a column, as a new column of the same kind. */
export function takeColumn(col: Column, idx: ArrayLike<number>): Column {
  if (col.kind === 'numeric') {
    const out = new Float64Array(idx.length);
    for (let i = 0; i < idx.length; i++) out[i] = col.values[idx[i]];
    return { name: col.name, kind: 'numeric', values: out };
  }
  const out = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = col.codes[idx[i]];
  return { name: col.name, kind: 'categorical', codes: out, levels: col.levels };
}

/** Rows `idx` of a table. */
export function takeRows(table: Table, idx: ArrayLike<number>): Table {
  return { nRows: idx.length, columns: table.columns.map((c) => takeColumn(c, idx)) };
}

/** The raw value of one cell as a JSON value (number, string or null for missing). */
export function cellValue(col: Column, row: number): number | string | null {
  if (col.kind === 'numeric') {
    const v = col.values[row];
    return Number.isNaN(v) ? null : v;
  }
  const c = col.codes[row];
  return c < 0 ? null : col.levels[c];
}

/** One row as a plain object (for samples, error messages and single-row prediction). */
export function rowObject(table: Table, row: number): Record<string, number | string | null> {
  const out: Record<string, number | string | null> = {};
  for (const c of table.columns) out[c.name] = cellValue(c, row);
  return out;
}
