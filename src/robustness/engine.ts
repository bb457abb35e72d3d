// Shared machinery: clean predictions computed once, seeded streams per test, row-level tests and eyeball examples.
import { rowObject, type Table } from '../data/table.ts';
import { Rng } from '../util/rng.ts';
import { changedRows } from './columns.ts';
import { absDelta, outputAt, outputWidth, predictTable, wilson } from './outputs.ts';
import type { BehavioralContext, BehavioralExample, BehavioralKind, BehavioralResult } from './types.ts';

export const MAX_EXAMPLES = 5;

/** The context plus what every test reuses: clean predictions on both tables. */
export interface Prepared {
  readonly ctx: BehavioralContext;
  readonly width: number;
  readonly inputs: readonly string[];
  readonly cleanMetric: Float64Array;
  readonly cleanEyeball: Float64Array;
}

export function prepareRun(ctx: BehavioralContext): Prepared {
  return {
    ctx,
    width: outputWidth(ctx.task, ctx.nClasses),
    inputs: ctx.pipeline.inputNames,
    cleanMetric: predictTable(ctx.model, ctx.pipeline, ctx.metricTable),
    cleanEyeball: predictTable(ctx.model, ctx.pipeline, ctx.eyeball),
  };
}

/** Stream `stream` (0: metric table, 1: eyeball) of test `label`: independent, reproducible from the seed. */
export function streamOf(seed: number, label: number, stream: 0 | 1): Rng {
  return new Rng(seed).fork(label * 2 + stream);
}

/** A change applied to a raw table (seeded), and the rows it changed. */
export type TableChange = (table: Table, rng: Rng) => Table;

export interface Applied {
  readonly table: Table;
  readonly changed: Uint8Array;
  readonly pred: Float64Array;
}

export function applyTo(p: Prepared, table: Table, change: TableChange, features: readonly string[], rng: Rng): Applied {
  const after = change(table, rng);
  return { table: after, changed: changedRows(table, after, features), pred: predictTable(p.ctx.model, p.ctx.pipeline, after) };
}

/** A row-level test: the change, and when a changed row fails given its outputs before and after. */
export interface RowTest {
  readonly name: string;
  readonly kind: Extract<BehavioralKind, 'invariance' | 'directional'>;
  readonly feature: string;
  readonly change: string;
  readonly tolerance: number;
  /** maxFailureRate */
  readonly threshold: number;
  readonly apply: TableChange;
  readonly fails: (before: Float64Array, after: Float64Array, row: number) => boolean;
}

/**
 * Failure rates are measured on the metric (blackbox) table, the larger sample; the same change is
 * then run on the eyeball rows only to pick examples, so no blackbox row is ever shown.
 */
export function runRowTest(p: Prepared, t: RowTest, label: number): BehavioralResult {
  const { ctx } = p;
  const m = applyTo(p, ctx.metricTable, t.apply, [t.feature], streamOf(ctx.seed, label, 0));
  let rows = 0;
  let failures = 0;
  for (let i = 0; i < m.changed.length; i++) {
    if (!m.changed[i]) continue;
    rows++;
    if (t.fails(p.cleanMetric, m.pred, i)) failures++;
  }
  const e = applyTo(p, ctx.eyeball, t.apply, [t.feature], streamOf(ctx.seed, label, 1));
  const failing = firstRows(e.changed, (i) => t.fails(p.cleanEyeball, e.pred, i));
  const failureRate = rows ? failures / rows : NaN;
  const base = { name: t.name, kind: t.kind, features: [t.feature], change: t.change, tolerance: t.tolerance, threshold: t.threshold };
  if (rows === 0) return { ...base, ...notApplicable(`no blackbox row has a value of '${t.feature}' that the change alters`), rows, skipped: m.changed.length };
  return {
    ...base, rows, skipped: m.changed.length - rows, failures, failureRate, ci: wilson(failures, rows),
    passed: failureRate <= base.threshold, examples: examplesOf(p, e, [t.feature], failing),
  };
}

/** The first MAX_EXAMPLES changed rows meeting `pick`. */
function firstRows(changed: Uint8Array, pick: (row: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < changed.length && out.length < MAX_EXAMPLES; i++) if (changed[i] && pick(i)) out.push(i);
  return out;
}

/** The MAX_EXAMPLES changed eyeball rows whose output moved most (ties: lower row first). */
export function largestMoves(p: Prepared, e: Applied): number[] {
  const moved: { row: number; d: number }[] = [];
  for (let i = 0; i < e.changed.length; i++) {
    const d = e.changed[i] ? absDelta(p.cleanEyeball, e.pred, i, p.width) : 0;
    if (d > 0) moved.push({ row: i, d });
  }
  return moved.sort((a, b) => b.d - a.d || a.row - b.row).slice(0, MAX_EXAMPLES).map((x) => x.row);
}

export function examplesOf(p: Prepared, e: Applied, features: readonly string[], rows: readonly number[]): BehavioralExample[] {
  return rows.map((i) => {
    const raw = rowObject(p.ctx.eyeball, i);
    const changed = rowObject(e.table, i);
    return {
      row: p.ctx.eyeballRowIds[i],
      before: Object.fromEntries(p.inputs.map((n) => [n, raw[n] ?? null])),
      after: Object.fromEntries(features.map((n) => [n, changed[n] ?? null])),
      outputBefore: outputAt(p.cleanEyeball, i, p.width),
      outputAfter: outputAt(e.pred, i, p.width),
    };
  });
}

/** The fields of a test that cannot apply: reported, passed, no figures. */
export function notApplicable(reason: string): Pick<BehavioralResult, 'notApplicable' | 'passed' | 'failures' | 'failureRate' | 'ci' | 'examples'> {
  return { notApplicable: reason, passed: true, failures: null, failureRate: null, ci: [NaN, NaN], examples: [] };
}
