// DUPLICATES_ACROSS_SPLITS: identical feature rows, or one id, in two different splits (the model is scored on what it saw).
import type { Finding } from '../evaluate/findings.ts';
import { NO_SPLIT, type Splits } from '../data/splits.ts';
import { cellValue, type Table } from '../data/table.ts';
import { SPLIT_NAMES } from '../spec/types.ts';
import type { Json } from '../track/types.ts';
import { rowGroups } from './row-groups.ts';
import { CHECK_LIMITS, finding } from './types.ts';

interface Crossing {
  /** groups with rows in more than one split */
  readonly groups: number;
  /** rows in those groups (assigned to a split) */
  readonly rows: number;
  /** rows in another split than their group's first row, by "first/other" split pair */
  readonly byPair: Record<string, number>;
  readonly examples: Json[];
}

/** Rows identical in every feature (the id ignored) that land in different splits; and ids repeated across splits. */
export function checkDuplicates(table: Table, featureColumns: readonly string[], splits: Splits, idColumn?: string): Finding[] {
  const out: Finding[] = [];
  const rows = crossings(rowGroups(table, featureColumns).group, splits.assignment);
  if (rows.groups > 0) out.push(duplicateRowsFinding(rows));
  const id = idColumn === undefined ? undefined : table.columns.find((c) => c.name === idColumn);
  if (id) {
    const ids = crossings(rowGroups(table, [id.name]).group, splits.assignment);
    if (ids.groups > 0) out.push(repeatedIdsFinding(ids, table, id.name));
  }
  return out;
}

function crossings(group: Int32Array, assignment: Uint8Array): Crossing {
  const nGroups = group.reduce((m, g) => Math.max(m, g + 1), 0);
  const firstRow = new Int32Array(nGroups).fill(-1);
  const crosses = new Uint8Array(nGroups);
  const byPair: Record<string, number> = {};
  const examples: Json[] = [];
  for (let r = 0; r < group.length; r++) {
    const s = assignment[r];
    if (s === NO_SPLIT) continue;
    const g = group[r];
    const f = firstRow[g];
    if (f < 0) firstRow[g] = r;
    else if (assignment[f] !== s) {
      const pair = `${SPLIT_NAMES[assignment[f]]}/${SPLIT_NAMES[s]}`;
      byPair[pair] = (byPair[pair] ?? 0) + 1;
      if (!crosses[g] && examples.length < CHECK_LIMITS.examples) examples.push({ rows: [f + 1, r + 1], splits: [SPLIT_NAMES[assignment[f]], SPLIT_NAMES[s]] });
      crosses[g] = 1;
    }
  }
  let groups = 0;
  let rows = 0;
  for (const c of crosses) groups += c;
  for (let r = 0; r < group.length; r++) if (assignment[r] !== NO_SPLIT && crosses[group[r]]) rows++;
  return { groups, rows, byPair, examples };
}

function firstExample(c: Crossing): string {
  const e = c.examples[0] as { rows: number[]; splits: string[] };
  return `data rows ${e.rows[0]} (${e.splits[0]}) and ${e.rows[1]} (${e.splits[1]})`;
}

function duplicateRowsFinding(c: Crossing): Finding {
  const message = `${c.groups} group(s) of rows identical in every feature (${c.rows} rows) span two or more splits, e.g. ${firstExample(c)}; `
    + `evaluation then scores rows the model trained on: set splits.dedupe: true (keeps the first of each group)`;
  return finding('DUPLICATES_ACROSS_SPLITS', message, { kind: 'rows', groups: c.groups, rows: c.rows, byPair: c.byPair, examples: c.examples });
}

function repeatedIdsFinding(c: Crossing, table: Table, idColumn: string): Finding {
  const col = table.columns.find((x) => x.name === idColumn)!;
  const e = c.examples[0] as { rows: number[] };
  const value = cellValue(col, e.rows[0] - 1);
  const message = `${c.groups} value(s) of id column '${idColumn}' (${c.rows} rows) occur in two or more splits, e.g. ${JSON.stringify(value)} in ${firstExample(c)}; `
    + `one entity in train and test inflates scores: use splits.strategy: group with splits.group: ${idColumn}, or de-duplicate the ids`;
  return finding('DUPLICATES_ACROSS_SPLITS', message, { kind: 'ids', column: idColumn, ids: c.groups, rows: c.rows, byPair: c.byPair, examples: c.examples });
}
