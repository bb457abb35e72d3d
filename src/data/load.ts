// Loading a data file with DuckDB into a typed columnar Table, kept queryable for SQL slices and heuristics.
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DataError } from '../util/errors.ts';
import { hashFile } from '../util/hash.ts';
import type { Column, Table } from './table.ts';

const NUMERIC_TYPES = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*|BOOLEAN)$/;
const TIME_TYPES = /^(DATE|TIMESTAMP.*|TIME)$/;

export interface LoadOptions {
  /** columns forced to categorical even when they look numeric */
  readonly categorical?: readonly string[];
  /** 'error' (default): a mostly-numeric text column is an error naming the row; 'keep': load it as text (schema checks follow) */
  readonly strayText?: 'error' | 'keep';
}

/** A loaded data file: the typed table, its content hash and a DuckDB view `data` (ordered by `rowid`) for SQL. */
export interface LoadedData {
  readonly file: string;
  readonly table: Table;
  /** SHA-256 of the file's bytes: the data snapshot id */
  readonly snapshotId: string;
  readonly sql: DataSql;
}

/** SQL over the raw columns of the loaded file, one value per data row, in file order. */
export class DataSql {
  constructor(private readonly con: DuckDBConnection, private readonly instance: DuckDBInstance) {}

  /** Evaluate an expression per row; NULL → NaN, booleans → 0/1. Throws the DuckDB message on a bad expression. */
  async evalNumeric(expr: string): Promise<Float64Array> {
    const reader = await this.con.runAndReadAll(`SELECT TRY_CAST((${expr}) AS DOUBLE) AS v FROM data ORDER BY rowid`);
    return toFloat64(reader.getColumnsJS()[0]);
  }

  /** Evaluate a boolean expression per row; NULL counts as false. */
  async evalBoolean(expr: string): Promise<Uint8Array> {
    const reader = await this.con.runAndReadAll(`SELECT coalesce(CAST((${expr}) AS BOOLEAN), false) AS v FROM data ORDER BY rowid`);
    const col = reader.getColumnsJS()[0];
    const out = new Uint8Array(col.length);
    for (let i = 0; i < col.length; i++) out[i] = col[i] ? 1 : 0;
    return out;
  }

  /** Check that an expression parses and binds against the data's columns, without evaluating it. */
  async check(expr: string): Promise<void> {
    await this.con.run(`SELECT (${expr}) FROM data LIMIT 0`);
  }

  close(): void {
    this.con.closeSync();
    this.instance.closeSync();
  }
}

/** Load a CSV/TSV/Parquet/JSONL file into a Table. Errors name the file, column and row. */
export async function loadData(file: string, opts: LoadOptions = {}): Promise<LoadedData> {
  const name = basename(file);
  if (!existsSync(file)) throw new DataError(`${file}: data file not found; check data.source (paths are relative to the spec file)`);
  if (statSync(file).size === 0) throw new DataError(`${name}: the file is empty; it needs a header row and data rows`);
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  const sql = new DataSql(con, instance);
  try {
    await createDataTable(con, file, opts.categorical ?? []);
    const table = await readTable(con, name, opts.categorical ?? [], opts.strayText ?? 'error');
    if (table.nRows === 0) throw new DataError(`${name}: no data rows; the file has a header but nothing under it`);
    return { file, table, snapshotId: await hashFile(file), sql };
  } catch (e) {
    sql.close();
    throw e;
  }
}

function readerFor(file: string): string {
  const lower = file.toLowerCase().replace(/\.gz$/, '');
  const q = `'${file.replace(/'/g, "''")}'`;
  if (lower.endsWith('.parquet')) return `read_parquet(${q})`;
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return `read_json(${q}, format = 'newline_delimited')`;
  if (lower.endsWith('.json')) return `read_json(${q})`;
  if (lower.endsWith('.tsv')) return `read_csv(${q}, delim = '\t', header = true, sample_size = -1)`;
  return `read_csv(${q}, header = true, sample_size = -1)`;
}

async function createDataTable(con: DuckDBConnection, file: string, categorical: readonly string[]): Promise<void> {
  try {
    await con.run(`CREATE TABLE data AS SELECT * FROM ${readerFor(file)}`);
  } catch (e) {
    throw new DataError(`${basename(file)}: cannot be read: ${firstLine(e)}`);
  }
  const cols = await describe(con);
  for (const c of categorical) {
    if (!cols.some((x) => x.name === c)) {
      throw new DataError(`${basename(file)}: data.categorical names column '${c}', which the file does not have; columns: ${cols.map((x) => x.name).join(', ')}`);
    }
  }
}

