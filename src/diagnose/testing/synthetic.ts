// Test fixtures: a seeded synthetic binary table, split and fit like a run, as a RunView (no store, no files).
import type { Column, Table } from '../../data/table.ts';
import { takeRows } from '../../data/table.ts';
import { makeSplits } from '../../data/splits.ts';
import { FittedPipeline } from '../../features/pipeline.ts';
import { LEARNERS, type Model } from '../../learners/index.ts';
import { resolveParams } from '../../learners/params.ts';
import type { ModelEval } from '../../evaluate/document.ts';
import type { SplitEval } from '../../evaluate/evaluate.ts';
import { computeMetric } from '../../metrics/index.ts';
import { Rng } from '../../util/rng.ts';
import type { RunView } from '../run-view.ts';

export interface SyntheticRow {
  readonly numeric: readonly number[];
  readonly category?: number;
  readonly label: 0 | 1;
}

export interface SyntheticOptions {
  readonly rows: number;
  readonly seed: number;
  /** one row from the generator */
  readonly row: (rng: Rng) => SyntheticRow;
  /** levels of the categorical column 'region' (omitted when the rows have no category) */
  readonly levels?: readonly string[];
  readonly learner: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly optimize?: string;
  readonly fractions?: Readonly<Record<'train' | 'trainDev' | 'eyeball' | 'blackbox' | 'test', number>>;
}

/** Columns x0…x{k-1} (and 'region' when levels are given) plus the label; split randomly; the learner fit on train. */
export async function syntheticView(opts: SyntheticOptions): Promise<RunView> {
  const rng = new Rng(opts.seed);
  const rows = Array.from({ length: opts.rows }, () => opts.row(rng));
  const table = tableOf(rows, opts.levels);
  const y = Float64Array.from(rows, (r) => r.label);
  const target = { task: 'binary' as const, y, classes: ['0', '1'], nClasses: 2 };
  const fractions = opts.fractions ?? { train: 0.5, trainDev: 0.1, eyeball: 0.1, blackbox: 0.2, test: 0.1 };
  const splits = makeSplits(opts.rows, { strategy: 'random', seed: opts.seed, fractions });
  const learner = LEARNERS[opts.learner];
  const params = resolveParams(learner.name, learner.params, { ...opts.params }, learner.name);
  const features = table.columns.map((c) => c.name);
  const pipeline = FittedPipeline.fit(takeRows(table, splits.rows.train), features, learner.input);
  const Xy = (r: Int32Array) => ({ X: pipeline.apply(takeRows(table, r)), y: Float64Array.from(r, (i) => y[i]) });
  const train = Xy(splits.rows.train);
  const model = await learner.fit(train.X, train.y, { task: 'binary', nClasses: 2, seed: opts.seed, validation: Xy(splits.rows.trainDev), threads: 1 }, params);
  const optimize = opts.optimize ?? 'auc';
  const splitEval = (r: Int32Array): SplitEval => ({ n: r.length, metrics: { [optimize]: computeMetric(optimize, 'binary', Xy(r).y, model.predict(Xy(r).X), 2) }, ci: {}, slices: [] });
  const m: ModelEval = {
    name: opts.learner, kind: 'learner', learner: opts.learner, params, constraints: [],
    splits: { train: splitEval(splits.rows.train), trainDev: splitEval(splits.rows.trainDev), blackbox: splitEval(splits.rows.blackbox), test: splitEval(splits.rows.test) },
  };
  const evaluation = { task: 'binary' as const, optimize, models: [m], selected: { name: m.name, reason: 'only model', constraintsMet: true }, human: undefined };
  return { data: { table }, target, splits, evaluation, models: new Map<string, { model: Model; pipeline: FittedPipeline }>([[m.name, { model, pipeline }]]), spec: { seed: opts.seed, baselines: {} } };
}

function tableOf(rows: readonly SyntheticRow[], levels: readonly string[] | undefined): Table {
  const k = rows[0].numeric.length;
  const columns: Column[] = Array.from({ length: k }, (_, j) => ({ name: `x${j}`, kind: 'numeric' as const, values: Float64Array.from(rows, (r) => r.numeric[j]) }));
  if (levels) columns.push({ name: 'region', kind: 'categorical', codes: Int32Array.from(rows, (r) => r.category ?? -1), levels });
  return { nRows: rows.length, columns };
}
