// The error-analysis review sheet: one row per sampled misprediction, written as CSV and JSONL, and read back.
import { BadInputError } from '../util/errors.ts';

export type Cell = number | string | null;

export interface SheetRow {
  /** data row (0-based, as in `gauntlet show --splits`) */
  readonly row: number;
  readonly label: Cell;
  readonly prediction: Cell;
  /** binary: P(positive class); multiclass: probability of the predicted class; regression: the residual */
  readonly score: number;
  readonly features: Readonly<Record<string, Cell>>;
  /** the top weak slices (found on blackbox) that this row falls in, '; '-separated */
  readonly suggested: string;
}

const FIXED = ['row', 'label', 'prediction', 'score'] as const;
export const REVIEW_COLUMNS = ['suggested', 'category', 'fix_cost'] as const;

/** Sheet column of a feature: its name, or `feature:NAME` when that collides with a column of the sheet itself. */
export function featureHeader(name: string): string {
  return (FIXED as readonly string[]).includes(name) || (REVIEW_COLUMNS as readonly string[]).includes(name) ? `feature:${name}` : name;
}

export function sheetCsv(rows: readonly SheetRow[], features: readonly string[]): string {
  const header = [...FIXED, ...features.map(featureHeader), ...REVIEW_COLUMNS];
  const lines = [header.map(csvCell).join(',')];
  for (const r of rows) lines.push([r.row, r.label, r.prediction, r.score, ...features.map((f) => r.features[f] ?? null), r.suggested, '', ''].map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}

export function sheetJsonl(rows: readonly SheetRow[]): string {
  return rows.map((r) => JSON.stringify({ ...r, category: '', fix_cost: '' })).join('\n') + (rows.length ? '\n' : '');
}

/** RFC 4180 cell: quoted when it holds a comma, quote or line break. */
export function csvCell(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Parse RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into records; a trailing blank line is ignored. */
export function parseCsv(text: string, file: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') { record.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      record.push(field); records.push(record); record = []; field = '';
    } else field += ch;
  }
  if (quoted) throw new BadInputError(`${file}: a quoted field is never closed; check the quotes of the last rows`);
  if (field !== '' || record.length > 0) { record.push(field); records.push(record); }
  return records.filter((r) => !(r.length === 1 && r[0] === ''));
}
