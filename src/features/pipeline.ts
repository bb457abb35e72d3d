// Preprocessing fit on train only (impute, scale, encode) into one frozen, serializable pipeline
// that turns a columnar Table or a single JSON row into model inputs by the same arithmetic.
import type { Column, Table } from '../data/table.ts';
import type { FeatureInfo, InputNeeds, Matrix } from '../learners/types.ts';
import { DataError } from '../util/errors.ts';
import { hashJson } from '../util/hash.ts';

/** One-hot encoding keeps at most this many levels (the most frequent in train); the rest encode as all zeros. */
export const MAX_ONEHOT_LEVELS = 200;

export type InputFeature =
  | { readonly name: string; readonly type: 'numeric'; readonly mean: number; readonly std: number; readonly median: number; readonly min: number; readonly max: number; readonly missingRate: number }
  | { readonly name: string; readonly type: 'categorical'; readonly levels: readonly string[]; readonly counts: readonly number[]; readonly missingRate: number };

export interface PipelineJSON {
  readonly format: 'gauntlet-pipeline';
  readonly version: 1;
  readonly needs: InputNeeds;
  readonly inputs: readonly InputFeature[];
}

export type RowValue = number | string | boolean | null | undefined;

/** A fitted pipeline: frozen statistics from train; the only way to build one is `fitPipeline` or `loadPipeline`. */
export class FittedPipeline {
  readonly features: readonly FeatureInfo[];
  /** first output column of each input feature */
  private readonly offsets: Int32Array;
  private readonly levelIndex: readonly Map<string, number>[];

  private constructor(readonly json: PipelineJSON) {
    const features: FeatureInfo[] = [];
    this.offsets = new Int32Array(json.inputs.length);
    this.levelIndex = json.inputs.map((f, j) => {
      this.offsets[j] = features.length;
      if (f.type === 'numeric') features.push({ name: f.name, kind: 'numeric' });
      else if (json.needs.categorical === 'native') features.push({ name: f.name, kind: 'categorical', levels: f.levels.length });
      else for (const l of onehotLevels(f)) features.push({ name: `${f.name}=${l}`, kind: 'numeric' });
      return f.type === 'categorical' ? new Map(onehotOrAll(json.needs, f).map((l, i) => [l, i])) : new Map();
    });
    this.features = features;
  }

  static fromJSON(json: PipelineJSON): FittedPipeline {
    if (json?.format !== 'gauntlet-pipeline' || json.version !== 1) throw new DataError(`not a gauntlet pipeline (format ${json?.format}, version ${json?.version})`);
    return new FittedPipeline(json);
  }

  static fit(train: Table, featureColumns: readonly string[], needs: InputNeeds): FittedPipeline {
    const inputs = featureColumns.map((name) => fitInput(requireColumn(train, name, 'train')));
    return new FittedPipeline({ format: 'gauntlet-pipeline', version: 1, needs, inputs });
  }

  /** The feature-set version: a hash of everything the pipeline learned and how it encodes. */
  get version(): string {
    return hashJson(this.json).slice(0, 16);
  }

  get inputNames(): string[] {
    return this.json.inputs.map((f) => f.name);
  }

  toJSON(): PipelineJSON {
    return this.json;
  }

  /** Columnar path: encode every row of `table` (which must hold every input column). */
  apply(table: Table): Matrix {
    const n = table.nRows;
    const columns = this.features.map(() => new Float64Array(n));
    this.json.inputs.forEach((f, j) => {
      const col = requireColumn(table, f.name, 'input');
      if (f.type === 'numeric') this.applyNumeric(f, j, numericValues(col), columns);
      else this.applyCategorical(j, col, columns);
    });
    return { nRows: n, features: this.features, columns };
  }

  /** Single-row path: encode one JSON row into `out` (length = features.length). Same arithmetic as `apply`. */
  applyRow(row: Readonly<Record<string, RowValue>>, out: Float64Array): void {
    const inputs = this.json.inputs;
    for (let j = 0; j < inputs.length; j++) {
      const f = inputs[j];
      const v = row[f.name];
      if (f.type === 'numeric') out[this.offsets[j]] = encodeNumeric(this.json.needs, f, rowNumber(v, f.name));
      else this.encodeLevel(j, v === null || v === undefined ? undefined : String(v), out);
    }
  }

  private applyNumeric(f: Extract<InputFeature, { type: 'numeric' }>, j: number, values: Float64Array, columns: Float64Array[]): void {
    const out = columns[this.offsets[j]];
    for (let i = 0; i < values.length; i++) out[i] = encodeNumeric(this.json.needs, f, values[i]);
  }

