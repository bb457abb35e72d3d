// Group masks from a raw column: one group per categorical level, or per numeric value (the 20 most frequent).
import type { Table } from '../data/table.ts';
import { DataError } from '../util/errors.ts';

/** Rows of one group: mask[i] = 1 when row i belongs to it. */
export interface Group {
  readonly name: string;
  readonly mask: Uint8Array;
}

/** A numeric attribute yields at most this many groups (its most frequent values). */
export const MAX_NUMERIC_GROUPS = 20;

/**
 * One group per categorical level present in `table` (level order), or per distinct numeric value
 * for a numeric column: the MAX_NUMERIC_GROUPS most frequent (ties: smaller value), in ascending
 * value order. Rows with a missing value (and rare numeric values past the cap) are in no group.
 */
export function groupsOf(table: Table, attribute: string): Group[] {
  const col = table.columns.find((c) => c.name === attribute);
  if (!col) throw new DataError(`fairness_gap attribute '${attribute}' is not a column of the data; columns: ${table.columns.map((c) => c.name).join(', ')}`);
  if (col.kind === 'categorical') return categoricalGroups(col.codes, col.levels);
  return numericGroups(col.values);
}

function categoricalGroups(codes: Int32Array, levels: readonly string[]): Group[] {
  const masks = levels.map(() => new Uint8Array(codes.length));
  const counts = new Int32Array(levels.length);
  codes.forEach((c, i) => {
    if (c < 0) return;
    masks[c][i] = 1;
    counts[c]++;
  });
  return levels.map((name, k) => ({ name, mask: masks[k] })).filter((_, k) => counts[k] > 0);
}

function numericGroups(values: Float64Array): Group[] {
  const counts = new Map<number, number>();
  for (const v of values) if (!Number.isNaN(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  const kept = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, MAX_NUMERIC_GROUPS).map(([v]) => v).sort((a, b) => a - b);
  return kept.map((v) => ({ name: String(v), mask: Uint8Array.from(values, (x) => (x === v ? 1 : 0)) }));
}
