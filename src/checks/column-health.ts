// Column checks: ID_LIKE_COLUMN (a row identifier used as a feature), CONSTANT_COLUMN (one value), HIGH_MISSING.
import type { Finding } from '../evaluate/findings.ts';
import type { Table } from '../data/table.ts';
import { columnStats, type ColumnStats } from './column-stats.ts';
import { CHECK_LIMITS, finding, pct, round } from './types.ts';

export interface ColumnHealth {
  readonly findings: Finding[];
  readonly stats: readonly ColumnStats[];
}

/** Check every feature column. Columns in `notIdLike` (declared time columns) are never called ID-like. */
export function checkColumns(table: Table, featureColumns: readonly string[], notIdLike: readonly string[] = []): ColumnHealth {
  const stats = featureColumns.map((n) => columnStats(table.columns.find((c) => c.name === n)!));
  const findings: Finding[] = [];
  for (const s of stats) {
    if (isConstant(s)) findings.push(constantFinding(s));
    else if (s.missing / s.nRows >= CHECK_LIMITS.highMissing) findings.push(missingFinding(s));
    if (!notIdLike.includes(s.name) && idLikeReason(s)) findings.push(idLikeFinding(s, idLikeReason(s)!));
  }
  return { findings, stats };
}

/** One value in every row; missing counts as a value (all missing is constant, one value plus missing is not). */
export function isConstant(s: ColumnStats): boolean {
  return s.distinct + (s.missing > 0 ? 1 : 0) <= 1;
}

/** Why the column looks like a row identifier, or undefined when it does not. */
export function idLikeReason(s: ColumnStats): string | undefined {
  if (s.nRows < CHECK_LIMITS.idLikeMinRows || s.distinct / s.nRows < CHECK_LIMITS.idLikeDistinct) return undefined;
  if (s.kind === 'categorical') return 'text';
  if (s.integerLike && s.monotone) return 'integers rising or falling with the row order';
  if (s.integerLike && s.dense) return 'a near-consecutive run of integers';
  return undefined;
}

function constantFinding(s: ColumnStats): Finding {
  const value = s.distinct === 0 ? null : s.example;
  const what = value === null ? 'is missing in every row' : `has the single value ${JSON.stringify(value)} in all ${s.nRows} rows`;
  return finding('CONSTANT_COLUMN', `column '${s.name}' ${what}; it carries no information: list it under data.exclude`, {
    column: s.name, value, rows: s.nRows,
  });
}

function missingFinding(s: ColumnStats): Finding {
  const rate = s.missing / s.nRows;
  const message = `column '${s.name}' is missing in ${pct(rate)} of rows (${s.missing} of ${s.nRows}); `
    + `check the extract for a broken join, or list it under data.exclude if the gaps are expected to stay`;
  return finding('HIGH_MISSING', message, { column: s.name, missingRate: round(rate), missingRows: s.missing, rows: s.nRows });
}

function idLikeFinding(s: ColumnStats, reason: string): Finding {
  const ratio = s.distinct / s.nRows;
  const message = `column '${s.name}' has a distinct value in ${pct(ratio)} of rows (${reason}); it identifies rows rather than describing them: `
    + `set it as data.id or list it under data.exclude`;
  return finding('ID_LIKE_COLUMN', message, { column: s.name, distinctRatio: round(ratio), distinct: s.distinct, rows: s.nRows, reason });
}
