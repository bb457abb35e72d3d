// Input validation against a candidate's schema: a wrong row gets one line naming the row and column, never a silent score.
import type { Table } from '../data/table.ts';
import type { RowValue } from '../features/pipeline.ts';
import { BadInputError } from '../util/errors.ts';
import type { InputSchema, SchemaInput } from './types.ts';

export interface ValidateOptions {
  /** refuse categories unseen in train (default: accept and encode as "no level") */
  readonly strict?: boolean;
  /** names the input in messages, e.g. the file name */
  readonly source?: string;
}

class SchemaError extends BadInputError {
  constructor(message: string) {
    super(message, 'SCHEMA_MISMATCH');
  }
}

/** Check JSON rows; row numbers in messages are 1-based. */
export function validateRows(schema: InputSchema, rows: readonly Readonly<Record<string, RowValue>>[], opts: ValidateOptions = {}): void {
  const where = opts.source ? `${opts.source}: ` : '';
  rows.forEach((row, i) => {
    for (const f of schema.inputs) {
      const at = `${where}row ${i + 1}, column '${f.name}'`;
      if (!(f.name in row)) throw new SchemaError(`${at}: missing; the model needs every input (${schema.inputs.map((x) => x.name).join(', ')}); send null for a missing value`);
      checkValue(f, row[f.name], at, opts);
    }
  });
}

function checkValue(f: SchemaInput, v: RowValue, at: string, opts: ValidateOptions): void {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
    if (!f.nullable) throw new SchemaError(`${at}: null, but it was never missing in training; send a value`);
    return;
  }
  if (f.type === 'numeric') {
    const ok = typeof v === 'number' ? Number.isFinite(v) : typeof v === 'boolean' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));
    if (!ok) throw new SchemaError(`${at}: expected a number, got ${JSON.stringify(v)}`);
    return;
  }
  if (typeof v === 'object') throw new SchemaError(`${at}: expected a category (string), got ${JSON.stringify(v)}`);
  if (opts.strict && !f.categories?.includes(String(v))) {
    throw new SchemaError(`${at}: category '${String(v)}' was never seen in training (known: ${(f.categories ?? []).slice(0, 10).join(', ')}${(f.categories?.length ?? 0) > 10 ? ', …' : ''}); drop --strict to score it as "no level"`);
  }
}

/** Check a columnar table (from a file) column by column; the first offending row is named. */
export function validateTable(schema: InputSchema, table: Table, opts: ValidateOptions = {}): void {
  const where = opts.source ? `${opts.source}: ` : '';
  for (const f of schema.inputs) {
    const col = table.columns.find((c) => c.name === f.name);
    if (!col) throw new SchemaError(`${where}column '${f.name}' is missing; the model needs ${schema.inputs.map((x) => x.name).join(', ')}`);
    const at = (row: number): string => `${where}row ${row + 1}, column '${f.name}'`;
    if (f.type === 'numeric' && col.kind === 'categorical') {
      const bad = col.levels.findIndex((l) => l.trim() !== '' && !Number.isFinite(Number(l)));
      if (bad >= 0) throw new SchemaError(`${at(col.codes.indexOf(bad))}: expected a number, got '${col.levels[bad]}'`);
    }
    if (!f.nullable) {
      const missing = col.kind === 'numeric' ? col.values.findIndex((v) => Number.isNaN(v)) : col.codes.indexOf(-1);
      if (missing >= 0) throw new SchemaError(`${at(missing)}: missing, but it was never missing in training; fill it in`);
    }
    if (opts.strict && f.type === 'categorical') {
      const known = new Set(f.categories);
      const levels = col.kind === 'categorical' ? col.levels : [];
      const bad = levels.findIndex((l) => !known.has(l));
      if (bad >= 0 && col.kind === 'categorical') throw new SchemaError(`${at(col.codes.indexOf(bad))}: category '${levels[bad]}' was never seen in training; drop --strict to score it as "no level"`);
    }
  }
}
