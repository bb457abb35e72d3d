// Test fixtures for behavioral tests: a seeded loans-like table and hand-written formula models (no training).
import type { Table } from '../data/table.ts';
import { FittedPipeline } from '../features/pipeline.ts';
import type { Matrix, Model, ModelJSON, Task } from '../learners/types.ts';
import { Rng } from '../util/rng.ts';
import type { BehavioralContext } from './types.ts';

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export const REGIONS = ['east', 'north', 'south', 'west'];
export const SUFFIXES = ['a', 'b', 'c', 'd', 'e'];

/**
 * n rows: late (0..6, every 13th missing), income (20k..120k, every 10th missing), tenure (noise),
 * region (south raises risk), id_suffix (pure noise); y ~ Bernoulli(sigmoid(truth)).
 */
export function loans(n: number, seed: number): { table: Table; y: Float64Array } {
  const rng = new Rng(seed);
  const late = Float64Array.from({ length: n }, (_, i) => (i % 13 === 5 ? NaN : rng.int(7)));
  const income = Float64Array.from({ length: n }, (_, i) => (i % 10 === 3 ? NaN : 20000 + rng.int(100001)));
  const tenure = Float64Array.from({ length: n }, () => Math.round(rng.float() * 200) / 10);
  const region = Int32Array.from({ length: n }, () => rng.int(REGIONS.length));
  const suffix = Int32Array.from({ length: n }, (_, i) => (i % 17 === 0 ? -1 : rng.int(SUFFIXES.length)));
  const y = Float64Array.from({ length: n }, (_, i) => {
    const z = 1.5 * ((late[i] || 0) - 3) - 0.00002 * ((income[i] || 70000) - 70000) + (region[i] === 2 ? 1.5 : 0);
    return rng.float() < sigmoid(z) ? 1 : 0;
  });
  const table: Table = {
    nRows: n,
    columns: [
      { name: 'late', kind: 'numeric', values: late },
      { name: 'income', kind: 'numeric', values: income },
      { name: 'tenure', kind: 'numeric', values: tenure },
      { name: 'region', kind: 'categorical', codes: region, levels: REGIONS },
      { name: 'id_suffix', kind: 'categorical', codes: suffix, levels: SUFFIXES },
    ],
  };
  return { table, y };
}

export const INPUTS = ['late', 'income', 'tenure', 'region', 'id_suffix'];

/** Raw numeric values and native level codes (NaN = missing or unseen): what trees see. */
export function nativePipeline(train: Table, inputs: readonly string[] = INPUTS): FittedPipeline {
  return FittedPipeline.fit(train, inputs, { impute: false, scale: false, categorical: 'native' });
}

/** Row accessor by input name; `code` of a categorical input is its train level index or NaN. */
export type RowOf = (name: string) => number;

/** A Model whose output is `formula(row)` per row (binary: P(1); regression: value; multiclass: k outputs). */
export function formulaModel(names: readonly string[], formula: (row: RowOf) => number | number[], task: Task = 'binary', nClasses = 2): Model {
  const index = new Map(names.map((n, j) => [n, j]));
  const width = task === 'multiclass' ? nClasses : 1;
  const write = (get: (j: number) => number, out: Float64Array, at: number): void => {
    const v = formula((name) => get(index.get(name) ?? -1));
    if (typeof v === 'number') out[at] = v;
    else v.forEach((x, c) => { out[at + c] = x; });
  };
  return {
    learner: 'formula', task, nClasses, params: {},
    predict(X: Matrix): Float64Array {
      const out = new Float64Array(X.nRows * width);
      for (let i = 0; i < X.nRows; i++) write((j) => X.columns[j][i], out, i * width);
      return out;
    },
    predictRow(row: Float64Array, out: Float64Array): void {
      write((j) => row[j], out, 0);
    },
    toJSON(): ModelJSON {
      return { format: 'gauntlet-model', version: 1, learner: 'formula', task, nClasses, featureNames: [...names], params: {}, state: null };
    },
  };
}

/** NaN → fallback (formula models treat missing as a default value). */
export const or = (v: number, fallback: number): number => (Number.isNaN(v) ? fallback : v);

/** The risk model of the brief: P(1) = sigmoid(0.5·late − 0.00001·income (+ 1.5 if south)). */
export const riskModel = (extra: (row: RowOf) => number = () => 0): Model =>
  formulaModel(INPUTS, (r) => sigmoid(0.5 * or(r('late'), 0) - 0.00001 * or(r('income'), 70000) + (r('region') === 2 ? 1.5 : 0) + extra(r)));

/** A context over seeded data: train (pipeline), metric rows, eyeball rows (ids 10000+i). */
export function contextFor(model: Model, opts: { seed?: number; nMetric?: number; nEyeball?: number; optimize?: string; task?: Task; nClasses?: number } = {}): BehavioralContext {
  const seed = opts.seed ?? 1;
  const train = loans(600, seed).table;
  const metric = loans(opts.nMetric ?? 1500, seed + 1);
  const eyeball = loans(opts.nEyeball ?? 200, seed + 2);
  return {
    model, pipeline: nativePipeline(train), task: opts.task ?? 'binary', nClasses: opts.nClasses ?? 2, optimize: opts.optimize ?? 'auc',
    metricTable: metric.table, metricY: metric.y, eyeball: eyeball.table,
    eyeballRowIds: Int32Array.from({ length: eyeball.table.nRows }, (_, i) => 10000 + i), seed: 42, resamples: 200,
  };
}
