// Fitting learners on train (early stopping on trainDev) and predicting splits through their fitted pipelines.
import { takeRows, type Table } from '../data/table.ts';
import { FittedPipeline } from '../features/pipeline.ts';
import type { Curve, InputNeeds, Model } from '../learners/types.ts';
import type { ResolvedLearner } from '../spec/check.ts';
import type { Target } from '../data/target.ts';
import type { Splits } from '../data/splits.ts';

export interface Trained {
  readonly id: string;
  readonly spec: ResolvedLearner;
  readonly model: Model;
  readonly pipeline: FittedPipeline;
  readonly curves: readonly Curve[];
  readonly fitSeconds: number;
}

/** One pipeline per distinct input need (one-hot+scaled for linear models, native for trees), all fit on train only. */
export class Pipelines {
  private readonly cache = new Map<string, FittedPipeline>();
  constructor(private readonly train: Table, private readonly featureColumns: readonly string[]) {}

  for(needs: InputNeeds): FittedPipeline {
    const key = JSON.stringify([needs.impute, needs.scale, needs.categorical]);
    let p = this.cache.get(key);
    if (!p) {
      p = FittedPipeline.fit(this.train, this.featureColumns, needs);
      this.cache.set(key, p);
    }
    return p;
  }
}

export interface TrainContext {
  readonly table: Table;
  readonly target: Target;
  readonly splits: Splits;
  readonly pipelines: Pipelines;
  readonly seed: number;
  readonly onProgress?: (fraction: number, message?: string) => void;
}

export async function trainLearner(rl: ResolvedLearner, ctx: TrainContext): Promise<Trained> {
  const pipeline = ctx.pipelines.for(rl.learner.input);
  const trainRows = ctx.splits.rows.train;
  const devRows = ctx.splits.rows.trainDev;
  const X = pipeline.apply(takeRows(ctx.table, trainRows));
  const y = gatherY(ctx.target.y, trainRows);
  const validation = { X: pipeline.apply(takeRows(ctx.table, devRows)), y: gatherY(ctx.target.y, devRows) };
  const curves = new Map<string, { steps: number[]; values: number[] }>();
  const onCurve = (name: string, step: number, value: number): void => {
    const c = curves.get(name) ?? { steps: [], values: [] };
    c.steps.push(step);
    c.values.push(value);
    curves.set(name, c);
  };
  const t0 = performance.now();
  const model = await rl.learner.fit(X, y, { task: ctx.target.task, nClasses: ctx.target.nClasses, seed: ctx.seed, validation, onCurve, onProgress: ctx.onProgress }, rl.params);
  const fitSeconds = (performance.now() - t0) / 1000;
  return { id: rl.id, spec: rl, model, pipeline, fitSeconds, curves: [...curves].map(([name, c]) => ({ name, ...c })) };
}

/** Predictions of a trained model for the given rows, through its pipeline's columnar path. */
export function predictRows(t: { model: Model; pipeline: FittedPipeline }, table: Table, rows: Int32Array): Float64Array {
  return t.model.predict(t.pipeline.apply(takeRows(table, rows)));
}

export function gatherY(y: Float64Array, rows: Int32Array): Float64Array {
  return Float64Array.from(rows, (r) => y[r]);
}
