// Everything checked before a run is recorded: the spec, the data, the target, slices, heuristic and learners.
import { basename } from 'node:path';
import { loadSpec } from '../spec/load.ts';
import type { Spec } from '../spec/types.ts';
import { checkObjective, resolveLearners, type ResolvedLearner } from '../spec/check.ts';
import { successDefinition, successHash, specHash, type SuccessDefinition } from '../spec/success.ts';
import { loadData, type LoadedData } from '../data/load.ts';
import { encodeTarget, type Target } from '../data/target.ts';
import { checkSlices } from '../data/slices.ts';
import { DataError, SpecError } from '../util/errors.ts';
import { checkRobustnessSpec } from '../robustness/index.ts';

export interface Prepared {
  readonly spec: Spec;
  readonly data: LoadedData;
  readonly target: Target;
  readonly featureColumns: readonly string[];
  readonly learners: readonly ResolvedLearner[];
  readonly success: SuccessDefinition;
  readonly successHash: string;
  readonly specHash: string;
}

/** Load and validate; on any problem throw a one-line BadInputError (exit 2) before anything is recorded. */
export async function prepare(specOrPath: string | Spec): Promise<Prepared> {
  const spec = typeof specOrPath === 'string' ? loadSpec(specOrPath) : specOrPath;
  const data = await loadData(spec.data.source, { categorical: spec.data.categorical });
  try {
    return await validate(spec, data);
  } catch (e) {
    data.sql.close();
    throw e;
  }
}

async function validate(spec: Spec, data: LoadedData): Promise<Prepared> {
  const file = basename(spec.data.source);
  const names = data.table.columns.map((c) => c.name);
  const need = (col: string | undefined, key: string): void => {
    if (col !== undefined && !names.includes(col)) {
      throw new DataError(`${file}: column '${col}' named by ${key} is not in the data; columns: ${names.join(', ')}`);
    }
  };
  need(spec.data.target, 'data.target');
  need(spec.data.id, 'data.id');
  spec.data.exclude.forEach((c, i) => need(c, `data.exclude[${i}]`));
  need(spec.splits.group, 'splits.group');
  need(spec.splits.time, 'splits.time');
  need(spec.data.time, 'data.time');
  spec.data.eventTimes.forEach((c, i) => need(c, `data.eventTimes[${i}]`));
  const target = encodeTarget(data.table.columns.find((c) => c.name === spec.data.target)!, spec.task, file);
  checkObjective(spec, target.task);
  const dropped = new Set([spec.data.target, spec.data.id, ...spec.data.exclude]);
  const featureColumns = names.filter((n) => !dropped.has(n));
  if (featureColumns.length === 0) throw new DataError(`${file}: no feature columns left after removing the target, id and data.exclude`);
  await checkSlices(spec.slices, data.table, data.sql, basename(spec.file));
  if (spec.baselines.heuristic) await checkHeuristic(spec, data);
  checkRobustnessSpec(spec.robustness, featureColumns, data.table);
  spec.objective.constraints.forEach((c, i) => c.attribute !== undefined && need(c.attribute, `objective.constraints[${i}].attribute`));
  const learners = resolveLearners(spec, target.task);
  const success = successDefinition(spec, target.task);
  return { spec, data, target, featureColumns, learners, success, successHash: successHash(success), specHash: specHash(spec) };
}

async function checkHeuristic(spec: Spec, data: LoadedData): Promise<void> {
  try {
    await data.sql.check(spec.baselines.heuristic!);
  } catch (e) {
    const why = String(e instanceof Error ? e.message : e).split('\n')[0];
    throw new SpecError('baselines.heuristic', `cannot evaluate "${spec.baselines.heuristic}": ${why}`, basename(spec.file));
  }
}
