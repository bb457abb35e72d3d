// Checks that need the data: metric names valid for the (possibly inferred) task, learners and their params.
import type { Learner, Params, Task } from '../learners/types.ts';
import { LEARNERS, learnersFor } from '../learners/index.ts';
import { resolveParams } from '../learners/params.ts';
import { metricNames } from '../metrics/index.ts';
import { SERVING_METRICS } from '../evaluate/serving.ts';
import { SpecError, unknownNameHint } from '../util/errors.ts';
import type { Spec } from './types.ts';
import { basename } from 'node:path';

export interface ResolvedLearner {
  readonly id: string;
  readonly learner: Learner;
  readonly params: Params;
}

/** Validate the objective against the task; throws SpecError naming the key. */
export function checkObjective(spec: Spec, task: Task): void {
  const file = basename(spec.file);
  const known = metricNames(task) as string[];
  if (!known.includes(spec.objective.optimize)) {
    throw new SpecError('objective.optimize', `unknown metric '${spec.objective.optimize}' for a ${task} task; ${unknownNameHint(spec.objective.optimize, known)}`, file);
  }
  const constraintKnown = [...known, ...SERVING_METRICS, ...(task === 'binary' ? ['fairness_gap'] : [])];
  spec.objective.constraints.forEach((c, i) => {
    if (!constraintKnown.includes(c.metric)) {
      throw new SpecError(`objective.constraints[${i}].metric`, `unknown metric '${c.metric}' for a ${task} task; ${unknownNameHint(c.metric, constraintKnown)}`, file);
    }
  });
  for (const k of Object.keys(spec.baselines.human ?? {})) {
    if (!known.includes(k)) throw new SpecError(`baselines.human.${k}`, `unknown metric '${k}' for a ${task} task; ${unknownNameHint(k, known)}`, file);
  }
}

/** The learners to train: the spec's list (validated) or every built-in learner suited to the task. */
export function resolveLearners(spec: Spec, task: Task): ResolvedLearner[] {
  const file = basename(spec.file);
  if (!spec.learners) return learnersFor(task).map((l) => ({ id: l.name, learner: l, params: resolveParams(l.name, l.params, {}, l.name) }));
  const names = Object.keys(LEARNERS);
  const seen = new Map<string, number>();
  return spec.learners.map((ls) => {
    const learner = LEARNERS[ls.name];
    if (!learner) throw new SpecError(ls.keyPath, `unknown learner '${ls.name}'; ${unknownNameHint(ls.name, names)}`, file);
    if (!learner.tasks.includes(task)) {
      const fit = learnersFor(task).map((l) => l.name).join(', ');
      throw new SpecError(ls.keyPath, `learner '${ls.name}' does not support ${task} tasks; use one of: ${fit}`, file);
    }
    let params: Params;
    try {
      params = resolveParams(ls.name, learner.params, ls.params as Record<string, unknown>, ls.keyPath);
    } catch (e) {
      if (e instanceof SpecError) throw new SpecError('', e.message, file);
      throw e;
    }
    const n = (seen.get(ls.name) ?? 0) + 1;
    seen.set(ls.name, n);
    return { id: n === 1 ? ls.name : `${ls.name}_${n}`, learner, params };
  });
}
