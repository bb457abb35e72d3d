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
  finishRun(runId: string, status: Exclude<RunStatus, 'running'>, summary: Json | null, error?: string): Promise<void>;
  listRuns(opts?: { limit?: number; specName?: string }): Promise<RunSummary[]>;
  /** full detail; `id` may be a unique prefix of a run id */
  getRun(id: string): Promise<RunDetail | null>;
  close(): Promise<void>;
}
