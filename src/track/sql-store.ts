// The one Store implementation, over Kysely: SQL stays dialect-free so SQLite and (later) Postgres share every feature.
import type { Kysely } from 'kysely';
import { migrate, type Database, type SqlDialectName } from './schema.ts';
import { writeBatch } from './sql-batch.ts';
import * as registry from './sql-registry.ts';
import * as runs from './sql-runs.ts';
import type {
  AliasMove, Candidate, CurveRow, Json, MetricRow, NewCandidate, NewRun, RunBatch, RunDetail, RunStatus, RunSummary,
  SampleRow, StepRow, Store,
} from './types.ts';

/** Each method is one call into the module for its concern; every `log*` is a one-field `logBatch`. */
export class SqlStore implements Store {
  private constructor(readonly uri: string, private readonly db: Kysely<Database>) {}

  /** Wrap an open database, bringing its schema up to date first. */
  static async open(uri: string, db: Kysely<Database>, dialect: SqlDialectName): Promise<SqlStore> {
    try {
      await migrate(db, dialect);
    } catch (err) {
      await db.destroy();
      throw err;
    }
    return new SqlStore(uri, db);
  }

  createRun(run: NewRun): Promise<string> { return runs.createRun(this.db, run); }
  logBatch(runId: string, batch: RunBatch): Promise<void> { return writeBatch(this.db, runId, batch); }
  logParams(runId: string, params: Readonly<Record<string, Json>>): Promise<void> { return this.logBatch(runId, { params }); }
  setLineage(runId: string, lineage: Json): Promise<void> { return this.logBatch(runId, { lineage }); }
  logStep(runId: string, step: StepRow): Promise<void> { return this.logBatch(runId, { steps: [step] }); }
  logMetrics(runId: string, metrics: readonly MetricRow[]): Promise<void> { return this.logBatch(runId, { metrics }); }
  logCurves(runId: string, curves: readonly CurveRow[]): Promise<void> { return this.logBatch(runId, { curves }); }
  logSamples(runId: string, samples: readonly SampleRow[]): Promise<void> { return this.logBatch(runId, { samples }); }
  logSplits(runId: string, splits: Uint8Array): Promise<void> { return this.logBatch(runId, { splits }); }
  getSplits(runId: string): Promise<Uint8Array | null> { return runs.getSplits(this.db, runId); }

  recordTestAccess(runId: string, model: string, purpose: string): Promise<void> {
    return this.logBatch(runId, { testAccesses: [{ model, purpose }] });
  }

  putArtifact(runId: string, name: string, value: Json): Promise<void> { return this.logBatch(runId, { artifacts: { [name]: value } }); }
  getArtifact(runId: string, name: string): Promise<Json | null> { return runs.getArtifact(this.db, runId, name); }

  finishRun(runId: string, status: Exclude<RunStatus, 'running'>, summary: Json | null, error?: string): Promise<void> {
    return runs.finishRun(this.db, runId, status, summary, error);
  }

  listRuns(opts?: { limit?: number; specName?: string; status?: RunStatus }): Promise<RunSummary[]> { return runs.listRuns(this.db, opts); }
  getRun(id: string): Promise<RunDetail | null> { return runs.getRun(this.db, id); }

  registerCandidate(candidate: NewCandidate): Promise<number> { return registry.registerCandidate(this.db, candidate); }
  getCandidate(specName: string, candidateId: number): Promise<Candidate | null> { return registry.getCandidate(this.db, specName, candidateId); }
  listCandidates(specName?: string): Promise<Candidate[]> { return registry.listCandidates(this.db, specName); }

  setAlias(specName: string, alias: string, candidateId: number, reason: string): Promise<void> {
    return registry.setAlias(this.db, specName, alias, candidateId, reason);
  }

  getAlias(specName: string, alias: string): Promise<Candidate | null> { return registry.getAlias(this.db, specName, alias); }
  aliasHistory(specName: string, alias?: string): Promise<AliasMove[]> { return registry.aliasHistory(this.db, specName, alias); }
  rollbackAlias(specName: string, alias: string, reason?: string): Promise<Candidate> { return registry.rollbackAlias(this.db, specName, alias, reason); }
  close(): Promise<void> { return this.db.destroy(); }
}
