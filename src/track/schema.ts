// The tracking database: table types for Kysely and versioned migrations (portable DDL for SQLite and Postgres), applied on open.
import { sql, type Kysely } from 'kysely';
import { GauntletError } from '../util/errors.ts';

/** The SQL dialects the store's DDL knows; queries themselves are dialect-free. */
export type SqlDialectName = 'sqlite' | 'postgres';

/** Binary columns: `blob` in SQLite, `bytea` in Postgres; both drivers take and return Buffers. */
type Binary = Uint8Array;

export interface RunsTable {
  id: string;
  spec_name: string;
  spec_path: string;
  spec_hash: string;
  success_hash: string;
  /** JSON */
  spec: string;
  status: string;
  started_at: string;
  ended_at: string | null;
  /** JSON */
  summary: string | null;
  error: string | null;
  /** per-run write counter: each batch reserves a range of `seq` values from it; a row's seq (kept on overwrite) orders the run's rows */
  next_seq: number;
}

export interface ParamsTable { run_id: string; key: string; value: string; seq: number }
export interface LineageTable { run_id: string; value: string }

export interface StepsTable {
  run_id: string;
  seq: number;
  step: string;
  status: string;
  detail: string;
  seconds: number;
}

export interface MetricsTable {
  run_id: string;
  model: string;
  split: string;
  slice: string;
  metric: string;
  /** the value when a double column carries it faithfully, else null */
  value: number | null;
  /** 'NaN', 'Infinity', '-Infinity' or '-0' when `value` cannot carry it, else null */
  value_text: string | null;
  seq: number;
}

export interface CurvesTable {
  run_id: string;
  model: string;
  name: string;
  /** float64 little-endian */
  step_data: Binary;
  /** float64 little-endian */
  value_data: Binary;
  seq: number;
}

export interface SamplesTable {
  run_id: string;
  model: string;
  split: string;
  row_index: number;
  data: string;
  seq: number;
}

export interface SplitsTable { run_id: string; n: number; data: Binary }
export interface TestAccessesTable { run_id: string; seq: number; model: string; purpose: string; at: string }
export interface ArtifactsTable { run_id: string; name: string; value: string; updated_at: string }

export interface CandidatesTable {
  spec_name: string;
  /** version within the spec */
  id: number;
  run_id: string;
  path: string;
  created_at: string;
  content_hash: string;
}

/** Per-spec registry counters: bumping one is an atomic, portable way to number versions and alias moves. */
export interface RegistrySpecsTable { spec_name: string; last_candidate_id: number; last_history_seq: number }

export interface AliasesTable { spec_name: string; alias: string; candidate_id: number; updated_at: string }

export interface AliasHistoryTable {
  spec_name: string;
  /** order of moves within the spec */
  seq: number;
  alias: string;
  candidate_id: number;
  previous_candidate_id: number | null;
  at: string;
  reason: string;
  action: string;
}

export interface SchemaVersionTable { version: number; applied_at: string }

export interface Database {
  runs: RunsTable;
  params: ParamsTable;
  lineage: LineageTable;
  steps: StepsTable;
  metrics: MetricsTable;
  curves: CurvesTable;
  samples: SamplesTable;
  splits: SplitsTable;
  test_accesses: TestAccessesTable;
  artifacts: ArtifactsTable;
  candidates: CandidatesTable;
  registry_specs: RegistrySpecsTable;
  aliases: AliasesTable;
  alias_history: AliasHistoryTable;
  schema_version: SchemaVersionTable;
}

/** What a migration may vary by dialect: only column types, never query syntax. */
interface DdlTypes {
  readonly binary: 'blob' | 'bytea';
}

// Migrations see the database untyped: they create the tables the types above describe.
type AnyDb = Kysely<any>;

interface Migration {
  readonly version: number;
  readonly description: string;
  up(db: AnyDb, types: DdlTypes): Promise<void>;
}

const runRef = 'runs.id';

