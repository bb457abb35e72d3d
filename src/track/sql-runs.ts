// Runs over Kysely: create, finish exactly once, list newest first, and read a run's full detail by id or unique prefix.
import type { Kysely, Selectable } from 'kysely';
import { decodeFloat64, decodeNumber, fromJsonText, fromJsonTextOrNull, toJsonText, toUint8Array } from './codec.ts';
import { BadInputError } from '../util/errors.ts';
import { ambiguousRunId, badWrite, StoreError, unknownRun } from './errors.ts';
import { isoAt, isRunIdPrefix, monotonicNow, runIdAt } from './run-id.ts';
import type { Database, RunsTable } from './schema.ts';
import type { Json, NewRun, RunDetail, RunStatus, RunSummary } from './types.ts';

type Db = Kysely<Database>;
type FinalStatus = Exclude<RunStatus, 'running'>;

const FINAL_STATUSES: readonly FinalStatus[] = ['succeeded', 'failed', 'interrupted'];
/** How many ids an ambiguous-prefix error lists. */
const AMBIGUITY_LIST = 10;

function checkNewRun(run: NewRun): void {
  for (const key of ['specName', 'specPath', 'specHash', 'successHash'] as const) {
    if (typeof run[key] !== 'string') throw badWrite('createRun', `'${key}' must be a string, got ${typeof run[key]}`);
  }
}

/** Insert a new 'running' run; on the (rare, cross-process) id collision, draw another id. */
export async function createRun(db: Db, run: NewRun): Promise<string> {
  checkNewRun(run);
  for (let attempt = 0; attempt < 8; attempt++) {
    const ms = monotonicNow();
    const id = runIdAt(ms);
    const row = {
      id, spec_name: run.specName, spec_path: run.specPath, spec_hash: run.specHash, success_hash: run.successHash,
      spec: toJsonText(run.spec), status: 'running', started_at: isoAt(ms), ended_at: null, summary: null, error: null, next_seq: 0,
    };
    const result = await db.transaction().execute((trx) =>
      trx.insertInto('runs').values(row).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst());
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 1) return id;
  }
  throw new StoreError('RUN_ID_COLLISION', 'a new run id must be unique, but 8 attempts collided: check the system clock');
}

async function statusOf(db: Db, runId: string): Promise<string | undefined> {
  const row = await db.selectFrom('runs').select('status').where('id', '=', runId).executeTakeFirst();
  return row?.status;
}

/** The only way out of 'running': a compare-and-set, so a run is finished exactly once. */
export async function finishRun(db: Db, runId: string, status: FinalStatus, summary: Json | null, error?: string): Promise<void> {
  if (!FINAL_STATUSES.includes(status)) throw badWrite('finishRun', `status must be one of ${FINAL_STATUSES.join(', ')}, got '${status}'`);
  const values = { status, ended_at: isoAt(monotonicNow()), summary: summary === null ? null : toJsonText(summary), error: error ?? null };
  const result = await db.transaction().execute((trx) =>
    trx.updateTable('runs').set(values).where('id', '=', runId).where('status', '=', 'running').executeTakeFirst());
  if (Number(result.numUpdatedRows) === 1) return;
  const current = await statusOf(db, runId);
  if (current === undefined) throw unknownRun(runId);
  throw new StoreError('RUN_ALREADY_FINISHED',
    `run '${runId}' must be 'running' to be finished, but it is already '${current}': a run leaves 'running' exactly once`);
}

const SUMMARY_COLUMNS = ['id', 'spec_name', 'status', 'started_at', 'ended_at', 'success_hash', 'summary', 'error'] as const;

function toSummary(r: Pick<Selectable<RunsTable>, (typeof SUMMARY_COLUMNS)[number]>): RunSummary {
  return {
    id: r.id, specName: r.spec_name, status: r.status as RunStatus, startedAt: r.started_at, endedAt: r.ended_at,
    successHash: r.success_hash, summary: fromJsonTextOrNull(r.summary), error: r.error,
  };
}

export async function listRuns(db: Db, opts: { limit?: number; specName?: string; status?: RunStatus } = {}): Promise<RunSummary[]> {
  if (opts.limit !== undefined && !(Number.isInteger(opts.limit) && opts.limit > 0)) {
    throw new BadInputError(`listRuns: limit must be a positive integer, got ${opts.limit}`, 'BAD_LIMIT');
  }
  let q = db.selectFrom('runs').select(SUMMARY_COLUMNS).orderBy('started_at', 'desc').orderBy('id', 'desc');
  if (opts.specName !== undefined) q = q.where('spec_name', '=', opts.specName);
  if (opts.status !== undefined) q = q.where('status', '=', opts.status);
  if (opts.limit !== undefined) q = q.limit(opts.limit);
  return (await q.execute()).map(toSummary);
}

