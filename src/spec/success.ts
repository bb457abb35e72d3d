// The success definition (task, target, optimizing metric, constraints) and the hashes every run records.
import { hashJson } from '../util/hash.ts';
import type { Task } from '../learners/types.ts';
import type { Spec } from './types.ts';

export interface SuccessDefinition {
  readonly task: Task;
  readonly target: string;
  readonly optimize: string;
  readonly constraints: Spec['objective']['constraints'];
}

export function successDefinition(spec: Spec, task: Task): SuccessDefinition {
  return { task, target: spec.data.target, optimize: spec.objective.optimize, constraints: spec.objective.constraints };
}

/** Hash of the success definition: fixed before experiments, recorded on every run. */
export function successHash(def: SuccessDefinition): string {
  return hashJson(def).slice(0, 16);
}

/** Hash of the whole spec, minus where it lives on disk. */
export function specHash(spec: Spec): string {
  const { file: _f, dir: _d, data, ...rest } = spec;
  const { source: _s, ...dataRest } = data;
  return hashJson({ ...rest, data: dataRest }).slice(0, 16);
}

/** The spec as plain JSON for the store. */
export function specJson(spec: Spec): Record<string, unknown> {
  return JSON.parse(JSON.stringify(spec)) as Record<string, unknown>;
}
