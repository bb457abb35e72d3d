// The zero-rule baseline: predict the train class prior (classification) or the train mean (regression).
import type { Matrix, Model, ModelJSON, Task } from '../learners/types.ts';

/** Fit the zero-rule on train labels. */
export function fitZeroRule(task: Task, y: Float64Array, nClasses: number): Model {
  const k = task === 'multiclass' ? nClasses : 1;
  const value = new Float64Array(k);
  if (task === 'multiclass') {
    for (const v of y) value[v]++;
    for (let c = 0; c < k; c++) value[c] /= y.length;
  } else {
    let s = 0;
    for (const v of y) s += v;
    value[0] = s / y.length;
  }
  return zeroRuleModel(task, nClasses, Array.from(value));
}

export function loadZeroRule(json: ModelJSON): Model {
  return zeroRuleModel(json.task, json.nClasses, (json.state as { value: number[] }).value);
}

function zeroRuleModel(task: Task, nClasses: number, value: readonly number[]): Model {
  const k = value.length;
  return {
    learner: 'zero_rule',
    task,
    nClasses,
    params: {},
    predict(X: Matrix): Float64Array {
      const out = new Float64Array(X.nRows * k);
      for (let i = 0; i < X.nRows; i++) for (let c = 0; c < k; c++) out[i * k + c] = value[c];
      return out;
    },
    predictRow(_row: Float64Array, out: Float64Array): void {
      for (let c = 0; c < k; c++) out[c] = value[c];
    },
    toJSON(): ModelJSON {
      return { format: 'gauntlet-model', version: 1, learner: 'zero_rule', task, nClasses, featureNames: [], params: {}, state: { value: [...value] } };
    },
  };
}
