// What diagnosis needs of a finished run (a ReloadedRun satisfies it), and the lookups shared by its parts.
import type { Table } from '../data/table.ts';
import { takeRows } from '../data/table.ts';
import type { Target } from '../data/target.ts';
import type { Splits } from '../data/splits.ts';
import type { Evaluation, ModelEval } from '../evaluate/document.ts';
import type { FittedPipeline } from '../features/pipeline.ts';
import { LEARNERS, type Learner, type Model, type Params } from '../learners/index.ts';
import type { CurveRow } from '../track/types.ts';
import { BadInputError } from '../util/errors.ts';

export interface RunView {
  readonly data: { readonly table: Table };
  readonly target: Target;
  readonly splits: Splits;
  readonly evaluation: Pick<Evaluation, 'task' | 'optimize' | 'models' | 'selected' | 'human'>;
  readonly models: ReadonlyMap<string, { readonly model: Model; readonly pipeline: FittedPipeline }>;
  /** the run record: its id and recorded training curves (absent in tests that build a view by hand) */
  readonly run?: { readonly id: string; readonly curves: readonly CurveRow[] };
  readonly spec?: { readonly seed: number; readonly baselines: { readonly human?: Readonly<Record<string, number>> } };
}

/** One fitted learner of the run with everything needed to refit it the same way. */
export interface LearnerEntry {
  readonly name: string;
  readonly eval: ModelEval;
  readonly learner: Learner;
  readonly params: Params;
  readonly model: Model;
  readonly pipeline: FittedPipeline;
  /** the raw input columns the pipeline reads */
  readonly featureColumns: readonly string[];
}

/** Names of the run's learner models (not baselines) that have a saved model, in evaluation order. */
export function learnerNames(view: RunView): string[] {
  return view.evaluation.models.filter((m) => m.kind === 'learner' && view.models.has(m.name)).map((m) => m.name);
}

/** The learner model `name` of the run; BadInputError naming the known ones when absent. */
export function learnerEntry(view: RunView, name: string): LearnerEntry {
  const m = view.evaluation.models.find((x) => x.name === name && x.kind === 'learner');
  const fitted = view.models.get(name);
  if (!m || !fitted) throw new BadInputError(`'${name}' must be a learner model of the run; learners: ${learnerNames(view).join(', ') || 'none'}`);
  const learner = LEARNERS[m.learner];
  if (!learner) throw new BadInputError(`model '${name}' was trained by learner '${m.learner}', which this Gauntlet does not have`);
  return { name, eval: m, learner, params: m.params, model: fitted.model, pipeline: fitted.pipeline, featureColumns: fitted.pipeline.inputNames };
}

/** The selected model's name, else the first learner's. */
export function selectedName(view: RunView): string {
  const name = view.evaluation.selected?.name ?? learnerNames(view)[0];
  if (!name) throw new BadInputError('the run has no fitted learner model to diagnose');
  return name;
}

/** Predictions of a fitted model (through its own pipeline) for data rows `rows`. */
export function predictOn(view: RunView, fitted: { model: Model; pipeline: FittedPipeline }, rows: Int32Array): Float64Array {
  return fitted.model.predict(fitted.pipeline.apply(takeRows(view.data.table, rows)));
}

/** Labels of data rows `rows`. */
export function labelsOf(view: RunView, rows: Int32Array): Float64Array {
  return Float64Array.from(rows, (r) => view.target.y[r]);
}

/** Seed for diagnosis: the spec's learner seed, else 0. */
export function seedOf(view: RunView): number {
  return view.spec?.seed ?? 0;
}
