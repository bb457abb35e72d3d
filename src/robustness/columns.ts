// Column edits for behavioral tests: each returns a NEW Table (input tables and columns are never mutated).
import type { CategoricalColumn, Column, NumericColumn, Table } from '../data/table.ts';
import { DataError } from '../util/errors.ts';
import type { Rng } from '../util/rng.ts';
import { applyChange, type ParsedChange } from './check.ts';

/** `table` with the column of the same name replaced by `col` (other columns are shared, not copied). */
export function withColumn(table: Table, col: Column): Table {
  return { nRows: table.nRows, columns: table.columns.map((c) => (c.name === col.name ? col : c)) };
}

export function numericColumn(table: Table, name: string): NumericColumn {
  const col = table.columns.find((c) => c.name === name);
  if (col?.kind !== 'numeric') throw new DataError(`behavioral tests need column '${name}' as numeric; found ${col ? col.kind : 'no such column'}`);
  return col;
}

export function categoricalColumn(table: Table, name: string): CategoricalColumn {
  const col = table.columns.find((c) => c.name === name);
  if (col?.kind !== 'categorical') throw new DataError(`behavioral tests need column '${name}' as categorical; found ${col ? col.kind : 'no such column'}`);
  return col;
}

/** Each present value plus Normal(0, sd); missing stays missing. */
export function addNoise(table: Table, name: string, sd: number, rng: Rng): Table {
  const col = numericColumn(table, name);
  const values = col.values.map((v) => (Number.isNaN(v) ? v : v + sd * rng.normal()));
  return withColumn(table, { ...col, values });
}

/** Each present value moved by the directional change; missing stays missing. */
export function shiftValues(table: Table, name: string, change: ParsedChange): Table {
  const col = numericColumn(table, name);
  return withColumn(table, { ...col, values: col.values.map((v) => applyChange(change, v)) });
}

/** round(rate × n) rows chosen uniformly without replacement (partial Fisher-Yates), in ascending order. */
export function pickRows(candidates: Int32Array, rate: number, rng: Rng): Int32Array {
  const pool = candidates.slice();
  const k = Math.round(rate * pool.length);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(pool.length - i);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.slice(0, k).sort();
}

function allRows(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

/** Every listed feature independently set missing in round(rate × n) rows (drawn per feature). */
export function setMissing(table: Table, names: readonly string[], rate: number, rng: Rng): Table {
  let out = table;
  for (const name of names) {
    const col = out.columns.find((c) => c.name === name);
    if (!col) throw new DataError(`behavioral tests need column '${name}'; columns present: ${out.columns.map((c) => c.name).join(', ')}`);
    const rows = pickRows(allRows(out.nRows), rate, rng);
    out = withColumn(out, blankRows(col, rows));
  }
  return out;
}

function blankRows(col: Column, rows: Int32Array): Column {
  if (col.kind === 'numeric') {
    const values = col.values.slice();
    for (const r of rows) values[r] = NaN;
    return { ...col, values };
  }
  const codes = col.codes.slice();
  for (const r of rows) codes[r] = -1;
  return { ...col, codes };
}

/** UTF-8 byte order = code-point order, the order Table levels are kept in. */
function byCodePoint(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** The column re-coded over the sorted union of its levels and `extra` levels. */
export function withLevels(col: CategoricalColumn, extra: readonly string[]): CategoricalColumn {
  const levels = [...new Set([...col.levels, ...extra])].sort(byCodePoint);
  if (levels.length === col.levels.length) return col;
  const index = new Map(levels.map((l, i) => [l, i]));
  const remap = Int32Array.from(col.levels, (l) => index.get(l) as number);
  return { ...col, levels, codes: col.codes.map((c) => (c < 0 ? c : remap[c])) };
}

/** A level name found in neither list: '<unseen>', or '<unseen 2>', … */
export function unseenLevel(...known: readonly (readonly string[])[]): string {
  const taken = new Set(known.flat());
  let name = '<unseen>';
  for (let k = 2; taken.has(name); k++) name = `<unseen ${k}>`;
  return name;
}

/** round(rate × present) of the present values replaced by `level` (a category the model never saw). */
export function replaceWithLevel(table: Table, name: string, level: string, rate: number, rng: Rng): Table {
  const col = withLevels(categoricalColumn(table, name), [level]);
  const present = Int32Array.from(presentRows(col));
  const code = col.levels.indexOf(level);
  const codes = col.codes.slice();
  for (const r of pickRows(present, rate, rng)) codes[r] = code;
  return withColumn(table, { ...col, codes });
}

function* presentRows(col: CategoricalColumn): Generator<number> {
  for (let i = 0; i < col.codes.length; i++) if (col.codes[i] >= 0) yield i;
}

/** Each present value swapped to a different level of `observed`, chosen uniformly (seeded); missing stays missing. */
export function swapLevels(table: Table, name: string, observed: readonly string[], rng: Rng): Table {
  const col = withLevels(categoricalColumn(table, name), observed);
  const observedCodes = observed.map((l) => col.levels.indexOf(l));
  const codes = col.codes.map((c) => (c < 0 ? c : otherCode(c, observedCodes, rng)));
  return withColumn(table, { ...col, codes });
}

function otherCode(code: number, choices: readonly number[], rng: Rng): number {
  const others = choices.includes(code) ? choices.length - 1 : choices.length;
  if (others === 0) return code;
  let k = rng.int(others);
  for (const c of choices) {
    if (c === code) continue;
    if (k-- === 0) return c;
  }
  return code;
}

/** Rows where any of `names` differs between two tables of the same rows (by raw value; NaN equals NaN). */
export function changedRows(before: Table, after: Table, names: readonly string[]): Uint8Array {
  const out = new Uint8Array(before.nRows);
  for (const name of names) {
    const a = before.columns.find((c) => c.name === name);
    const b = after.columns.find((c) => c.name === name);
    if (!a || !b) continue;
    for (let i = 0; i < out.length; i++) if (!sameCell(a, b, i)) out[i] = 1;
  }
  return out;
}

function sameCell(a: Column, b: Column, i: number): boolean {
  if (a.kind === 'numeric' && b.kind === 'numeric') return Object.is(a.values[i], b.values[i]) || a.values[i] === b.values[i];
  if (a.kind === 'categorical' && b.kind === 'categorical') {
    const x = a.codes[i] < 0 ? null : a.levels[a.codes[i]];
    const y = b.codes[i] < 0 ? null : b.levels[b.codes[i]];
    return x === y;
  }
  return false;
}
