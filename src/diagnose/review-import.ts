// Reading a reviewed sheet back: category and fix_cost per row, validated, into the run's `error-analysis` artifact.
import { basename, extname } from 'node:path';
import { BadInputError } from '../util/errors.ts';
import { parseCsv } from './review-sheet.ts';

export interface ReviewedRow {
  readonly row: number;
  /** the row's categories (the cell split on ';' or '|'); empty = not tagged yet */
  readonly categories: readonly string[];
  /** cost to fix this error (any positive unit, e.g. days); null when not given */
  readonly fixCost: number | null;
}

export interface ErrorAnalysis {
  readonly format: 'gauntlet-error-analysis';
  readonly version: 1;
  readonly runId: string;
  readonly model: string;
  readonly split: 'eyeball';
  /** file name the tags were imported from */
  readonly source: string;
  readonly importedAt: string;
  readonly rows: readonly ReviewedRow[];
}

interface RawReview {
  readonly line: number;
  readonly row: string;
  readonly category: string;
  readonly fixCost: string;
}

/** Parse a reviewed CSV (or JSONL, by extension); every row must be one of `eyeballRows`. Errors name the line and row. */
export function parseReview(text: string, file: string, eyeballRows: ReadonlySet<number>): ReviewedRow[] {
  const raw = extname(file).toLowerCase() === '.jsonl' ? jsonlRecords(text, basename(file)) : csvRecords(text, basename(file));
  const seen = new Set<number>();
  return raw.map((r) => {
    const where = `${basename(file)} line ${r.line}`;
    const row = Number(r.row);
    if (r.row.trim() === '' || !Number.isInteger(row)) throw new BadInputError(`${where}: row must be a data row number from the exported sheet; got '${r.row}'`);
    if (!eyeballRows.has(row)) throw new BadInputError(`${where}: row ${row} is not an eyeball row of this run; only rows exported by 'gauntlet errors' can be imported`);
    if (seen.has(row)) throw new BadInputError(`${where}: row ${row} appears twice; keep one line per row`);
    seen.add(row);
    return { row, categories: splitCategories(r.category), fixCost: fixCostOf(r.fixCost, where, row) };
  });
}

function fixCostOf(text: string, where: string, row: number): number | null {
  if (text.trim() === '') return null;
  const v = Number(text);
  if (!Number.isFinite(v) || v <= 0) throw new BadInputError(`${where}: row ${row}: fix_cost must be a positive number (e.g. days of work); got '${text}'`);
  return v;
}

function splitCategories(cell: string): string[] {
  return [...new Set(cell.split(/[;|]/).map((c) => c.trim()).filter((c) => c !== ''))];
}

function csvRecords(text: string, file: string): RawReview[] {
  const [header, ...records] = parseCsv(text, file);
  if (!header) throw new BadInputError(`${file}: empty; import the sheet 'gauntlet errors' wrote, with category and fix_cost filled in`);
  const col = (name: string): number => {
    const i = header.findIndex((h) => h.trim() === name);
    if (i < 0) throw new BadInputError(`${file}: must have a '${name}' column; found ${header.join(', ')}`);
    return i;
  };
  const [r, c, f] = [col('row'), col('category'), col('fix_cost')];
  return records.map((rec, i) => ({ line: i + 2, row: rec[r] ?? '', category: rec[c] ?? '', fixCost: rec[f] ?? '' }));
}

function jsonlRecords(text: string, file: string): RawReview[] {
  return text.split('\n').map((l, i) => ({ l, line: i + 1 })).filter((x) => x.l.trim() !== '').map(({ l, line }) => {
    let o: Record<string, unknown>;
    try { o = JSON.parse(l) as Record<string, unknown>; } catch { throw new BadInputError(`${file} line ${line}: not a JSON object`); }
    const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
    return { line, row: str(o.row), category: str(o.category), fixCost: str(o.fix_cost) };
  });
}
