// Reload a finished run from the store: its recorded spec, the data (checked against the snapshot), splits and fitted models.
import { existsSync } from 'node:fs';
import type { Store, RunDetail, Json } from '../track/types.ts';
import type { Spec } from '../spec/types.ts';
import { loadData, type LoadedData } from '../data/load.ts';
import { encodeTarget, type Target } from '../data/target.ts';
import { fromAssignment, type Splits } from '../data/splits.ts';
import { FittedPipeline, type PipelineJSON } from '../features/pipeline.ts';
import { loadModel, type Model, type ModelJSON } from '../learners/index.ts';
import type { Evaluation } from '../evaluate/document.ts';
import { BadInputError } from '../util/errors.ts';
import { basename } from 'node:path';

export interface ReloadedRun {
  readonly run: RunDetail;
  readonly spec: Spec;
  readonly data: LoadedData;
  readonly target: Target;
  readonly splits: Splits;
  readonly evaluation: Evaluation;
  /** fitted learners of the run by name (the selected one among them) */
  readonly models: ReadonlyMap<string, { readonly model: Model; readonly pipeline: FittedPipeline }>;
}

/** Reload run `id` (prefix ok). The data file must still hold the same bytes (snapshot id). Caller closes `data.sql`. */
export async function reloadRun(store: Store, id: string): Promise<ReloadedRun> {
  const run = await store.getRun(id);
  if (!run) throw new BadInputError(`no run '${id}' in ${store.uri}; list runs with 'gauntlet runs'`);
  if (run.status !== 'succeeded') throw new BadInputError(`run ${run.id} ${run.status}; only a succeeded run can be reloaded`);
  const spec = run.spec as unknown as Spec;
  if (!existsSync(spec.data.source)) throw new BadInputError(`${spec.data.source}: the run's data file is gone; restore it`);
  const data = await loadData(spec.data.source, { categorical: spec.data.categorical });
  const snapshot = ((run.lineage ?? {}) as Record<string, Json>).dataSnapshot;
  if (snapshot && data.snapshotId !== snapshot) {
    data.sql.close();
    throw new BadInputError(`${spec.data.source}: data changed since run ${run.id} (snapshot ${String(snapshot).slice(0, 12)}…, now ${data.snapshotId.slice(0, 12)}…)`);
  }
  const target = encodeTarget(data.table.columns.find((c) => c.name === spec.data.target)!, spec.task, basename(spec.data.source));
  const assignment = await store.getSplits(run.id);
  if (!assignment) throw new BadInputError(`run ${run.id} recorded no splits`);
  const evaluation = (await store.getArtifact(run.id, 'evaluation')) as unknown as Evaluation;
  const models = new Map<string, { model: Model; pipeline: FittedPipeline }>();
  for (const m of evaluation.models.filter((x) => x.kind === 'learner')) {
    const mj = (await store.getArtifact(run.id, `model:${m.name}`)) as unknown as ModelJSON | null;
    const pj = (await store.getArtifact(run.id, `pipeline:${m.name}`)) as unknown as PipelineJSON | null;
    if (mj && pj) models.set(m.name, { model: loadModel(mj), pipeline: FittedPipeline.fromJSON(pj) });
  }
  return { run, spec, data, target, splits: fromAssignment(assignment), evaluation, models };
}
