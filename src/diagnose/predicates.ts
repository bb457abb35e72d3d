// Slice predicates over raw columns (numeric thresholds at quantiles, categorical levels, missing) and their row bitsets.
import type { Column, Table } from '../data/table.ts';
import { getColumn } from '../data/table.ts';
import { BadInputError } from '../util/errors.ts';

export type Predicate =
  | { readonly column: string; readonly op: '<' | '>='; readonly value: number }
  | { readonly column: string; readonly op: '='; readonly value: string }
  | { readonly column: string; readonly op: 'missing' };

/** "income < 32000", "region = south", "income is missing". */
export function describe(p: Predicate): string {
  return p.op === 'missing' ? `${p.column} is missing` : `${p.column} ${p.op} ${p.value}`;
}

export function describeAll(ps: readonly Predicate[]): string {
  return ps.map(describe).join(' AND ');
}

/** Most levels of one categorical column that become predicates (the most frequent). */
const MAX_LEVELS = 50;

/**
 * Candidate predicates of one column over data rows `rows`: numeric → `< cut` and `>= cut` at the
 * `bins`-quantiles (cuts rounded to 3 significant digits, so the description is the rule); categorical →
 * `= level` for its most frequent levels; `is missing` when present. Support is checked by the caller.
 */
export function columnPredicates(col: Column, rows: Int32Array, bins: number): Predicate[] {
  return col.kind === 'numeric' ? numericPredicates(col.name, col.values, rows, bins) : levelPredicates(col.name, col.codes, col.levels, rows);
}

function numericPredicates(name: string, values: Float64Array, rows: Int32Array, bins: number): Predicate[] {
  const gathered = new Float64Array(rows.length);
  let m = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = values[rows[i]];
    if (v === v) gathered[m++] = v;
  }
  const present = gathered.subarray(0, m).sort();
  const cuts = new Set<number>();
  for (let k = 1; k < bins && present.length > 0; k++) cuts.add(Number(present[Math.floor((k * present.length) / bins)].toPrecision(3)));
  const out: Predicate[] = [];
  for (const c of [...cuts].sort((a, b) => a - b)) out.push({ column: name, op: '<', value: c }, { column: name, op: '>=', value: c });
  if (present.length < rows.length) out.push({ column: name, op: 'missing' });
  return out;
}

function levelPredicates(name: string, codes: Int32Array, levels: readonly string[], rows: Int32Array): Predicate[] {
  const counts = new Int32Array(levels.length);
  let missing = 0;
  for (const r of rows) codes[r] < 0 ? missing++ : counts[codes[r]]++;
  const order = levels.map((_, i) => i).filter((i) => counts[i] > 0).sort((a, b) => counts[b] - counts[a] || a - b).slice(0, MAX_LEVELS);
  const out: Predicate[] = order.map((i) => ({ column: name, op: '=', value: levels[i] }));
  if (missing > 0) out.push({ column: name, op: 'missing' });
  return out;
}

/** A test of one raw cell against the predicate. */
function matcher(col: Column, p: Predicate): (row: number) => boolean {
  if (col.kind === 'numeric') {
    const v = col.values;
    if (p.op === 'missing') return (r) => Number.isNaN(v[r]);
    if (p.op === '<') return (r) => v[r] < p.value;
    if (p.op === '>=') return (r) => v[r] >= p.value;
    return () => false;
  }
  const codes = col.codes;
  if (p.op === 'missing') return (r) => codes[r] < 0;
  if (p.op !== '=') return () => false;
  const code = col.levels.indexOf(p.value);
  return (r) => codes[r] === code && code >= 0;
}

/** Bitset over positions 0..rows.length-1: bit i set when data row rows[i] matches. Plain loops: this is the hot path. */
export function predicateBits(table: Table, rows: Int32Array, p: Predicate): Uint32Array {
  const col = columnOf(table, p.column);
  const bits = new Uint32Array((rows.length + 31) >>> 5);
  const set = (i: number): void => { bits[i >>> 5] |= 1 << (i & 31); };
  if (col.kind === 'numeric') {
    const v = col.values;
    if (p.op === 'missing') { for (let i = 0; i < rows.length; i++) if (v[rows[i]] !== v[rows[i]]) set(i); }
    else if (p.op === '<') { const c = p.value; for (let i = 0; i < rows.length; i++) if (v[rows[i]] < c) set(i); }
    else if (p.op === '>=') { const c = p.value; for (let i = 0; i < rows.length; i++) if (v[rows[i]] >= c) set(i); }
    return bits;
  }
  const codes = col.codes;
  const code = p.op === 'missing' ? -1 : p.op === '=' ? col.levels.indexOf(p.value) : -2;
  if (p.op === '=' && code < 0) return bits;
  for (let i = 0; i < rows.length; i++) if (codes[rows[i]] === code || (code === -1 && codes[rows[i]] < 0)) set(i);
  return bits;
}

/** Whether data row `row` satisfies every predicate. */
export function matchesAll(table: Table, row: number, ps: readonly Predicate[]): boolean {
  return ps.every((p) => matcher(columnOf(table, p.column), p)(row));
}

export function columnOf(table: Table, name: string): Column {
  const col = getColumn(table, name);
  if (!col) throw new BadInputError(`slice column '${name}' must be in the data; columns: ${table.columns.map((c) => c.name).join(', ')}`);
  return col;
}

/** Set bits in a 32-bit word. */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** |a|, and |a ∧ b| when b is given. */
export function countBits(a: Uint32Array, b?: Uint32Array): number {
  let n = 0;
  if (b) for (let w = 0; w < a.length; w++) n += popcount(a[w] & b[w]);
  else for (let w = 0; w < a.length; w++) n += popcount(a[w]);
  return n;
}

/** |a ∧ b ∧ c|. */
export function countBits3(a: Uint32Array, b: Uint32Array, c: Uint32Array): number {
  let n = 0;
  for (let w = 0; w < a.length; w++) n += popcount(a[w] & b[w] & c[w]);
  return n;
}
