// Bulk inserts: Kysely compiles one statement per chunk size (so the SQL stays the dialect's), rows only bind parameters.
import { sql, type CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** SQLite allows 32 766 bound parameters per statement, Postgres 65 535: stay under both. */
const MAX_PARAMS = 30_000;
const MAX_ROWS_PER_STATEMENT = 2_000;

export interface BulkTable<Table extends keyof Database> {
  readonly table: Table;
  /** the order `bind` pushes values in */
  readonly columns: readonly (keyof Database[Table] & string)[];
  /** an upsert: on a conflict over `keys`, overwrite the `update` columns with the new row's; omit for plain inserts */
  readonly conflict?: { readonly keys: readonly (keyof Database[Table] & string)[]; readonly update: readonly (keyof Database[Table] & string)[] };
}

/** Pushes one row's values, in `columns` order, onto `out`. */
export type Bind<T> = (row: T, index: number, out: unknown[]) => void;

function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMS / columns)));
}

/** Typed tables meet dynamic column lists here only; callers stay typed through BulkTable. */
type UntypedDb = Kysely<Record<string, Record<string, unknown>>>;

function compileTemplate<Table extends keyof Database>(db: Kysely<Database>, spec: BulkTable<Table>, rows: number): CompiledQuery {
  const rowTemplate = Object.fromEntries(spec.columns.map((c) => [c, null]));
  const insert = (db as unknown as UntypedDb).insertInto(spec.table as string).values(new Array(rows).fill(rowTemplate));
  const conflict = spec.conflict;
  const query = conflict === undefined ? insert : insert.onConflict((oc) => oc.columns([...conflict.keys]).doUpdateSet(
    Object.fromEntries(conflict.update.map((c) => [c, sql.ref(`excluded.${c}`)]))));
  const compiled = query.compile();
  if (compiled.parameters.length !== rows * spec.columns.length) {
    throw new Error(`bulk insert into ${spec.table}: expected ${rows * spec.columns.length} parameters, the dialect compiled ${compiled.parameters.length}`);
  }
  return compiled;
}

/** Insert (or upsert) all rows in statements of up to MAX_PARAMS parameters, in the caller's transaction. */
export async function bulkInsert<Table extends keyof Database, T>(
  trx: Kysely<Database>, spec: BulkTable<Table>, rows: readonly T[], bind: Bind<T>,
): Promise<void> {
  const size = rowsPerStatement(spec.columns.length);
  const templates = new Map<number, CompiledQuery>();
  for (let start = 0; start < rows.length; start += size) {
    const end = Math.min(rows.length, start + size);
    let template = templates.get(end - start);
    if (!template) { template = compileTemplate(trx, spec, end - start); templates.set(end - start, template); }
    const params: unknown[] = [];
    for (let i = start; i < end; i++) bind(rows[i], i, params);
    await trx.executeQuery({ ...template, parameters: params });
  }
}
