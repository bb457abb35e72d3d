// The Store contract: every step of a run is written here; one interface, several backends (SQLite now, Postgres later).

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'interrupted';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface NewRun {
  readonly specName: string;
  readonly specPath: string;
  /** hash of the whole normalized spec */
  readonly specHash: string;
  /** hash of the success definition (task, target, optimize, constraints) */
  readonly successHash: string;
  /** the normalized spec as JSON */
  readonly spec: Json;
}

/** One row per run in listings. */
export interface RunSummary {
  readonly id: string;
  readonly specName: string;
  readonly status: RunStatus;
  readonly startedAt: string; // ISO 8601
  readonly endedAt: string | null;
  readonly successHash: string;
  /** set when the run finished: e.g. { optimize: 'auc', blackbox: 0.91, selected: 'logistic' } */
  readonly summary: Json | null;
  readonly error: string | null;
}

export interface MetricRow {
  readonly model: string;
  readonly split: string;
  readonly metric: string;
  readonly value: number;
  /** slice name, '' for the whole split */
  readonly slice?: string;
}

export interface StepRow {
  readonly step: string;
  readonly status: 'ok' | 'failed' | 'skipped';
  readonly detail: Json;
  readonly seconds: number;
}

export interface SampleRow {
  readonly model: string;
  readonly split: string;
  readonly row: number;
  readonly data: Json;
}

export interface CurveRow {
  readonly model: string;
  readonly name: string;
  readonly steps: readonly number[];
  readonly values: readonly number[];
}

export interface TestAccess {
  readonly model: string;
  readonly purpose: string;
  readonly at: string;
}

/** Everything recorded for one run. */
export interface RunDetail extends RunSummary {
  readonly specPath: string;
  readonly specHash: string;
  readonly spec: Json;
  readonly params: Readonly<Record<string, Json>>;
  readonly lineage: Json | null;
  readonly steps: readonly StepRow[];
  readonly metrics: readonly MetricRow[];
  readonly curves: readonly CurveRow[];
  readonly samples: readonly SampleRow[];
  readonly testAccesses: readonly TestAccess[];
  /** artifact names (JSON documents such as 'evaluation', 'pipeline', 'model:logistic') */
  readonly artifacts: readonly string[];
}

/**
 * Everything one batched write can carry; every `log*` call is a one-field batch.
 * A batch is written in one transaction: all of it lands or none of it does.
 * Rows with the same key as an earlier row (same param key, same metric
 * model/split/slice/metric, same sample model/split/row, same curve model/name,
 * same artifact name) overwrite its value but keep its place in the run's order; within one batch the last row wins.
 */
export interface RunBatch {
  readonly params?: Readonly<Record<string, Json>>;
  readonly lineage?: Json;
  readonly steps?: readonly StepRow[];
  readonly metrics?: readonly MetricRow[];
  readonly curves?: readonly CurveRow[];
  readonly samples?: readonly SampleRow[];
  readonly splits?: Uint8Array;
  readonly testAccesses?: readonly { readonly model: string; readonly purpose: string }[];
  readonly artifacts?: Readonly<Record<string, Json>>;
}

/** A registered model candidate: immutable once registered. */
export interface Candidate {
  readonly specName: string;
  /** version number within its spec: 1, 2, 3… */
  readonly id: number;
  readonly runId: string;
  /** where the bundle lives */
  readonly path: string;
  readonly contentHash: string;
  readonly createdAt: string; // ISO 8601
  /** aliases currently pointing at this candidate, sorted, e.g. ['champion'] */
  readonly aliases: readonly string[];
}

export interface NewCandidate {
  readonly runId: string;
  readonly specName: string;
  readonly path: string;
  readonly contentHash: string;
}

/** One move of an alias, oldest first in `aliasHistory`. */
export interface AliasMove {
  readonly specName: string;
  readonly alias: string;
  readonly candidateId: number;
  /** where the alias pointed before this move; null on its first assignment */
  readonly previousCandidateId: number | null;
  readonly at: string; // ISO 8601
  readonly reason: string;
  /** 'rollback' moves undo the latest not-yet-undone 'set' move */
  readonly action: 'set' | 'rollback';
}

export interface Store {
  /** e.g. 'sqlite:/path/to/gauntlet.db' */
  readonly uri: string;
  createRun(run: NewRun): Promise<string>;
  /** merge params (keys like 'learner.logistic.C', 'seed.splits') */
  logParams(runId: string, params: Readonly<Record<string, Json>>): Promise<void>;
  setLineage(runId: string, lineage: Json): Promise<void>;
  logStep(runId: string, step: StepRow): Promise<void>;
  logMetrics(runId: string, rows: readonly MetricRow[]): Promise<void>;
  logCurves(runId: string, rows: readonly CurveRow[]): Promise<void>;
  logSamples(runId: string, rows: readonly SampleRow[]): Promise<void>;
  /** row→split assignment: `splits[i]` is the split index of data row i (order of SPLIT_NAMES) */
  logSplits(runId: string, splits: Uint8Array): Promise<void>;
  getSplits(runId: string): Promise<Uint8Array | null>;
  recordTestAccess(runId: string, model: string, purpose: string): Promise<void>;
  /** store a JSON artifact under a name (overwrites the same name within a run) */
  putArtifact(runId: string, name: string, value: Json): Promise<void>;
  getArtifact(runId: string, name: string): Promise<Json | null>;
  /**
   * The only way out of 'running', exactly once (a compare-and-set; a second call throws RUN_ALREADY_FINISHED).
   * Only the status is final: later records such as test accesses and gate artifacts may still be added.
   */
  finishRun(runId: string, status: Exclude<RunStatus, 'running'>, summary: Json | null, error?: string): Promise<void>;
  /** newest first */
  listRuns(opts?: { limit?: number; specName?: string; status?: RunStatus }): Promise<RunSummary[]>;
  /** full detail; `id` may be a unique prefix of a run id */
  getRun(id: string): Promise<RunDetail | null>;
  /** the one write primitive under every log call: the whole batch in one transaction */
  logBatch(runId: string, batch: RunBatch): Promise<void>;

  // Registry: immutable candidate versions, movable aliases ('champion', 'challenger').
  /** register a new version of `specName`; returns its version number (1, 2, 3… per spec) */
  registerCandidate(candidate: NewCandidate): Promise<number>;
  getCandidate(specName: string, candidateId: number): Promise<Candidate | null>;
  /** oldest first; all specs (by spec name) when `specName` is omitted */
  listCandidates(specName?: string): Promise<Candidate[]>;
  /** point `alias` at a candidate, recording the move and why; a no-op if it already points there */
  setAlias(specName: string, alias: string, candidateId: number, reason: string): Promise<void>;
  getAlias(specName: string, alias: string): Promise<Candidate | null>;
  /** every move of the spec's aliases (or of one alias), oldest first */
  aliasHistory(specName: string, alias?: string): Promise<AliasMove[]>;
  /** move `alias` back to the target it had before its latest not-yet-undone move; throws if there is none */
  rollbackAlias(specName: string, alias: string, reason?: string): Promise<Candidate>;
  close(): Promise<void>;
}
