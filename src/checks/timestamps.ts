// FUTURE_TIMESTAMP: an event time later than the row's prediction time means the row holds information from the future.
import type { Finding } from '../evaluate/findings.ts';
import { cellValue, type Column, type Table } from '../data/table.ts';
import { CHECK_LIMITS, finding } from './types.ts';

/** One finding per event-time column with rows later than `timeColumn`. Rows with either time missing are skipped. */
export function checkFutureTimestamps(table: Table, timeColumn: string | undefined, eventColumns: readonly string[]): Finding[] {
  const timeCol = timeColumn === undefined ? undefined : table.columns.find((c) => c.name === timeColumn);
  if (!timeCol) return [];
  const t = timesOf(timeCol);
  const out: Finding[] = [];
  for (const name of eventColumns) {
    const col = table.columns.find((c) => c.name === name);
    if (!col || name === timeCol.name) continue;
    const f = futureRows(t, timesOf(col));
    if (f.count > 0) out.push(futureFinding(timeCol, col, f));
  }
  return out;
}

interface FutureRows {
  readonly count: number;
  readonly compared: number;
  readonly first: number[];
}

function futureRows(time: Float64Array, event: Float64Array): FutureRows {
  let count = 0;
  let compared = 0;
  const first: number[] = [];
  for (let r = 0; r < time.length; r++) {
    if (Number.isNaN(time[r]) || Number.isNaN(event[r])) continue;
    compared++;
    if (event[r] > time[r]) {
      count++;
      if (first.length < CHECK_LIMITS.examples) first.push(r);
    }
  }
  return { count, compared, first };
}

/** A column as comparable numbers: numeric (epoch seconds for DuckDB dates/timestamps) or parsed text (epoch seconds). */
export function timesOf(col: Column): Float64Array {
  if (col.kind === 'numeric') return col.values;
  const parsed = col.levels.map((l) => Date.parse(l) / 1000);
  return Float64Array.from(col.codes, (c) => (c < 0 ? NaN : parsed[c]));
}

function futureFinding(timeCol: Column, col: Column, f: FutureRows): Finding {
  const rows = f.first.map((r) => r + 1).join(', ');
  const message = `column '${col.name}' is later than the prediction time '${timeCol.name}' in ${f.count} of ${f.compared} rows (first: data rows ${rows}); `
    + `values recorded after prediction time leak the future: compute features as of '${timeCol.name}', or drop '${col.name}' (data.exclude) and what derives from it`;
  return finding('FUTURE_TIMESTAMP', message, {
    column: col.name, timeColumn: timeCol.name, rows: f.count, compared: f.compared,
    examples: f.first.map((r) => ({ row: r + 1, [col.name]: cellValue(col, r), [timeCol.name]: cellValue(timeCol, r) })),
  });
}
