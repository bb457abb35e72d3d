// Slices as row masks over the whole data: SQL `where` expressions and one slice per value of a `by` column.
import type { SliceSpec } from '../spec/types.ts';
import type { Table } from './table.ts';
import type { DataSql } from './load.ts';
import { SpecError } from '../util/errors.ts';

/** At most this many values of a `by` column become slices (the most frequent). */
export const MAX_SLICES_PER_BY = 50;

export interface SliceMask {
  /** e.g. 'young' or 'region=North' */
  readonly name: string;
  /** the spec slice it came from */
  readonly group: string;
  /** 1 where the row belongs to the slice, per data row */
  readonly mask: Uint8Array;
}

/** Check every slice against the data before any training, so a bad expression fails fast. */
export async function checkSlices(specs: readonly SliceSpec[], table: Table, sql: DataSql, file: string): Promise<void> {
  for (const [i, s] of specs.entries()) {
    if (s.kind === 'by') {
      if (!table.columns.some((c) => c.name === s.by)) {
        throw new SpecError(`slices[${i}].by`, `column '${s.by}' is not in the data; columns: ${table.columns.map((c) => c.name).join(', ')}`, file);
      }
      continue;
    }
    try {
      await sql.check(s.where);
    } catch (e) {
      const why = String(e instanceof Error ? e.message : e).split('\n')[0];
      throw new SpecError(`slices[${i}].where`, `cannot evaluate "${s.where}": ${why}`, file);
    }
  }
}

export async function buildSlices(specs: readonly SliceSpec[], table: Table, sql: DataSql): Promise<SliceMask[]> {
  const out: SliceMask[] = [];
  for (const s of specs) {
    if (s.kind === 'where') out.push({ name: s.name, group: s.name, mask: await sql.evalBoolean(s.where) });
    else out.push(...byValue(s.name, s.by, table));
  }
  return out;
}

function byValue(group: string, column: string, table: Table): SliceMask[] {
  const col = table.columns.find((c) => c.name === column)!;
  const keys: (string | number)[] = [];
  const codes = new Int32Array(table.nRows);
  if (col.kind === 'categorical') {
    keys.push(...col.levels);
    codes.set(col.codes);
  } else {
    const index = new Map<number, number>();
    col.values.forEach((v, i) => {
      if (Number.isNaN(v)) return void (codes[i] = -1);
      if (!index.has(v)) { index.set(v, keys.length); keys.push(v); }
      codes[i] = index.get(v)!;
    });
  }
  const counts = new Array<number>(keys.length).fill(0);
  for (const c of codes) if (c >= 0) counts[c]++;
  const top = keys.map((_, i) => i).filter((i) => counts[i] > 0).sort((a, b) => counts[b] - counts[a] || a - b).slice(0, MAX_SLICES_PER_BY);
  top.sort((a, b) => String(keys[a]).localeCompare(String(keys[b])));
  return top.map((k) => ({ name: `${column}=${keys[k]}`, group, mask: Uint8Array.from(codes, (c) => (c === k ? 1 : 0)) }));
}

/** Positions (0-based, ascending) within `rows` of the rows the slice holds: the index a metric scores for the slice. */
export function slicePositions(mask: Uint8Array, rows: Int32Array): Int32Array {
  let n = 0;
  for (let i = 0; i < rows.length; i++) n += mask[rows[i]];
  const idx = new Int32Array(n);
  let at = 0;
  for (let i = 0; i < rows.length; i++) if (mask[rows[i]]) idx[at++] = i;
  return idx;
}