  private applyCategorical(j: number, col: Column, columns: Float64Array[]): void {
    const map = this.levelIndex[j];
    // translate the table's own level codes into this pipeline's codes once, then per row a lookup
    const levels = col.kind === 'categorical' ? col.levels : [];
    const remap = new Int32Array(levels.length).map((_, k) => map.get(levels[k]) ?? -1);
    const n = col.kind === 'categorical' ? col.codes.length : col.values.length;
    const tmp = new Float64Array(this.features.length);
    for (let i = 0; i < n; i++) {
      const code = col.kind === 'categorical' ? (col.codes[i] < 0 ? -2 : remap[col.codes[i]]) : numericLevel(map, col.values[i]);
      this.writeLevel(j, code, tmp);
      if (this.json.needs.categorical === 'native') columns[this.offsets[j]][i] = tmp[this.offsets[j]];
      else for (let k = 0; k < map.size; k++) columns[this.offsets[j] + k][i] = tmp[this.offsets[j] + k];
    }
  }

  private encodeLevel(j: number, v: string | undefined, out: Float64Array): void {
    const code = v === undefined ? -2 : (this.levelIndex[j].get(v) ?? -1);
    this.writeLevel(j, code, out);
  }

  /** code ≥ 0: known level; -1: unseen in train; -2: missing. */
  private writeLevel(j: number, code: number, out: Float64Array): void {
    const at = this.offsets[j];
    if (this.json.needs.categorical === 'native') {
      out[at] = code >= 0 ? code : NaN;
      return;
    }
    const width = this.levelIndex[j].size;
    for (let k = 0; k < width; k++) out[at + k] = 0;
    if (code >= 0) out[at + code] = 1;
  }
}

/** numeric value → model input: impute (median), then standardize, as the learner needs. */
function encodeNumeric(needs: InputNeeds, f: Extract<InputFeature, { type: 'numeric' }>, v: number): number {
  let x = v;
  if (Number.isNaN(x) && needs.impute) x = f.median;
  if (needs.scale) x = (x - f.mean) / f.std;
  return x;
}

function fitInput(col: Column): InputFeature {
  if (col.kind === 'numeric') return fitNumeric(col.name, col.values);
  const counts = new Array<number>(col.levels.length).fill(0);
  let missing = 0;
  for (const c of col.codes) c < 0 ? missing++ : counts[c]++;
  const n = col.codes.length;
  return { name: col.name, type: 'categorical', levels: col.levels, counts, missingRate: n ? missing / n : 0 };
}

function fitNumeric(name: string, values: Float64Array): InputFeature {
  const present = values.filter((v) => !Number.isNaN(v)).sort();
  const n = present.length;
  const missingRate = values.length ? 1 - n / values.length : 0;
  if (n === 0) return { name, type: 'numeric', mean: 0, std: 1, median: 0, min: NaN, max: NaN, missingRate };
  let sum = 0;
  for (const v of present) sum += v;
  const mean = sum / n;
  let ss = 0;
  for (const v of present) ss += (v - mean) * (v - mean);
  const std = Math.sqrt(ss / n);
  const median = n % 2 ? present[(n - 1) / 2] : (present[n / 2 - 1] + present[n / 2]) / 2;
  return { name, type: 'numeric', mean, std: std > 0 ? std : 1, median, min: present[0], max: present[n - 1], missingRate };
}

/** The levels that get their own one-hot column: all of them, or the most frequent MAX_ONEHOT_LEVELS. */
function onehotLevels(f: Extract<InputFeature, { type: 'categorical' }>): string[] {
  if (f.levels.length <= MAX_ONEHOT_LEVELS) return [...f.levels];
  const order = f.levels.map((_, i) => i).sort((a, b) => f.counts[b] - f.counts[a] || a - b);
  return order.slice(0, MAX_ONEHOT_LEVELS).sort((a, b) => a - b).map((i) => f.levels[i]);
}

function onehotOrAll(needs: InputNeeds, f: Extract<InputFeature, { type: 'categorical' }>): string[] {
  return needs.categorical === 'native' ? [...f.levels] : onehotLevels(f);
}

function requireColumn(table: Table, name: string, what: string): Column {
  const col = table.columns.find((c) => c.name === name);
  if (!col) throw new DataError(`${what} data has no column '${name}'; the model needs it (columns present: ${table.columns.map((c) => c.name).join(', ')})`);
  return col;
}

/** A numeric input given as categories (e.g. a file where the column is all text) is parsed per level. */
function numericValues(col: Column): Float64Array {
  if (col.kind === 'numeric') return col.values;
  const parsed = col.levels.map((l) => (l.trim() === '' ? NaN : Number(l)));
  const bad = parsed.findIndex((v, k) => Number.isNaN(v) && col.levels[k].trim() !== '');
  if (bad >= 0) throw new DataError(`column '${col.name}' must be numeric but has the value '${col.levels[bad]}'; fix the value or leave it empty for missing`);
  return Float64Array.from(col.codes, (c) => (c < 0 ? NaN : parsed[c]));
}

/** A categorical input given as numbers (e.g. codes typed by DuckDB as integers) is matched on its text form. */
function numericLevel(map: ReadonlyMap<string, number>, v: number): number {
  return Number.isNaN(v) ? -2 : (map.get(String(v)) ?? -1);
}

function rowNumber(v: RowValue, name: string): number {
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const t = v.trim();
  const x = t === '' ? NaN : Number(t);
  if (t !== '' && Number.isNaN(x)) throw new DataError(`column '${name}' must be numeric; got '${v}'. Send a number, or null for missing`);
  return x;
}
