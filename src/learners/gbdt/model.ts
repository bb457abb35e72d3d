// The fitted GBDT model: batch and single-row prediction, importance, JSON.
import { LearnerError } from '../../util/errors.ts';
import type { Matrix, Model, ModelJSON, Params, Task } from '../types.ts';
import { forestToState } from './model-format.ts';
import { softmaxInPlace, transform, type ObjectiveName } from './objective.ts';
import { predictRaw, predictRowRaw, type Forest } from './predictor.ts';

export const MODEL_VERSION = 1;

export class GbdtModel implements Model {
  readonly learner = 'gbdt';

  constructor(
    readonly task: Task,
    readonly nClasses: number,
    readonly params: Params,
    readonly featureNames: readonly string[],
    private readonly forest: Forest,
    private readonly objective: ObjectiveName,
    readonly iterations: number,
  ) {}

  predict(X: Matrix): Float64Array {
    if (X.columns.length !== this.featureNames.length) {
      throw new LearnerError(`gbdt: the matrix must have the ${this.featureNames.length} features the model was trained on (${this.featureNames.join(', ')}); got ${X.columns.length}.`);
    }
    const raw = predictRaw(this.forest, X);
    transform(this.objective, raw, this.forest.nClasses);
    return raw;
  }

  predictRow(row: Float64Array, out: Float64Array): void {
    predictRowRaw(this.forest, row, out);
    if (this.objective === 'logloss') out[0] = 1 / (1 + Math.exp(-out[0]));
    else if (this.objective === 'softmax') softmaxInPlace(out, 0, this.forest.nClasses);
  }

  /** Total split gain and number of splits per feature, over all trees kept. */
  importance(): Record<string, Record<string, number>> {
    const gain: Record<string, number> = {};
    const split: Record<string, number> = {};
    for (const name of this.featureNames) { gain[name] = 0; split[name] = 0; }
    const { feature, gain: g } = this.forest;
    for (let i = 0; i < feature.length; i++) {
      if (feature[i] < 0) continue;
      const name = this.featureNames[feature[i]];
      gain[name] += g[i];
      split[name] += 1;
    }
    return { gain, split };
  }

  toJSON(): ModelJSON {
    return {
      format: 'gauntlet-model', version: MODEL_VERSION, learner: 'gbdt', task: this.task, nClasses: this.nClasses,
      featureNames: [...this.featureNames], params: this.params, state: forestToState(this.forest, this.objective, this.iterations),
    };
  }
}
