// Refit a run's learner on a subset of train rows the way the run did: pipeline fit on those rows only, same params.
import { takeRows } from '../data/table.ts';
import { FittedPipeline } from '../features/pipeline.ts';
import type { Learner, Model, Params } from '../learners/index.ts';
import type { LearnerEntry, RunView } from './run-view.ts';
import { labelsOf } from './run-view.ts';

export interface Refitted {
  readonly model: Model;
  readonly pipeline: FittedPipeline;
}

export interface RefitOptions {
  readonly seed: number;
  /** params to use instead of the run's (already resolved) */
  readonly params?: Params;
  /** a learner to use instead of the run's (tests use a crippled one) */
  readonly learner?: Learner;
  /** pass trainDev as validation data, as the run did (early stopping); default true */
  readonly validation?: boolean;
}

/** Fit the pipeline on `rows` (train rows only), then the learner on them. */
export async function refitOnRows(view: RunView, entry: LearnerEntry, rows: Int32Array, opts: RefitOptions): Promise<Refitted> {
  const learner = opts.learner ?? entry.learner;
  const sub = takeRows(view.data.table, rows);
  const pipeline = FittedPipeline.fit(sub, entry.featureColumns, learner.input);
  const X = pipeline.apply(sub);
  const devRows = view.splits.rows.trainDev;
  const validation = opts.validation === false ? undefined : { X: pipeline.apply(takeRows(view.data.table, devRows)), y: labelsOf(view, devRows) };
  const ctx = { task: view.target.task, nClasses: view.target.nClasses, seed: opts.seed, validation };
  const model = await learner.fit(X, labelsOf(view, rows), ctx, opts.params ?? entry.params);
  return { model, pipeline };
}
