// The metric registry: names per task, direction, dispatch by task, and resample support for every entry.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BadInputError } from '../util/errors.ts';
import {
  METRICS, bootstrapCI, computeMetric, ece, isHigherBetter, logLoss, metricFn, metricNames, metricsFor, multiclassLogLoss,
  type MetricName,
} from './index.ts';

const f = (a: number[]): Float64Array => Float64Array.from(a);
const yB = f([0, 1, 1, 0, 1, 0, 1, 1]);
const pB = f([0.2, 0.8, 0.4, 0.3, 0.9, 0.6, 0.7, 0.55]);
const yM = f([0, 1, 2, 1]);
const pM = f([0.7, 0.2, 0.1, 0.1, 0.6, 0.3, 0.2, 0.2, 0.6, 0.5, 0.3, 0.2]);
const yR = f([1.5, 2, 3.25, 4]);
const pR = f([1, 2.5, 3, 4.5]);

test('names per task, in registry order', () => {
  assert.deepEqual(metricNames('binary'), ['auc', 'logloss', 'accuracy', 'precision', 'recall', 'f1', 'pr_auc', 'brier', 'ece', 'mce']);
  assert.deepEqual(metricNames('multiclass'), ['logloss', 'accuracy', 'ece', 'macro_f1']);
  assert.deepEqual(metricNames('regression'), ['rmse', 'mae', 'r2']);
  assert.ok(metricsFor('binary').every((m) => m.tasks.includes('binary')));
});

test('direction: scores up, losses and errors down', () => {
  const up = (Object.keys(METRICS) as MetricName[]).filter(isHigherBetter);
  assert.deepEqual(up, ['auc', 'accuracy', 'precision', 'recall', 'f1', 'pr_auc', 'macro_f1', 'r2']);
  assert.throws(() => isHigherBetter('acuracy'), (e: unknown) => e instanceof BadInputError && /unknown metric 'acuracy': did you mean 'accuracy'\?/.test(e.message));
});

test('a name shared by two tasks dispatches on the task (computeMetric) or on the prediction shape (fn)', () => {
  assert.equal(computeMetric('logloss', 'binary', yB, pB, 2), logLoss(yB, pB));
  assert.equal(computeMetric('logloss', 'multiclass', yM, pM, 3), multiclassLogLoss(yM, pM));
  assert.equal(METRICS.logloss.fn(yB, pB, 2), logLoss(yB, pB));
  assert.equal(METRICS.logloss.fn(yM, pM, 3), multiclassLogLoss(yM, pM));
  assert.equal(METRICS.accuracy.fn(yM, pM, 3), 0.75);
  assert.equal(METRICS.ece.fn(yB, pB, 2), ece(yB, pB));
  assert.equal(computeMetric('rmse', 'regression', yR, pR, 1), Math.sqrt((0.25 + 0.25 + 0.0625 + 0.25) / 4));
});

test('a metric asked of a task it does not serve names the task and the alternatives', () => {
  assert.throws(() => computeMetric('auc', 'regression', yR, pR, 1), (e: unknown) =>
    e instanceof BadInputError && e.message === "metric 'auc' must be one defined for regression tasks, but it is defined for binary; regression metrics: rmse, mae, r2");
});

test('every registered metric scores a resample like the gathered rows and bootstraps', () => {
  const data = { binary: [yB, pB, 2], multiclass: [yM, pM, 3], regression: [yR, pR, 1] } as const;
  const idx = Int32Array.from([1, 1, 0, 3]);
  for (const m of Object.values(METRICS)) {
    for (const task of m.tasks) {
      const [y, p, k] = data[task];
      const perRow = p.length / y.length;
      const yy = Float64Array.from(idx, (r) => y[r]);
      const pp = new Float64Array(idx.length * perRow);
      idx.forEach((r, j) => pp.set(p.subarray(r * perRow, (r + 1) * perRow), j * perRow));
      const fn = metricFn(m.name, task);
      assert.equal(fn(y, p, idx, k), fn(yy, pp, undefined, k), `${m.name}/${task}`);
      // the bootstrap's precomputed form, where a metric has one, must agree bit for bit
      if (fn.prepare !== undefined) assert.equal(fn.prepare(y, p, k)(idx), fn(y, p, idx, k), `${m.name}/${task} prepared`);
      const ci = bootstrapCI(fn, y, p, { seed: 1, resamples: 50, nClasses: k });
      assert.ok(ci.resamples > 0 && ci.low <= ci.high, `${m.name}/${task}: ${JSON.stringify(ci)}`);
    }
  }
});
