// Per-row sample weights from a class-weight setting: 'balanced' is sklearn's class_weight='balanced', n / (k·n_c).
import { LearnerError } from '../../util/errors.ts';
import type { Params } from '../types.ts';

export type ClassWeight = 'none' | 'balanced';

export const CLASS_WEIGHTS: readonly ClassWeight[] = ['none', 'balanced'];

/** The classWeight param; absent (params saved before it existed) means 'none'. */
export function classWeightParam(params: Params): ClassWeight {
  const v = params.classWeight ?? 'none';
  if (typeof v !== 'string' || !(CLASS_WEIGHTS as readonly string[]).includes(v)) {
    throw new LearnerError(`parameter 'classWeight' must be one of ${CLASS_WEIGHTS.join(', ')}; got ${JSON.stringify(v)}`);
  }
  return v as ClassWeight;
}

/**
 * Row weights n / (k·n_c) for label c, k = the number of classes present in y (as sklearn's compute_class_weight):
 * every class then carries the same total weight n/k and the weights sum to n.
 */
export function balancedWeights(y: Float64Array): Float64Array {
  const counts = new Map<number, number>();
  for (let i = 0; i < y.length; i++) counts.set(y[i], (counts.get(y[i]) ?? 0) + 1);
  const k = counts.size;
  return Float64Array.from(y, (label) => y.length / (k * (counts.get(label) ?? 1)));
}

/** Sample weights for the setting, or undefined for unweighted (the exact unweighted arithmetic). */
export function sampleWeights(setting: ClassWeight, y: Float64Array): Float64Array | undefined {
  return setting === 'balanced' ? balancedWeights(y) : undefined;
}