/** The full id for an id or unique prefix; null when nothing matches; throws listing the matches when several do. */
export async function resolveRunId(db: Db, idOrPrefix: string): Promise<string | null> {
  const prefix = idOrPrefix.trim().toLowerCase();
  if (prefix === '' || !isRunIdPrefix(prefix)) return null; // ids hold only [0-9a-f-], so LIKE needs no escaping
  const rows = await db.selectFrom('runs').select('id').where('id', 'like', `${prefix}%`)
    .orderBy('id', 'desc').limit(AMBIGUITY_LIST + 1).execute();
  if (rows.length <= 1) return rows[0]?.id ?? null;
  const exact = rows.find((r) => r.id === prefix);
  if (exact) return exact.id;
  throw ambiguousRunId(idOrPrefix, rows.slice(0, AMBIGUITY_LIST).map((r) => r.id), rows.length > AMBIGUITY_LIST);
}

async function readLogs(db: Db, runId: string) {
  const params = await db.selectFrom('params').select(['key', 'value']).where('run_id', '=', runId).orderBy('seq').execute();
  const lineage = await db.selectFrom('lineage').select('value').where('run_id', '=', runId).executeTakeFirst();
  const steps = await db.selectFrom('steps').selectAll().where('run_id', '=', runId).orderBy('seq').execute();
  const metrics = await db.selectFrom('metrics').selectAll().where('run_id', '=', runId).orderBy('seq').execute();
  const curves = await db.selectFrom('curves').selectAll().where('run_id', '=', runId).orderBy('seq').execute();
  const samples = await db.selectFrom('samples').selectAll().where('run_id', '=', runId).orderBy('seq').execute();
  const tests = await db.selectFrom('test_accesses').selectAll().where('run_id', '=', runId).orderBy('seq').execute();
  const artifacts = await db.selectFrom('artifacts').select('name').where('run_id', '=', runId).orderBy('name').execute();
  return { params, lineage, steps, metrics, curves, samples, tests, artifacts };
}

type Logs = Awaited<ReturnType<typeof readLogs>>;

function toDetailLogs(l: Logs): Omit<RunDetail, keyof RunSummary | 'specPath' | 'specHash' | 'spec'> {
  return {
    params: Object.fromEntries(l.params.map((p) => [p.key, fromJsonText(p.value)])),
    lineage: l.lineage ? fromJsonText(l.lineage.value) : null,
    steps: l.steps.map((s) => ({ step: s.step, status: s.status as 'ok' | 'failed' | 'skipped', detail: fromJsonText(s.detail), seconds: s.seconds })),
    metrics: l.metrics.map((m) => ({ model: m.model, split: m.split, metric: m.metric, value: decodeNumber(m.value, m.value_text), slice: m.slice })),
    curves: l.curves.map((c) => ({ model: c.model, name: c.name, steps: decodeFloat64(c.step_data), values: decodeFloat64(c.value_data) })),
    samples: l.samples.map((s) => ({ model: s.model, split: s.split, row: s.row_index, data: fromJsonText(s.data) })),
    testAccesses: l.tests.map((t) => ({ model: t.model, purpose: t.purpose, at: t.at })),
    artifacts: l.artifacts.map((a) => a.name),
  };
}

/** Everything recorded for a run, by id or unique prefix. */
export async function getRun(db: Db, idOrPrefix: string): Promise<RunDetail | null> {
  const id = await resolveRunId(db, idOrPrefix);
  if (id === null) return null;
  const run = await db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!run) return null;
  const logs = toDetailLogs(await readLogs(db, id));
  return { ...toSummary(run), specPath: run.spec_path, specHash: run.spec_hash, spec: fromJsonText(run.spec), ...logs };
}

export async function getSplits(db: Db, runId: string): Promise<Uint8Array | null> {
  const row = await db.selectFrom('splits').select('data').where('run_id', '=', runId).executeTakeFirst();
  return row ? toUint8Array(row.data) : null;
}

export async function getArtifact(db: Db, runId: string, name: string): Promise<Json | null> {
  const row = await db.selectFrom('artifacts').select('value').where('run_id', '=', runId).where('name', '=', name).executeTakeFirst();
  return row ? fromJsonText(row.value) : null;
}