async function createRunsTable(db: AnyDb): Promise<void> {
  await db.schema.createTable('runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('spec_name', 'text', (c) => c.notNull())
    .addColumn('spec_path', 'text', (c) => c.notNull())
    .addColumn('spec_hash', 'text', (c) => c.notNull())
    .addColumn('success_hash', 'text', (c) => c.notNull())
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('summary', 'text')
    .addColumn('error', 'text')
    .addColumn('next_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('runs_by_start').on('runs').columns(['started_at', 'id']).execute();
  await db.schema.createIndex('runs_by_spec').on('runs').columns(['spec_name', 'started_at']).execute();
}

async function createParamsTable(db: AnyDb): Promise<void> {
  await db.schema.createTable('params')
    .addColumn('run_id', 'text', (c) => c.notNull().references(runRef).onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('params_pk', ['run_id', 'key'])
    .execute();
}

async function createLineageTable(db: AnyDb): Promise<void> {
  await db.schema.createTable('lineage')
    .addColumn('run_id', 'text', (c) => c.primaryKey().references(runRef).onDelete('cascade'))
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

async function createStepsTable(db: AnyDb): Promise<void> {
  await db.schema.createTable('steps')
    .addColumn('run_id', 'text', (c) => c.notNull().references(runRef).onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('seconds', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('steps_pk', ['run_id', 'seq'])
    .execute();
}

async function createMetricsTable(db: AnyDb): Promise<void> {
  await db.schema.createTable('metrics')
    .addColumn('run_id', 'text', (c) => c.notNull().references(runRef).onDelete('cascade'))
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('split', 'text', (c) => c.notNull())
    .addColumn('slice', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('value_text', 'text')
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('metrics_pk', ['run_id', 'model', 'split', 'slice', 'metric'])
    .execute();
}

async function createCurvesTable(db: AnyDb, types: DdlTypes): Promise<void> {
  await db.schema.createTable('curves')
    .addColumn('run_id', 'text', (c) => c.notNull().references(runRef).onDelete('cascade'))
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('step_data', sql.raw(types.binary), (c) => c.notNull())
    .addColumn('value_data', sql.raw(types.binary), (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('curves_pk', ['run_id', 'model', 'name'])
    .execute();
}

async function createSamplesTable(db: AnyDb): Promise<void> {
  await db.schema.createTable('samples')
    .addColumn('run_id', 'text', (c) => c.notNull().references(runRef).onDelete('cascade'))
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('split', 'text', (c) => c.notNull())
    .addColumn('row_index', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('samples_pk', ['run_id', 'model', 'split', 'row_index'])
    .execute();
}

async function createSplitsTable(db: AnyDb, types: DdlTypes): Promise<void> {
  await db.schema.createTable('splits')
    .addColumn('run_id', 'text', (c) => c.primaryKey().references(runRef).onDelete('cascade'))
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('data', sql.raw(types.binary), (c) => c.notNull())
    .execute();
}

async function createTestAccessesTable(db: AnyDb): Promise<void> {
  await db.schema.createTable('test_accesses')
    .addColumn('run_id', 'text', (c) => c.notNull().references(runRef).onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('test_accesses_pk', ['run_id', 'seq'])
    .execute();
}

async function createArtifactsTable(db: AnyDb): Promise<void> {
  await db.schema.createTable('artifacts')
    .addColumn('run_id', 'text', (c) => c.notNull().references(runRef).onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('artifacts_pk', ['run_id', 'name'])
    .execute();
}

async function createRegistrySpecsTable(db: AnyDb): Promise<void> {
  await db.schema.createTable('registry_specs')
    .addColumn('spec_name', 'text', (c) => c.primaryKey())
    .addColumn('last_candidate_id', 'integer', (c) => c.notNull())
    .addColumn('last_history_seq', 'integer', (c) => c.notNull())
    .execute();
}

async function createCandidatesTable(db: AnyDb): Promise<void> {
  await db.schema.createTable('candidates')
    .addColumn('spec_name', 'text', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull().references(runRef))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('candidates_pk', ['spec_name', 'id'])
    .execute();
}

async function createAliasesTable(db: AnyDb): Promise<void> {
  await db.schema.createTable('aliases')
    .addColumn('spec_name', 'text', (c) => c.notNull())
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('candidate_id', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('aliases_pk', ['spec_name', 'alias'])
    .addForeignKeyConstraint('aliases_candidate_fk', ['spec_name', 'candidate_id'], 'candidates', ['spec_name', 'id'])
    .execute();
}

async function createAliasHistoryTable(db: AnyDb): Promise<void> {
  await db.schema.createTable('alias_history')
    .addColumn('spec_name', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('candidate_id', 'integer', (c) => c.notNull())
    .addColumn('previous_candidate_id', 'integer')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('alias_history_pk', ['spec_name', 'seq'])
    .execute();
}

/** Append-only: never edit a released migration, add a new one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'runs, params, lineage, steps, metrics, curves, samples, splits, test accesses, artifacts, registry',
    async up(db, types) {
      await createRunsTable(db);
      await createParamsTable(db);
      await createLineageTable(db);
      await createStepsTable(db);
      await createMetricsTable(db);
      await createCurvesTable(db, types);
      await createSamplesTable(db);
      await createSplitsTable(db, types);
      await createTestAccessesTable(db);
      await createArtifactsTable(db);
      await createRegistrySpecsTable(db);
      await createCandidatesTable(db);
      await createAliasesTable(db);
      await createAliasHistoryTable(db);
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

function ddlTypes(dialect: SqlDialectName): DdlTypes {
  return { binary: dialect === 'postgres' ? 'bytea' : 'blob' };
}

async function currentVersion(db: AnyDb): Promise<number> {
  const row = await db.selectFrom('schema_version').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
  return Number(row?.v ?? 0);
}

function tooNew(found: number): GauntletError {
  return new GauntletError('STORE_TOO_NEW',
    `the tracking database must be at schema version ${SCHEMA_VERSION} or older, but it is at version ${found}: ` +
    'it was written by a newer Gauntlet; upgrade Gauntlet to read it');
}

/**
 * Bring the database to SCHEMA_VERSION in one transaction that creates `schema_version` if needed and re-reads
 * the version inside it, so two processes opening a fresh database at once apply each migration exactly once.
 */
export async function migrate(db: Kysely<Database>, dialect: SqlDialectName): Promise<number> {
  return (db as unknown as AnyDb).transaction().execute(async (trx) => {
    await trx.schema.createTable('schema_version').ifNotExists()
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
    const start = await currentVersion(trx);
    if (start > SCHEMA_VERSION) throw tooNew(start);
    for (const m of MIGRATIONS.filter((x) => x.version > start)) {
      await m.up(trx, ddlTypes(dialect));
      await trx.insertInto('schema_version').values({ version: m.version, applied_at: new Date().toISOString() }).execute();
    }
    return SCHEMA_VERSION;
  });
}
