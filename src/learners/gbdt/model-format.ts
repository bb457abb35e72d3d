// Versioned JSON for a GBDT model: the flat tree arrays as number lists, checked on load.
import { LearnerError } from '../../util/errors.ts';
import type { ObjectiveName } from './objective.ts';
import type { Forest } from './predictor.ts';

/** Version of the `state` layout below; bump on any change and keep a reader for old versions. */
export const GBDT_STATE_VERSION = 1;

export interface GbdtState {
  readonly stateVersion: number;
  readonly objective: ObjectiveName;
  readonly iterations: number;
  readonly forest: {
    readonly nClasses: number;
    readonly base: number[];
    readonly catLevels: number[];
    readonly roots: number[];
    readonly feature: number[];
    readonly threshold: number[];
    readonly left: number[];
    readonly right: number[];
    readonly defaultLeft: number[];
    readonly value: number[];
    readonly gain: number[];
    readonly catStart: number[];
    readonly catBits: number[];
  };
}

export function forestToState(forest: Forest, objective: ObjectiveName, iterations: number): GbdtState {
  const f = forest;
  return {
    stateVersion: GBDT_STATE_VERSION, objective, iterations,
    forest: {
      nClasses: f.nClasses, base: Array.from(f.base), catLevels: Array.from(f.catLevels), roots: Array.from(f.roots),
      feature: Array.from(f.feature), threshold: Array.from(f.threshold), left: Array.from(f.left), right: Array.from(f.right),
      defaultLeft: Array.from(f.defaultLeft), value: Array.from(f.value), gain: Array.from(f.gain),
      catStart: Array.from(f.catStart), catBits: Array.from(f.catBits),
    },
  };
}

export function stateToForest(state: unknown): { forest: Forest; objective: ObjectiveName; iterations: number } {
  const s = state as Partial<GbdtState> | null;
  if (!s || s.stateVersion !== GBDT_STATE_VERSION || !s.forest) {
    throw new LearnerError(`gbdt model state must have stateVersion ${GBDT_STATE_VERSION} and a forest; got stateVersion ${JSON.stringify(s?.stateVersion)}. Retrain the model with this version of gauntlet.`);
  }
  const f = s.forest;
  const nodes = f.feature.length;
  for (const [name, a] of Object.entries({ threshold: f.threshold, left: f.left, right: f.right, defaultLeft: f.defaultLeft, value: f.value, gain: f.gain, catStart: f.catStart })) {
    if (a.length !== nodes) throw new LearnerError(`gbdt model state: forest.${name} must have one entry per node (${nodes}); got ${a.length}. The model file is corrupt.`);
  }
  const forest: Forest = {
    nClasses: f.nClasses, base: Float64Array.from(f.base), catLevels: Int32Array.from(f.catLevels), roots: Int32Array.from(f.roots),
    feature: Int32Array.from(f.feature), threshold: Float64Array.from(f.threshold), left: Int32Array.from(f.left), right: Int32Array.from(f.right),
    defaultLeft: Uint8Array.from(f.defaultLeft), value: Float64Array.from(f.value), gain: Float64Array.from(f.gain),
    catStart: Int32Array.from(f.catStart), catBits: Uint32Array.from(f.catBits),
  };
  return { forest, objective: s.objective as ObjectiveName, iterations: s.iterations ?? 0 };
}
