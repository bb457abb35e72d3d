// The one write primitive under every log call: a RunBatch is validated and de-duplicated, then written in one transaction.
import type { Kysely } from 'kysely';
import { encodeFloat64, numberColumn, numberText, toBuffer, toJsonText } from './codec.ts';
import { badWrite, unknownRun } from './errors.ts';
import { nowIso } from './run-id.ts';
import type { Database } from './schema.ts';
import { bulkInsert, type BulkTable } from './sql-bulk.ts';
import type { CurveRow, Json, MetricRow, RunBatch, SampleRow, StepRow } from './types.ts';

type Db = Kysely<Database>;

/** A batch after validation, with later rows of the same key replacing earlier ones. */
interface CheckedBatch {
  readonly params: readonly [string, Json][];
  readonly lineage: Json | undefined;
  readonly steps: readonly StepRow[];
  readonly metrics: readonly MetricRow[];
  readonly curves: readonly CurveRow[];
  readonly samples: readonly SampleRow[];
  readonly splits: Uint8Array | undefined;
  readonly testAccesses: readonly { readonly model: string; readonly purpose: string }[];
  readonly artifacts: readonly [string, Json][];
}

/** Keep the last row per key, in first-seen key order (Postgres rejects one upsert touching a row twice). */
function lastPerKey<T>(rows: readonly T[], key: (row: T) => string): readonly T[] {
  const byKey = new Map<string, T>();
  for (const row of rows) byKey.set(key(row), row);
  return byKey.size === rows.length ? rows : [...byKey.values()];
}

/** `rows[i].field` must be a string; the message is only built on failure (this runs for every row). */
function requireText(rows: string, i: number, field: string, v: unknown): void {
  if (typeof v !== 'string') throw badWrite(`${rows}[${i}]`, `'${field}' must be a string, got ${typeof v}`);
}

function checkMetric(r: MetricRow, i: number): void {
  requireText('metrics', i, 'model', r.model); requireText('metrics', i, 'split', r.split); requireText('metrics', i, 'metric', r.metric);
  if (r.slice !== undefined) requireText('metrics', i, 'slice', r.slice);
  if (typeof r.value !== 'number') throw badWrite(`metrics[${i}]`, `'value' must be a number (NaN and ±Infinity are fine), got ${typeof r.value}`);
}

function checkMetrics(rows: readonly MetricRow[]): readonly MetricRow[] {
  for (let i = 0; i < rows.length; i++) checkMetric(rows[i], i);
  return lastPerKey(rows, (r) => `${r.model}\u0000${r.split}\u0000${r.slice ?? ''}\u0000${r.metric}`);
}

function checkSample(r: SampleRow, i: number): void {
  requireText('samples', i, 'model', r.model); requireText('samples', i, 'split', r.split);
  if (!Number.isSafeInteger(r.row) || r.row < 0) throw badWrite(`samples[${i}]`, `'row' must be a row index (an integer ≥ 0), got ${r.row}`);
}

function checkSamples(rows: readonly SampleRow[]): readonly SampleRow[] {
  for (let i = 0; i < rows.length; i++) checkSample(rows[i], i);
  return lastPerKey(rows, (r) => `${r.model}\u0000${r.split}\u0000${r.row}`);
}

function checkCurves(rows: readonly CurveRow[]): readonly CurveRow[] {
  rows.forEach((r, i) => {
    requireText('curves', i, 'model', r.model); requireText('curves', i, 'name', r.name);
    if (r.steps.length !== r.values.length) {
      throw badWrite(`curves[${i}] '${r.name}'`, `steps and values must have the same length, got ${r.steps.length} and ${r.values.length}`);
    }
  });
  return lastPerKey(rows, (r) => `${r.model}\u0000${r.name}`);
}

function checkSteps(rows: readonly StepRow[]): readonly StepRow[] {
  rows.forEach((r, i) => {
    requireText('steps', i, 'step', r.step);
    if (!['ok', 'failed', 'skipped'].includes(r.status)) throw badWrite(`steps[${i}] '${r.step}'`, `status must be ok, failed or skipped, got '${r.status}'`);
  });
  return rows;
}

function checkSplits(splits: Uint8Array | undefined): Uint8Array | undefined {
  if (splits !== undefined && !(splits instanceof Uint8Array)) throw badWrite('splits', 'must be a Uint8Array of split indices');
  return splits;
}

function checkBatch(batch: RunBatch): CheckedBatch {
  return {
    params: Object.entries(batch.params ?? {}),
    lineage: batch.lineage,
    steps: checkSteps(batch.steps ?? []),
    metrics: checkMetrics(batch.metrics ?? []),
    curves: checkCurves(batch.curves ?? []),
    samples: checkSamples(batch.samples ?? []),
    splits: checkSplits(batch.splits),
    testAccesses: batch.testAccesses ?? [],
    artifacts: Object.entries(batch.artifacts ?? {}),
  };
}

function seqRowCount(b: CheckedBatch): number {
  return b.params.length + b.steps.length + b.metrics.length + b.curves.length + b.samples.length + b.testAccesses.length;
}

/**
 * Reserve `n` values of the run's `seq` counter; returns the first. Being a write to the run's row, it also
 * checks the run exists, serializes concurrent batches to one run in Postgres, and (as the transaction's first
 * statement) takes the write lock before any read in SQLite.
 */
async function reserveSeq(trx: Db, runId: string, n: number): Promise<number> {
  const row = await trx.updateTable('runs').set((eb) => ({ next_seq: eb('next_seq', '+', n) }))
    .where('id', '=', runId).returning('next_seq').executeTakeFirst();
  if (!row) throw unknownRun(runId);
  return Number(row.next_seq) - n;
}

