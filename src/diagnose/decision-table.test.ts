// Decision table on hand-made evaluations: each gap finding triggered by a constructed case, and a balanced case with none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseRun, GAP_ACTIONS } from './decision-table.ts';
import type { ModelEval } from '../evaluate/document.ts';
import type { SplitEval } from '../evaluate/evaluate.ts';

type Levels = Partial<Record<'train' | 'trainDev' | 'blackbox' | 'test', number>>;

function split(metric: string, value: number): SplitEval {
  return { n: 1000, metrics: { [metric]: value }, ci: {}, slices: [] };
}

function model(name: string, metric: string, scores: Levels): ModelEval {
  const splits = Object.fromEntries(Object.entries(scores).map(([s, v]) => [s, split(metric, v)]));
  return { name, kind: 'learner', learner: 'logistic', params: {}, splits, constraints: [] };
}

function evaluation(scores: Levels, metric = 'auc', extra: ModelEval[] = []) {
  return { optimize: metric, models: [model('logistic', metric, scores), ...extra], selected: { name: 'logistic', reason: '', constraintsMet: true } };
}

const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);

test('high bias: train error far above human level → HIGH_BIAS and the bigger-model action', () => {
  const t = diagnoseRun(evaluation({ train: 0.8, trainDev: 0.79, blackbox: 0.785, test: 0.78 }), { human: { auc: 0.95 } });
  assert.deepEqual(t.rows.map((r) => r.level), ['human', 'train', 'trainDev', 'blackbox', 'test']);
  close(t.rows[0].error, 0.05);
  close(t.gaps.avoidableBias, 0.15);
  close(t.gaps.variance, 0.01);
  assert.equal(t.largest, 'avoidableBias');
  assert.equal(t.action, GAP_ACTIONS.avoidableBias);
  assert.match(t.action, /bigger model/);
  assert.deepEqual(t.findings.map((f) => [f.code, f.severity]), [['HIGH_BIAS', 'warning']]);
  assert.equal(t.humanNote, null);
});

test('high variance: trainDev error far above train error → HIGH_VARIANCE and more data / regularization', () => {
  const t = diagnoseRun(evaluation({ train: 0.98, trainDev: 0.9, blackbox: 0.895, test: 0.89 }), { human: { auc: 0.99 } });
  close(t.gaps.variance, 0.08);
  assert.equal(t.largest, 'variance');
  assert.match(t.action, /more training data.*regulari/);
  assert.deepEqual(t.findings.map((f) => f.code), ['HIGH_VARIANCE']);
});

test('data mismatch: blackbox error far above trainDev error → DATA_MISMATCH', () => {
  const t = diagnoseRun(evaluation({ train: 0.97, trainDev: 0.96, blackbox: 0.88, test: 0.875 }), { human: { auc: 0.98 } });
  close(t.gaps.dataMismatch, 0.08);
  assert.equal(t.largest, 'dataMismatch');
  assert.match(t.action, /training data more like dev/);
  assert.deepEqual(t.findings.map((f) => f.code), ['DATA_MISMATCH']);
});

test('overfitting to dev: test error far above blackbox error → DEV_OVERFIT and a bigger dev set', () => {
  const t = diagnoseRun(evaluation({ train: 0.95, trainDev: 0.945, blackbox: 0.94, test: 0.86 }), { human: { auc: 0.96 } });
  assert.equal(t.largest, 'devOverfit');
  assert.match(t.action, /bigger blackbox/);
  assert.deepEqual(t.findings.map((f) => f.code), ['DEV_OVERFIT']);
});

test('balanced: every gap below 0.02 → no finding, and the action says nothing stands out', () => {
  const t = diagnoseRun(evaluation({ train: 0.94, trainDev: 0.935, blackbox: 0.93, test: 0.925 }), { human: { auc: 0.95 } });
  assert.equal(t.threshold, 0.02);
  assert.deepEqual(t.findings, []);
  assert.equal(t.largest, 'avoidableBias');
  assert.match(t.action, /^no gap reaches 0\.02; the largest is avoidableBias \(0\.01\)/);
});

test('no human level: 0 is the proxy, and the output says so', () => {
  const t = diagnoseRun(evaluation({ train: 0.9, trainDev: 0.89, blackbox: 0.885, test: 0.88 }), {});
  assert.equal(t.rows[0].error, 0);
  assert.equal(t.humanNote, 'no human level given; 0 used as proxy');
  assert.match(t.findings[0].message, /0 used as proxy, so part of it may be unavoidable/);
  assert.equal(t.findings[0].severity, 'info', 'against a proxy the bias figure is an upper bound');
  const other = diagnoseRun(evaluation({ train: 0.9 }), { human: { accuracy: 0.9 } });
  assert.equal(other.humanNote, 'no human level given for auc (given for accuracy); 0 used as proxy');
});

test('losses are their own error; unbounded losses use 5% of the trainDev error as the threshold', () => {
  const t = diagnoseRun(evaluation({ train: 0.3, trainDev: 0.42, blackbox: 0.43, test: 0.44 }, 'logloss'), { human: { logloss: 0.28 } });
  close(t.rows[1].error, 0.3);
  close(t.threshold, 0.05 * 0.42);
  assert.equal(t.largest, 'variance');
  assert.deepEqual(t.findings.map((f) => f.code), ['HIGH_VARIANCE']);
});

test('a model without a test figure: devOverfit is NaN and never the largest', () => {
  const ev = evaluation({ train: 0.9, trainDev: 0.9, blackbox: 0.9, test: 0.9 }, 'auc', [model('gbdt', 'auc', { train: 0.99, trainDev: 0.9, blackbox: 0.9 })]);
  const t = diagnoseRun(ev, { human: { auc: 0.99 }, model: 'gbdt' });
  assert.equal(t.model, 'gbdt');
  assert.ok(Number.isNaN(t.gaps.devOverfit));
  assert.ok(Number.isNaN(t.rows[4].error));
  assert.equal(t.largest, 'variance');
  assert.throws(() => diagnoseRun(ev, { model: 'nope' }), /'nope' is not one \(models: logistic, gbdt\)/);
});
