// Data checks before training: stable finding codes (linter-style), error findings block a run unless allowed.
import { basename } from 'node:path';
import { loadData, type LoadedData } from '../data/load.ts';
import { NO_SPLIT, type Splits } from '../data/splits.ts';
import type { Table } from '../data/table.ts';
import type { Target } from '../data/target.ts';
import type { Finding } from '../evaluate/findings.ts';
import type { Spec } from '../spec/types.ts';
import { idLikeReason, isConstant, checkColumns } from './column-health.ts';
import { checkDuplicates } from './duplicates.ts';
import { checkLeakage } from './leakage.ts';
import { checkProductionMismatch, checkSplitMismatch } from './mismatch.ts';
import { assignedRows } from './sample.ts';
import { checkFutureTimestamps } from './timestamps.ts';

export { CHECK_CODES, ERROR_CODES, LEAK_THRESHOLDS, CHECK_LIMITS, type CheckCode } from './types.ts';
export { splitLikeRun } from './run-splits.ts';
export { duplicateMask, rowGroups } from './row-groups.ts';

/** What the checks read from a prepared run (a `Prepared` fits). */
export interface CheckInput {
  readonly spec: Spec;
  readonly data: { readonly table: Table };
  readonly target: Target;
  readonly featureColumns: readonly string[];
}

export interface DataCheckOptions {
  /** production sample to compare with (default: the spec's data.production) */
  readonly productionFile?: string;
}

/** Run every data check on the prepared data and the run's splits. Deterministic (seeded by the spec's seed). */
export async function runDataChecks(p: CheckInput, splits: Splits, opts: DataCheckOptions = {}): Promise<Finding[]> {
  const { spec, target, featureColumns } = p;
  const table = p.data.table;
  const timeColumns = [spec.data.time, spec.splits.time, ...spec.data.eventTimes].filter((c): c is string => c !== undefined);
  const columns = checkColumns(table, featureColumns, timeColumns);
  const comparable = columns.stats.filter((s) => !isConstant(s) && !idLikeReason(s) && !timeColumns.includes(s.name)).map((s) => s.name);
  const rows = assignedRows(splits.assignment, NO_SPLIT);
  const findings: Finding[] = [
    ...checkDuplicates(table, featureColumns, splits, spec.data.id),
    ...checkFutureTimestamps(table, spec.data.time, spec.data.eventTimes),
    ...checkLeakage(table, featureColumns, target, rows, spec.seed),
    ...columns.findings,
    ...(await checkSplitMismatch(table, comparable, splits, spec.seed)),
  ];
  const production = opts.productionFile ?? spec.data.production;
  if (production) findings.push(...(await productionFindings(table, rows, production, spec, comparable)));
  return findings.sort((a, b) => rank(a) - rank(b));
}

/** Error-level findings whose code is not in `allow`: these fail `gauntlet check` and block a run. */
export function blockingFindings(findings: readonly Finding[], allow: readonly string[]): Finding[] {
  return findings.filter((f) => f.severity === 'error' && !allow.includes(f.code));
}

function rank(f: Finding): number {
  return f.severity === 'error' ? 0 : f.severity === 'warning' ? 1 : 2;
}

async function productionFindings(table: Table, rows: Int32Array, file: string, spec: Spec, features: readonly string[]): Promise<Finding[]> {
  const prod = await loadProduction(file, spec.data.categorical);
  try {
    return await checkProductionMismatch(table, rows, prod.table, basename(file), features, spec.seed);
  } finally {
    prod.sql.close();
  }
}

/** Load with the spec's categorical columns; a production file lacking one of them loads without (the mismatch check names it). */
async function loadProduction(file: string, categorical: readonly string[]): Promise<LoadedData> {
  try {
    return await loadData(file, { categorical, strayText: 'keep' });
  } catch (e) {
    if (categorical.length === 0 || !String(e instanceof Error ? e.message : e).includes('data.categorical')) throw e;
    return loadData(file, { strayText: 'keep' });
  }
}