interface ColumnInfo {
  readonly name: string;
  readonly type: string;
}

async function describe(con: DuckDBConnection): Promise<ColumnInfo[]> {
  const r = await con.runAndReadAll(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'data' ORDER BY ordinal_position`);
  return r.getRows().map((row) => ({ name: String(row[0]), type: String(row[1]) }));
}

async function readTable(con: DuckDBConnection, file: string, categorical: readonly string[], strayText: 'error' | 'keep'): Promise<Table> {
  const infos = await describe(con);
  const columns: Column[] = [];
  for (const info of infos) {
    const forced = categorical.includes(info.name);
    if (!forced && NUMERIC_TYPES.test(info.type)) columns.push(await numericColumn(con, info.name, `CAST(${ident(info.name)} AS DOUBLE)`));
    else if (!forced && TIME_TYPES.test(info.type)) columns.push(await numericColumn(con, info.name, `CAST(epoch(${ident(info.name)}) AS DOUBLE)`));
    else {
      if (!forced && strayText === 'error') await rejectStrayText(con, file, info.name);
      columns.push(await categoricalColumn(con, info.name));
    }
  }
  const nRows = columns.length ? (columns[0].kind === 'numeric' ? columns[0].values.length : columns[0].codes.length) : 0;
  return { nRows, columns };
}

async function numericColumn(con: DuckDBConnection, name: string, expr: string): Promise<Column> {
  const r = await con.runAndReadAll(`SELECT ${expr} FROM data ORDER BY rowid`);
  return { name, kind: 'numeric', values: toFloat64(r.getColumnsJS()[0] ?? []) };
}

async function categoricalColumn(con: DuckDBConnection, name: string): Promise<Column> {
  const id = ident(name);
  const lv = await con.runAndReadAll(`SELECT DISTINCT CAST(${id} AS VARCHAR) AS v FROM data WHERE ${id} IS NOT NULL ORDER BY v`);
  const levels = (lv.getColumnsJS()[0] ?? []).map((v) => String(v));
  await con.run(`CREATE OR REPLACE TEMP TABLE __levels AS SELECT v, (row_number() OVER (ORDER BY v) - 1)::INTEGER AS code FROM (SELECT DISTINCT CAST(${id} AS VARCHAR) AS v FROM data WHERE ${id} IS NOT NULL)`);
  const r = await con.runAndReadAll(`SELECT coalesce(l.code, -1) FROM data d LEFT JOIN __levels l ON CAST(d.${id} AS VARCHAR) = l.v ORDER BY d.rowid`);
  const raw = r.getColumnsJS()[0] ?? [];
  const codes = new Int32Array(raw.length);
  for (let i = 0; i < raw.length; i++) codes[i] = Number(raw[i]);
  return { name, kind: 'categorical', codes, levels };
}

/** A text column whose values are almost all numbers has stray text: say where, instead of silently treating it as categories. */
async function rejectStrayText(con: DuckDBConnection, file: string, name: string): Promise<void> {
  const id = ident(name);
  const r = await con.runAndReadAll(
    `SELECT count(${id}) AS n, count(TRY_CAST(${id} AS DOUBLE)) AS num FROM data`,
  );
  const [n, num] = r.getRows()[0].map(Number);
  if (n < 10 || num === n || num < 0.9 * n) return;
  const bad = await con.runAndReadAll(
    `SELECT rowid, ${id} FROM data WHERE ${id} IS NOT NULL AND TRY_CAST(${id} AS DOUBLE) IS NULL ORDER BY rowid LIMIT 1`,
  );
  const [row, value] = bad.getRows()[0];
  throw new DataError(
    `${file}: column '${name}' is numeric but data row ${Number(row) + 1} has the text '${String(value)}' (${n - num} such values); fix or blank them, or list '${name}' under data.categorical`,
  );
}

function toFloat64(col: readonly unknown[]): Float64Array {
  const out = new Float64Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    out[i] = v === null || v === undefined ? NaN : Number(v);
  }
  return out;
}

/** Quote an identifier for DuckDB. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split('\n')[0];
}

