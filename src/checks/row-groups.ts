// Rows identical in a set of columns, found by hashing typed column values (no per-row strings), verified exactly.
import type { Column, Table } from '../data/table.ts';

export interface RowGroups {
  /** `group[r]`: the group of row r; groups are numbered in order of their first row */
  readonly group: Int32Array;
  /** `first[g]`: the first row of group g */
  readonly first: Int32Array;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** Group rows equal in every one of `names` (NaN equals NaN, -0 equals 0; categorical missing equals missing). */
export function rowGroups(table: Table, names: readonly string[]): RowGroups {
  const cols = names.map((n) => table.columns.find((c) => c.name === n)!);
  const [h1, h2] = hashRows(cols, table.nRows);
  const group = new Int32Array(table.nRows);
  const first: number[] = [];
  const head = new Map<number, number>();
  const nextSameKey: number[] = [];
  for (let r = 0; r < table.nRows; r++) {
    const key = h1[r] * 2097152 + (h2[r] >>> 11);
    let g = head.get(key) ?? -1;
    while (g >= 0 && !sameRow(cols, first[g], r)) g = nextSameKey[g];
    if (g < 0) {
      g = first.length;
      first.push(r);
      nextSameKey.push(head.get(key) ?? -1);
      head.set(key, g);
    }
    group[r] = g;
  }
  return { group, first: Int32Array.from(first) };
}

/** 1 for every row equal in `names` to an earlier row: what `splits.dedupe` drops. */
export function duplicateMask(table: Table, names: readonly string[]): Uint8Array {
  const { group, first } = rowGroups(table, names);
  const out = new Uint8Array(table.nRows);
  for (let r = 0; r < table.nRows; r++) if (first[group[r]] !== r) out[r] = 1;
  return out;
}

function hashRows(cols: readonly Column[], n: number): [Uint32Array, Uint32Array] {
  const h1 = new Uint32Array(n).fill(0x811c9dc5);
  const h2 = new Uint32Array(n).fill(0x9e3779b9);
  for (const c of cols) {
    for (let r = 0; r < n; r++) {
      let lo: number;
      let hi: number;
      if (c.kind === 'categorical') {
        lo = c.codes[r];
        hi = 0x5bd1e995;
      } else {
        const v = c.values[r];
        f64[0] = v === 0 ? 0 : Number.isNaN(v) ? NaN : v;
        lo = u32[0];
        hi = u32[1];
      }
      h1[r] = mix(h1[r] ^ lo, hi);
      h2[r] = mix(h2[r] ^ hi, lo ^ 0x27d4eb2d);
    }
  }
  return [h1, h2];
}

function mix(h: number, k: number): number {
  let x = Math.imul(h ^ k, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

function sameRow(cols: readonly Column[], a: number, b: number): boolean {
  for (const c of cols) {
    if (c.kind === 'categorical') {
      if (c.codes[a] !== c.codes[b]) return false;
    } else {
      const x = c.values[a];
      const y = c.values[b];
      if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
    }
  }
  return true;
}
