// The metric registry (name → direction, tasks, implementation per task) and the metrics module's public API.

import type { Task } from '../learners/types.ts';
import { BadInputError, unknownNameHint } from '../util/errors.ts';
import { accuracyScore, averagePrecisionScore, brierScore, ece, f1Score, logLoss, mce, precisionScore, recallScore, rocAucScore } from './binary.ts';
import { macroF1Score, multiclassAccuracyScore, multiclassEce, multiclassLogLoss } from './multiclass.ts';
import { mae, r2Score, rmse } from './regression.ts';
import type { MetricFn } from './types.ts';

export * from './binary.ts';
export * from './multiclass.ts';
export * from './regression.ts';
export * from './bootstrap.ts';
export type { MetricFn, ResampleScorer } from './types.ts';

export type MetricName =
  | 'auc' | 'logloss' | 'accuracy' | 'precision' | 'recall' | 'f1' | 'pr_auc' | 'brier' | 'ece' | 'mce'
  | 'macro_f1' | 'rmse' | 'mae' | 'r2';

export interface MetricInfo {
  readonly name: MetricName;
  readonly tasks: readonly Task[];
  readonly higherIsBetter: boolean;
  readonly description: string;
  /** The implementation for each task, accepting a resample (for bootstrapCI / pairedBootstrap). */
  readonly byTask: Readonly<Partial<Record<Task, MetricFn>>>;
  /** Value on the full data; a name serving two tasks picks binary when pred has one value per row and nClasses <= 2. */
  fn(y: Float64Array, pred: Float64Array, nClasses: number): number;
}

function entry(
  name: MetricName,
  higherIsBetter: boolean,
  description: string,
  byTask: Partial<Record<Task, MetricFn>>,
): MetricInfo {
  const tasks = Object.keys(byTask) as Task[];
  const fn = (y: Float64Array, pred: Float64Array, nClasses: number): number => {
    const binary = nClasses <= 2 && pred.length === y.length;
    const task = tasks.length === 1 ? tasks[0] : binary ? 'binary' : 'multiclass';
    return (byTask[task] as MetricFn)(y, pred, undefined, nClasses);
  };
  return { name, tasks, higherIsBetter, description, byTask, fn };
}

const eceDefault: MetricFn = (y, p, idx) => ece(y, p, { idx });
const mceDefault: MetricFn = (y, p, idx) => mce(y, p, { idx });

export const METRICS: Readonly<Record<MetricName, MetricInfo>> = {
  auc: entry('auc', true, 'area under the ROC curve (ties averaged, as scikit-learn)', { binary: rocAucScore }),
  logloss: entry('logloss', false, 'mean cross-entropy, probabilities clipped at 1e-15', { binary: logLoss, multiclass: multiclassLogLoss }),
  accuracy: entry('accuracy', true, 'fraction correct (binary: p > 0.5; multiclass: argmax)', { binary: accuracyScore, multiclass: multiclassAccuracyScore }),
  precision: entry('precision', true, 'TP / (TP + FP) at p > 0.5; 0 when nothing is predicted positive', { binary: precisionScore }),
  recall: entry('recall', true, 'TP / (TP + FN) at p > 0.5; 0 when there is no positive', { binary: recallScore }),
  f1: entry('f1', true, 'harmonic mean of precision and recall at p > 0.5', { binary: f1Score }),
  pr_auc: entry('pr_auc', true, 'average precision (area under the precision-recall curve, as scikit-learn)', { binary: averagePrecisionScore }),
  brier: entry('brier', false, 'mean squared error of P(class 1)', { binary: brierScore }),
  ece: entry('ece', false, 'expected calibration error, 15 equal-width bins (multiclass: top-label)', { binary: eceDefault, multiclass: multiclassEce }),
  mce: entry('mce', false, 'maximum calibration error: the worst of 15 equal-width bins', { binary: mceDefault }),
  macro_f1: entry('macro_f1', true, 'unweighted mean of per-class F1 of the argmax label', { multiclass: macroF1Score }),
  rmse: entry('rmse', false, 'root mean squared error', { regression: rmse }),
  mae: entry('mae', false, 'mean absolute error', { regression: mae }),
  r2: entry('r2', true, 'coefficient of determination (NaN when y is constant)', { regression: r2Score }),
};

const ALL_NAMES = Object.keys(METRICS) as MetricName[];

function infoOf(name: string): MetricInfo {
  if (!Object.hasOwn(METRICS, name)) throw new BadInputError(`unknown metric '${name}': ${unknownNameHint(name, ALL_NAMES)}`);
  return METRICS[name as MetricName];
}

/** Metrics defined for `task`, in registry order. */
export function metricsFor(task: Task): MetricInfo[] {
  return ALL_NAMES.map((n) => METRICS[n]).filter((m) => m.tasks.includes(task));
}

export function metricNames(task: Task): MetricName[] {
  return metricsFor(task).map((m) => m.name);
}

export function isHigherBetter(name: string): boolean {
  return infoOf(name).higherIsBetter;
}

/** The implementation of `name` for `task`, resample-capable (pass it to bootstrapCI / pairedBootstrap). */
export function metricFn(name: string, task: Task): MetricFn {
  const fn = infoOf(name).byTask[task];
  if (fn === undefined) {
    throw new BadInputError(
      `metric '${name}' must be one defined for ${task} tasks, but it is defined for ${infoOf(name).tasks.join(', ')}; ` +
        `${task} metrics: ${metricNames(task).join(', ')}`,
    );
  }
  return fn;
}

export function computeMetric(name: string, task: Task, y: Float64Array, pred: Float64Array, nClasses: number): number {
  return metricFn(name, task)(y, pred, undefined, nClasses);
}