const PARAMS: BulkTable<'params'> = {
  table: 'params', columns: ['run_id', 'key', 'value', 'seq'], conflict: { keys: ['run_id', 'key'], update: ['value'] },
};

async function writeParams(trx: Db, runId: string, params: CheckedBatch['params'], seq: number): Promise<void> {
  await bulkInsert(trx, PARAMS, params, ([key, value], i, out) => out.push(runId, key, toJsonText(value), seq + i));
}

async function writeLineage(trx: Db, runId: string, lineage: Json): Promise<void> {
  await trx.insertInto('lineage').values({ run_id: runId, value: toJsonText(lineage) })
    .onConflict((oc) => oc.column('run_id').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
    .execute();
}

const STEPS: BulkTable<'steps'> = { table: 'steps', columns: ['run_id', 'seq', 'step', 'status', 'detail', 'seconds'] };

async function writeSteps(trx: Db, runId: string, steps: readonly StepRow[], seq: number): Promise<void> {
  await bulkInsert(trx, STEPS, steps, (s, i, out) => out.push(runId, seq + i, s.step, s.status, toJsonText(s.detail), s.seconds));
}

const METRICS: BulkTable<'metrics'> = {
  table: 'metrics',
  columns: ['run_id', 'model', 'split', 'slice', 'metric', 'value', 'value_text', 'seq'],
  conflict: { keys: ['run_id', 'model', 'split', 'slice', 'metric'], update: ['value', 'value_text'] },
};

async function writeMetrics(trx: Db, runId: string, metrics: readonly MetricRow[], seq: number): Promise<void> {
  await bulkInsert(trx, METRICS, metrics, (m, i, out) =>
    out.push(runId, m.model, m.split, m.slice ?? '', m.metric, numberColumn(m.value), numberText(m.value), seq + i));
}

const CURVES: BulkTable<'curves'> = {
  table: 'curves',
  columns: ['run_id', 'model', 'name', 'step_data', 'value_data', 'seq'],
  conflict: { keys: ['run_id', 'model', 'name'], update: ['step_data', 'value_data'] },
};

async function writeCurves(trx: Db, runId: string, curves: readonly CurveRow[], seq: number): Promise<void> {
  await bulkInsert(trx, CURVES, curves, (c, i, out) =>
    out.push(runId, c.model, c.name, encodeFloat64(c.steps), encodeFloat64(c.values), seq + i));
}

const SAMPLES: BulkTable<'samples'> = {
  table: 'samples',
  columns: ['run_id', 'model', 'split', 'row_index', 'data', 'seq'],
  conflict: { keys: ['run_id', 'model', 'split', 'row_index'], update: ['data'] },
};

async function writeSamples(trx: Db, runId: string, samples: readonly SampleRow[], seq: number): Promise<void> {
  await bulkInsert(trx, SAMPLES, samples, (s, i, out) => out.push(runId, s.model, s.split, s.row, toJsonText(s.data), seq + i));
}

async function writeSplits(trx: Db, runId: string, splits: Uint8Array): Promise<void> {
  await trx.insertInto('splits').values({ run_id: runId, n: splits.length, data: toBuffer(splits) })
    .onConflict((oc) => oc.column('run_id').doUpdateSet((eb) => ({ n: eb.ref('excluded.n'), data: eb.ref('excluded.data') })))
    .execute();
}

const TEST_ACCESSES: BulkTable<'test_accesses'> = { table: 'test_accesses', columns: ['run_id', 'seq', 'model', 'purpose', 'at'] };

async function writeTestAccesses(trx: Db, runId: string, accesses: CheckedBatch['testAccesses'], seq: number): Promise<void> {
  const at = nowIso();
  await bulkInsert(trx, TEST_ACCESSES, accesses, (a, i, out) => out.push(runId, seq + i, a.model, a.purpose, at));
}

const ARTIFACTS: BulkTable<'artifacts'> = {
  table: 'artifacts', columns: ['run_id', 'name', 'value', 'updated_at'], conflict: { keys: ['run_id', 'name'], update: ['value', 'updated_at'] },
};

async function writeArtifacts(trx: Db, runId: string, artifacts: CheckedBatch['artifacts']): Promise<void> {
  const at = nowIso();
  await bulkInsert(trx, ARTIFACTS, artifacts, ([name, value], _i, out) => out.push(runId, name, toJsonText(value), at));
}

async function writeChecked(trx: Db, runId: string, b: CheckedBatch): Promise<void> {
  let seq = await reserveSeq(trx, runId, seqRowCount(b));
  await writeParams(trx, runId, b.params, seq); seq += b.params.length;
  if (b.lineage !== undefined) await writeLineage(trx, runId, b.lineage);
  await writeSteps(trx, runId, b.steps, seq); seq += b.steps.length;
  await writeMetrics(trx, runId, b.metrics, seq); seq += b.metrics.length;
  await writeCurves(trx, runId, b.curves, seq); seq += b.curves.length;
  await writeSamples(trx, runId, b.samples, seq); seq += b.samples.length;
  if (b.splits !== undefined) await writeSplits(trx, runId, b.splits);
  await writeTestAccesses(trx, runId, b.testAccesses, seq);
  await writeArtifacts(trx, runId, b.artifacts);
}

/** Write a whole batch for one run in one transaction: all of it lands, or none of it. */
export async function writeBatch(db: Db, runId: string, batch: RunBatch): Promise<void> {
  const checked = checkBatch(batch);
  await db.transaction().execute((trx) => writeChecked(trx, runId, checked));
}
