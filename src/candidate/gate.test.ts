// The readiness gate: a realistic passing input (figures from the demo run), then each item failing for its reason.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Comparison, ConstraintResult, Evaluation, ModelEval } from '../evaluate/document.ts';
import type { SliceEval, SplitEval } from '../evaluate/evaluate.ts';
import { evaluateGate } from './gate.ts';
import { renderVerdict } from './gate-render.ts';
import type { GateInput, GateItem } from './types.ts';

// ---------- fixture ----------

const slice = (name: string, group: string, n: number, auc: number, small = false): SliceEval =>
  ({ name, group, n, small, metrics: { auc, logloss: 0.34 + (0.77 - auc), ece: 0.03 } });

const REGION_AUC: Readonly<Record<string, number>> = { central: 0.737, east: 0.7399, north: 0.837, south: 0.743, west: 0.7661 };

function slices(youngAuc: number): SliceEval[] {
  return [slice('young', 'young', 303, youngAuc), ...Object.entries(REGION_AUC).map(([r, auc]) => slice(`region=${r}`, 'region', 590, auc))];
}

function splitEval(n: number, auc: number, ece: number, sl: readonly SliceEval[]): SplitEval {
  return { n, metrics: { auc, logloss: 0.3387, accuracy: 0.8717, recall: 0.1301, ece }, ci: {}, slices: sl };
}

const constraintResult = (metric: string, max: number, value: number): ConstraintResult => ({ metric, split: 'blackbox', max, value, pass: value <= max });

const baseline = (name: string, auc: number): ModelEval =>
  ({ name, kind: 'baseline', learner: name, params: {}, splits: { blackbox: splitEval(3000, auc, 0.02, []) }, constraints: [] });

const LOGISTIC: ModelEval = {
  name: 'logistic', kind: 'learner', learner: 'logistic', params: { C: 1, maxIter: 500 },
  splits: { blackbox: splitEval(3000, 0.7688, 0.0166, slices(0.7127)), test: splitEval(3000, 0.7712, 0.0151, slices(0.7205)) },
  constraints: [constraintResult('latency_p99_ms', 5, 0.0029485), constraintResult('model_size_mb', 50, 0.002519), constraintResult('ece', 0.05, 0.0166)],
};

const COMPARISON: Comparison = { model: 'logistic', baseline: 'heuristic', metric: 'auc', split: 'blackbox', delta: 0.10076, low: 0.074558, high: 0.125696, pValue: 0.000999, significant: true };

const EVALUATION: Evaluation = {
  format: 'gauntlet-evaluation', version: 1, findings: [], task: 'binary', target: 'defaulted', classes: ['0', '1'], optimize: 'auc', higherIsBetter: true,
  constraints: [{ metric: 'latency_p99_ms', max: 5, split: 'blackbox' }, { metric: 'model_size_mb', max: 50, split: 'blackbox' }, { metric: 'ece', max: 0.05, split: 'blackbox' }],
  successHash: 'a408ca9ae3af04aa',
  splitSizes: { train: 12000, trainDev: 1001, eyeball: 999, blackbox: 3000, test: 3000 },
  models: [baseline('zero_rule', 0.5), baseline('heuristic', 0.668), LOGISTIC],
  selected: { name: 'logistic', reason: 'best auc on blackbox among learners meeting every constraint', constraintsMet: true },
  comparison: COMPARISON,
};

const PASSING: GateInput = {
  evaluation: EVALUATION,
  gate: { alpha: 0.05, maxSliceDrop: 0.1 },
  minSliceRows: 30,
  success: { current: 'a408ca9ae3af04aa', first: 'a408ca9ae3af04aa', runsWithOtherHash: 0 },
  lineage: {
    git: { commit: '9f2c1e0d8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e', dirty: false, dirtyFiles: [] },
    seeds: { splits: 7, learners: 0, bootstrap: 0 },
    dataSnapshot: '3aaabbf422e52427d609cce50bd31f7247196362dd983ff43ec3b53c8267f2df',
    environment: { node: 'v20.20.2', gauntlet: '0.1.0', os: 'linux', arch: 'x64' },
  },
  schema: {
    inputs: [
      { name: 'age', type: 'numeric', nullable: false, min: 18, max: 80 },
      { name: 'income', type: 'numeric', nullable: true, min: 0, max: 250000 },
      { name: 'region', type: 'categorical', nullable: false, categories: ['central', 'east', 'north', 'south', 'west'], allowUnseen: true },
    ],
  },
  trainingOnly: ['defaulted_at'],
  servingSample: { file: '/data/serving-sample.csv', columns: [{ name: 'age', type: 'numeric' }, { name: 'income', type: 'numeric' }, { name: 'region', type: 'categorical' }, { name: 'extra', type: 'categorical' }] },
  sharedTransforms: true,
  parity: { rows: 3000, maxAbsDiff: 0, identical: true },
  freshLoad: { ok: true, rows: 200, seconds: 0.4123 },
  calibration: { method: 'none' },
  rollback: { previousChampion: null, fallback: 'heuristic' },
  championComparison: null,
};

// ---------- variants ----------

const withInput = (patch: Partial<GateInput>): GateInput => ({ ...PASSING, ...patch });
const withEvaluation = (patch: Partial<Evaluation>, base: GateInput = PASSING): GateInput => ({ ...base, evaluation: { ...base.evaluation, ...patch } });

function withSelected(fn: (m: ModelEval) => ModelEval, base: GateInput = PASSING): GateInput {
  const models = base.evaluation.models.map((m) => (m.name === base.evaluation.selected?.name ? fn(m) : m));
  return withEvaluation({ models }, base);
}

function withSplit(split: 'blackbox' | 'test', fn: (s: SplitEval) => SplitEval, base: GateInput = PASSING): GateInput {
  return withSelected((m) => ({ ...m, splits: { ...m.splits, [split]: fn(m.splits[split] as SplitEval) } }), base);
}

const withSlices = (split: 'blackbox' | 'test', fn: (s: readonly SliceEval[]) => SliceEval[], base: GateInput = PASSING): GateInput =>
  withSplit(split, (s) => ({ ...s, slices: fn(s.slices) }), base);

const withComparison = (patch: Partial<Comparison>): GateInput => withEvaluation({ comparison: { ...COMPARISON, ...patch } });

const withChampion = (patch: Partial<Comparison>): GateInput => withInput({
  rollback: { previousChampion: { id: 3, runId: 'run-0042' } },
  championComparison: { ...COMPARISON, baseline: 'champion#3', delta: -0.002, low: -0.011, high: 0.007, pValue: 0.64, significant: false, ...patch },
});

/** logloss (lower is better) as the optimizing metric, selected model at 0.3387 on blackbox. */
const LOGLOSS: GateInput = withEvaluation({ optimize: 'logloss', higherIsBetter: false, comparison: { ...COMPARISON, metric: 'logloss', delta: -0.025, low: -0.031, high: -0.019 } });

function item(input: GateInput, key: string): GateItem {
  const found = evaluateGate(input).items.find((it) => it.key === key);
  assert.ok(found, `no item '${key}'`);
  return found;
}

function expectItem(input: GateInput, key: string, status: GateItem['status'], reason: RegExp): GateItem {
  const it = item(input, key);
  assert.equal(it.status, status, `${key}: ${it.reason}`);
  assert.match(it.reason, reason);
  return it;
}

const evidenceOf = (it: GateItem): Record<string, unknown> => it.evidence as Record<string, unknown>;

// ---------- the whole verdict ----------

describe('verdict', () => {
  test('the realistic fixture passes all nine items in checklist order and is ready', () => {
    const v = evaluateGate(PASSING);
    assert.equal(v.format, 'gauntlet-gate');
    assert.deepEqual(v.items.map((it) => [it.id, it.key, it.status]), [
      [1, 'beats-baseline', 'pass'], [2, 'constraints', 'pass'], [3, 'slices', 'pass'], [4, 'calibration', 'pass'], [5, 'serving-features', 'pass'],
      [6, 'skew', 'pass'], [7, 'reproducibility', 'pass'], [8, 'packaged', 'pass'], [9, 'rollback', 'pass'],
    ]);
    assert.equal(v.ready, true);
  });

  test('not-applicable items keep the verdict ready; one failing item makes it not ready', () => {
    const na = evaluateGate(withSlices('blackbox', () => [], withSlices('test', () => [])));
    assert.equal(na.items[2].status, 'not-applicable');
    assert.equal(na.ready, true);
    const failing = evaluateGate(withInput({ freshLoad: null }));
    assert.deepEqual(failing.items.filter((it) => it.status === 'fail').map((it) => it.key), ['packaged']);
    assert.equal(failing.ready, false);
  });

  test('an input with no evidence at all fails every item that needs evidence, never passes them', () => {
    const empty = withInput({
      evaluation: { ...EVALUATION, selected: null, comparison: null },
      success: { current: 'a408ca9ae3af04aa', first: null, runsWithOtherHash: 0 },
      lineage: { git: null, seeds: null, dataSnapshot: null, environment: null },
      schema: null, servingSample: null, sharedTransforms: false, parity: null, freshLoad: null, calibration: null,
      rollback: { previousChampion: null },
    });
    const v = evaluateGate(empty);
    assert.equal(v.ready, false);
    assert.deepEqual(v.items.filter((it) => it.status !== 'fail').map((it) => it.key), []);
  });

  test('evidence is JSON: NaN figures become null and the verdict round-trips', () => {
    const v = evaluateGate(withSplit('blackbox', (s) => ({ ...s, metrics: { ...s.metrics, ece: NaN } })));
    assert.deepEqual(JSON.parse(JSON.stringify(v)), v);
    assert.equal(evidenceOf(v.items[3]).ece, null);
  });
});

// ---------- 1. beats-baseline ----------

describe('1. beats-baseline', () => {
  test('passes with delta, interval and p < alpha named', () => {
    const it = expectItem(PASSING, 'beats-baseline', 'pass', /logistic vs heuristic on blackbox auc: delta \+0\.1008 \[\+0\.07456, \+0\.1257\], p = 0\.000999 < α = 0\.05/);
    assert.equal(evidenceOf(it).pValue, 0.000999);
  });

  test('fails when p is not below the gate alpha (not the 0.05 the run used)', () => {
    expectItem(withComparison({ pValue: 0.21, delta: 0.01 }), 'beats-baseline', 'fail', /p = 0\.21, not significantly better at α = 0\.05/);
    expectItem(withInput({ gate: { ...PASSING.gate, alpha: 0.0005 } }), 'beats-baseline', 'fail', /p = 0\.000999, not significantly better at α = 0\.0005/);
  });

  test('direction comes from the metric: for logloss a negative delta beats, a positive one fails', () => {
    expectItem(LOGLOSS, 'beats-baseline', 'pass', /on blackbox logloss: delta -0\.025/);
    const wrongWay = withEvaluation({ comparison: { ...COMPARISON, metric: 'logloss', delta: 0.025 } }, LOGLOSS);
    expectItem(wrongWay, 'beats-baseline', 'fail', /delta \+0\.025 .*not significantly better/);
  });

  test('fails "not evaluated" without a selected model, a comparison, or with a comparison of something else', () => {
    expectItem(withEvaluation({ selected: null }), 'beats-baseline', 'fail', /^not evaluated: no model was selected/);
    expectItem(withEvaluation({ comparison: null }), 'beats-baseline', 'fail', /^not evaluated: logistic has no paired-bootstrap comparison/);
    expectItem(withComparison({ model: 'gbdt' }), 'beats-baseline', 'fail', /^not evaluated: the comparison is of gbdt, not the selected model logistic/);
    expectItem(withComparison({ split: 'test' }), 'beats-baseline', 'fail', /^not evaluated: the comparison was made on test, not blackbox/);
  });

  test('fails when the compared baseline is not the best baseline on blackbox', () => {
    const input = withEvaluation({ models: [baseline('zero_rule', 0.7), baseline('heuristic', 0.668), LOGISTIC] });
    expectItem(input, 'beats-baseline', 'fail', /compared with heuristic, but the best baseline on blackbox is zero_rule/);
  });

  test('a champion that is worse but not significantly so passes, with its delta and p shown', () => {
    expectItem(withChampion({}), 'beats-baseline', 'pass', /; vs champion champion#3: delta -0\.002, p = 0\.64, not significantly worse$/);
  });

  test('fails when significantly worse than the champion (one-sided p for "better" is near 1)', () => {
    const it = expectItem(withChampion({ delta: -0.02, low: -0.03, high: -0.01, pValue: 0.995 }), 'beats-baseline', 'fail',
      /vs champion champion#3: delta -0\.02, p = 0\.995, significantly worse \(1 - p = 0\.005 < α = 0\.05\)/);
    assert.equal((evidenceOf(it).champion as Record<string, unknown>).delta, -0.02);
  });

  test('fails "not evaluated" when the champion comparison is of another metric', () => {
    expectItem(withChampion({ metric: 'accuracy' }), 'beats-baseline', 'fail', /champion not evaluated: the comparison uses accuracy, not the optimizing metric auc/);
  });
});

// ---------- 2. constraints ----------

describe('2. constraints', () => {
  test('passes naming each value against its threshold, success definition unchanged', () => {
    const it = expectItem(PASSING, 'constraints', 'pass',
      /^all 3 constraints met \(latency_p99_ms on blackbox 0\.002949 ≤ 5, model_size_mb on blackbox 0\.002519 ≤ 50, ece on blackbox 0\.0166 ≤ 0\.05\); success definition a408ca9ae3af04aa unchanged/);
    assert.equal((evidenceOf(it).constraints as unknown[]).length, 3);
  });

  test('fails on a value over its max, judged from the declared threshold not the recorded flag', () => {
    const input = withSelected((m) => ({ ...m, constraints: m.constraints.map((c) => (c.metric === 'ece' ? { ...c, value: 0.08, pass: true } : c)) }));
    expectItem(input, 'constraints', 'fail', /^ece on blackbox 0\.08 > max 0\.05$/);
  });

  test('fails on a min constraint not reached', () => {
    const input = withEvaluation({ constraints: [{ metric: 'recall', min: 0.3, split: 'blackbox' }] }, withSelected((m) => ({ ...m, constraints: [{ metric: 'recall', split: 'blackbox', min: 0.3, value: 0.1301, pass: false }] })));
    expectItem(input, 'constraints', 'fail', /recall on blackbox 0\.1301 < min 0\.3/);
  });

  test('fails when a declared constraint was not measured (NaN or no result)', () => {
    expectItem(withSelected((m) => ({ ...m, constraints: m.constraints.filter((c) => c.metric !== 'latency_p99_ms') })), 'constraints', 'fail', /latency_p99_ms on blackbox not measured/);
    expectItem(withSelected((m) => ({ ...m, constraints: m.constraints.map((c) => ({ ...c, value: NaN })) })), 'constraints', 'fail', /model_size_mb on blackbox not measured/);
  });

  test('fails when the success definition changed after N runs, naming both hashes', () => {
    const input = withInput({ success: { current: 'a408ca9ae3af04aa', first: '0000aaaa1111bbbb', runsWithOtherHash: 4 } });
    expectItem(input, 'constraints', 'fail', /^success definition changed after 4 runs \(first 0000aaaa1111bbbb, now a408ca9ae3af04aa\)$/);
  });

  test('fails when the evaluation was made under another success definition, or there is no history', () => {
    expectItem(withEvaluation({ successHash: 'ffff0000ffff0000' }), 'constraints', 'fail', /evaluated under ffff0000ffff0000, now a408ca9ae3af04aa/);
    expectItem(withInput({ success: { current: 'a408ca9ae3af04aa', first: null, runsWithOtherHash: 0 } }), 'constraints', 'fail', /not evaluated: the store has no success-definition history/);
  });

  test('no constraints declared: passes on the success definition and says so', () => {
    expectItem(withEvaluation({ constraints: [] }), 'constraints', 'pass', /^no constraints were declared; success definition a408ca9ae3af04aa unchanged since the first run$/);
  });
});

// ---------- 3. slices ----------

describe('3. slices', () => {
  test('passes naming the allowed drop and the worst slice', () => {
    expectItem(PASSING, 'slices', 'pass', /^all 12 judged slices within 10% of overall auc \(worst: young on blackbox 0\.7127\)$/);
  });

  test('fails a slice worse than overall by more than maxSliceDrop × |overall|', () => {
    const input = withSlices('blackbox', (s) => s.map((x) => (x.name === 'young' ? { ...x, metrics: { ...x.metrics, auc: 0.65 } } : x)));
    const it = expectItem(input, 'slices', 'fail', /^1 slice falls behind on auc: young on blackbox 0\.65 is 0\.1188 worse than overall 0\.7688 \(allowed 0\.07688\)$/);
    const young = (evidenceOf(it).slices as Record<string, unknown>[]).find((s) => s.name === 'young' && s.split === 'blackbox');
    assert.equal(young?.outcome, 'fail');
  });

  test('judges test slices too', () => {
    const input = withSlices('test', (s) => s.map((x) => (x.name === 'region=east' ? { ...x, metrics: { ...x.metrics, auc: 0.6 } } : x)));
    expectItem(input, 'slices', 'fail', /region=east on test 0\.6 is/);
  });

  test('fails a slice below the absolute floor when one is set', () => {
    expectItem(withInput({ gate: { ...PASSING.gate, sliceFloor: 0.72 } }), 'slices', 'fail', /^1 slice falls behind on auc: young on blackbox 0\.7127 worse than floor 0\.72$/);
    expectItem(withInput({ gate: { ...PASSING.gate, sliceFloor: 0.7 } }), 'slices', 'pass', /and no worse than floor 0\.7/);
  });

  test('lower-is-better metrics: a slice fails when its logloss is too much higher, not lower', () => {
    const higherLoss = withSlices('blackbox', (s) => s.map((x) => (x.name === 'region=north' ? { ...x, metrics: { ...x.metrics, logloss: 0.4 } } : x)), LOGLOSS);
    expectItem(higherLoss, 'slices', 'fail', /region=north on blackbox 0\.4 is 0\.0613 worse than overall 0\.3387 \(allowed 0\.03387\)/);
    const lowerLoss = withSlices('blackbox', (s) => s.map((x) => ({ ...x, metrics: { ...x.metrics, logloss: 0.1 } })), withSlices('test', (s) => s.map((x) => ({ ...x, metrics: { ...x.metrics, logloss: 0.1 } })), LOGLOSS));
    expectItem(lowerLoss, 'slices', 'pass', /within 10% of overall logloss/);
  });

  test('a small slice is flagged and listed, never failing alone', () => {
    const input = withSlices('blackbox', (s) => [...s, slice('age>75', 'age', 12, 0.31, true)]);
    const it = expectItem(input, 'slices', 'pass', /; flagged, not judged: age>75 on blackbox small \(n=12\)$/);
    const small = (evidenceOf(it).slices as Record<string, unknown>[]).find((s) => s.name === 'age>75');
    assert.deepEqual([small?.outcome, small?.value], ['small', 0.31]);
  });

  test('a NaN slice metric (AUC on a one-class slice) is flagged, not failed', () => {
    const input = withSlices('blackbox', (s) => [...s, { ...slice('all-paid', 'status', 140, NaN) }]);
    expectItem(input, 'slices', 'pass', /flagged, not judged: all-paid on blackbox auc undefined \(n=140\)/);
  });

  test('no slices declared: not applicable', () => {
    expectItem(withSlices('blackbox', () => [], withSlices('test', () => [])), 'slices', 'not-applicable', /no slices were declared/);
  });

  test('fails "not evaluated" without a selected model or an overall figure', () => {
    expectItem(withEvaluation({ selected: null }), 'slices', 'fail', /^not evaluated: no model was selected/);
    expectItem(withSplit('test', (s) => ({ ...s, metrics: { ...s.metrics, auc: NaN } })), 'slices', 'fail', /^not evaluated: overall auc of logistic is not measured on test/);
  });
});

// ---------- 4. calibration ----------

describe('4. calibration', () => {
  const withEce = (ece: number, base: GateInput = PASSING): GateInput => withSplit('blackbox', (s) => ({ ...s, metrics: { ...s.metrics, ece } }), base);
  const noEceConstraint = withEvaluation({ constraints: EVALUATION.constraints.filter((c) => c.metric !== 'ece') });

  test('passes within the ece constraint, showing the method', () => {
    expectItem(PASSING, 'calibration', 'pass', /^ECE 0\.0166 on blackbox ≤ the ece constraint max 0\.05 \(method: none\)$/);
  });

  test('fails above the ece constraint', () => {
    expectItem(withEce(0.07), 'calibration', 'fail', /^ECE 0\.07 on blackbox > the ece constraint max 0\.05 \(method: none\)/);
  });

  test('without an ece constraint the default 0.1 applies', () => {
    expectItem(withEce(0.07, noEceConstraint), 'calibration', 'pass', /≤ the default max 0\.1/);
    expectItem(withEce(0.12, noEceConstraint), 'calibration', 'fail', /ECE 0\.12 on blackbox > the default max 0\.1/);
  });

  test('fails "not evaluated" when no ECE exists (multiclass)', () => {
    const multiclass = withEvaluation({ task: 'multiclass' }, withSplit('blackbox', (s) => ({ ...s, metrics: { accuracy: 0.8 } })));
    expectItem(multiclass, 'calibration', 'fail', /^not evaluated: no ECE of logistic on blackbox for this multiclass task/);
  });

  test('regression: not applicable', () => {
    expectItem(withEvaluation({ task: 'regression' }), 'calibration', 'not-applicable', /regression outputs values, not probabilities/);
  });
});

// ---------- 5. serving-features ----------

describe('5. serving-features', () => {
  const sampleWith = (columns: { name: string; type: 'numeric' | 'categorical' }[]): GateInput => withInput({ servingSample: { file: '/data/s.csv', columns } });

  test('passes: no training-only input, sample has every input with a compatible type', () => {
    expectItem(PASSING, 'serving-features', 'pass', /^no training-only column among 3 inputs; serving sample \/data\/serving-sample\.csv has each with a compatible type$/);
    expectItem(withInput({ servingSample: null }), 'serving-features', 'pass', /no serving sample was given/);
  });

  test('fails naming a schema input listed as training-only', () => {
    expectItem(withInput({ trainingOnly: ['defaulted_at', 'income'] }), 'serving-features', 'fail', /^input income is training-only \(serving\.trainingOnly\)/);
  });

  test('fails naming an input the serving sample lacks', () => {
    expectItem(sampleWith([{ name: 'income', type: 'numeric' }, { name: 'region', type: 'categorical' }]), 'serving-features', 'fail', /serving sample \/data\/s\.csv lacks input age$/);
  });

  test('fails a numeric input served as categorical; a categorical input accepts numbers', () => {
    const cols = (income: 'numeric' | 'categorical', region: 'numeric' | 'categorical') => [{ name: 'age', type: 'numeric' as const }, { name: 'income', type: income }, { name: 'region', type: region }];
    expectItem(sampleWith(cols('categorical', 'categorical')), 'serving-features', 'fail', /has numeric input income as categorical/);
    expectItem(sampleWith(cols('numeric', 'numeric')), 'serving-features', 'pass', /compatible type/);
  });

  test('fails with the read error of an unreadable sample', () => {
    expectItem(withInput({ servingSample: { file: '/data/gone.csv', error: 'ENOENT: no such file' } }), 'serving-features', 'fail', /^serving sample \/data\/gone\.csv could not be read: ENOENT: no such file$/);
  });

  test('fails "not evaluated" without a schema', () => {
    expectItem(withInput({ schema: null }), 'serving-features', 'fail', /^not evaluated: the candidate has no input schema/);
  });
});

// ---------- 6. skew ----------

describe('6. skew', () => {
  test('passes when the serving path reproduces the offline predictions (identical, or within 1e-12)', () => {
    expectItem(PASSING, 'skew', 'pass', /reproduces 3000 offline test predictions \(max \|diff\| 0\)/);
    expectItem(withInput({ parity: { rows: 3000, maxAbsDiff: 4e-13, identical: false } }), 'skew', 'pass', /max \|diff\| 4e-13/);
  });

  test('fails when predictions differ beyond the tolerance', () => {
    expectItem(withInput({ parity: { rows: 3000, maxAbsDiff: 0.000002, identical: false } }), 'skew', 'fail', /^serving path differs from offline predictions on 3000 test rows: max \|diff\| 0\.000002 > 1e-12$/);
  });

  test('fails when transforms are not shared, even with parity', () => {
    expectItem(withInput({ sharedTransforms: false }), 'skew', 'fail', /do not share the same fitted transforms/);
  });

  test('fails "not evaluated" without a parity measurement', () => {
    expectItem(withInput({ parity: null }), 'skew', 'fail', /^not evaluated: serving-path predictions were not compared/);
    expectItem(withInput({ parity: { rows: 0, maxAbsDiff: 0, identical: true } }), 'skew', 'fail', /^not evaluated: the parity check compared 0 rows/);
  });
});

// ---------- 7. reproducibility ----------

describe('7. reproducibility', () => {
  const lineage = PASSING.lineage;

  test('passes on a clean commit with seeds, snapshot and environment', () => {
    expectItem(PASSING, 'reproducibility', 'pass', /^clean commit 9f2c1e0d8b7a, data snapshot 3aaabbf422e5, seeds and environment recorded$/);
  });

  test('fails outside a git repository', () => {
    expectItem(withInput({ lineage: { ...lineage, git: null } }), 'reproducibility', 'fail', /^not in a git repository: commit the spec and data pipeline$/);
  });

  test('fails on a dirty tree naming the first five files and the count', () => {
    const dirtyFiles = ['a.ts', 'b.ts', 'c.ts', 'd.ts', 'e.ts', 'f.ts', 'g.ts'];
    const it = expectItem(withInput({ lineage: { ...lineage, git: { commit: lineage.git!.commit, dirty: true, dirtyFiles } } }), 'reproducibility', 'fail',
      /^uncommitted changes at 9f2c1e0d8b7a: a\.ts, b\.ts, c\.ts, d\.ts, e\.ts and 2 more \(7 files\); commit them$/);
    assert.doesNotMatch(it.reason, /f\.ts/);
    assert.equal((evidenceOf(it).git as Record<string, unknown>).dirtyCount, 7);
  });

  test('fails when seeds, snapshot or environment are missing', () => {
    expectItem(withInput({ lineage: { ...lineage, seeds: null, environment: null } }), 'reproducibility', 'fail', /^lineage lacks seeds, environment$/);
  });
});

// ---------- 8. packaged ----------

describe('8. packaged', () => {
  test('passes with rows and seconds of the fresh-process load', () => {
    expectItem(PASSING, 'packaged', 'pass', /predicted 200 rows in 0\.412 s$/);
  });

  test('fails with the load error', () => {
    expectItem(withInput({ freshLoad: { ok: false, rows: 0, seconds: 0.1, error: "Cannot find module 'model.json'" } }), 'packaged', 'fail', /failed: Cannot find module 'model\.json'$/);
  });

  test('fails "not evaluated" when the bundle was not loaded or predicted nothing', () => {
    expectItem(withInput({ freshLoad: null }), 'packaged', 'fail', /^not evaluated: the bundle was not loaded/);
    expectItem(withInput({ freshLoad: { ok: true, rows: 0, seconds: 0.2 } }), 'packaged', 'fail', /^not evaluated: .*predicted 0 rows/);
  });
});

// ---------- 9. rollback ----------

describe('9. rollback', () => {
  test('passes naming the previous champion', () => {
    expectItem(withChampion({}), 'rollback', 'pass', /^rollback target: champion #3 \(run run-0042\)$/);
  });

  test('first release passes on a declared fallback', () => {
    expectItem(PASSING, 'rollback', 'pass', /^first release; fallback: heuristic$/);
  });

  test('fails with how to fix when there is neither', () => {
    expectItem(withInput({ rollback: { previousChampion: null } }), 'rollback', 'fail', /add rollback: \{ fallback: heuristic \} to the spec, or promote a champion first$/);
  });
});

// ---------- rendering ----------

describe('renderVerdict', () => {
  test('one aligned line per item, then READY', () => {
    const lines = renderVerdict(evaluateGate(PASSING)).trimEnd().split('\n');
    assert.equal(lines.length, 10);
    assert.match(lines[0], /^\[pass\] 1\. Beats the best baseline on blackbox +— logistic vs heuristic on blackbox auc/);
    assert.match(lines[8], /^\[pass\] 9\. Rollback path exists +— first release; fallback: heuristic$/);
    assert.equal(new Set(lines.slice(0, 9).map((l) => l.indexOf(' — '))).size, 1, 'the dashes line up');
    assert.equal(lines[9], 'READY: 9 pass, 0 fail, 0 n/a');
  });

  test('failing and not-applicable items, and the NOT READY line naming the failing items', () => {
    const input = withEvaluation({ task: 'regression' }, withInput({ lineage: { ...PASSING.lineage, git: null }, freshLoad: null }));
    const lines = renderVerdict(evaluateGate(input)).trimEnd().split('\n');
    assert.match(lines[3], /^\[n\/a\]  4\. Probabilities are calibrated +— regression/);
    assert.match(lines[6], /^\[fail\] 7\. Reproducible from lineage +— not in a git repository/);
    assert.equal(lines[9], 'NOT READY: 6 pass, 2 fail, 1 n/a; failing: 7 (reproducibility), 8 (packaged)');
  });
});

describe('3. slices and robustness', () => {
  test('a behavioral-test finding fails item 3, naming the code', () => {
    const input = withEvaluation({
      robustness: [{ name: 'directional:income+10%', passed: false }],
      findings: [{ code: 'DIRECTIONAL_VIOLATION', severity: 'warning', message: 'directional:income+10%: 12% of rows move the wrong way', evidence: {} }],
    });
    const it = item(input, 'slices');
    assert.equal(it.status, 'fail');
    assert.match(it.reason, /^DIRECTIONAL_VIOLATION: directional:income\+10%: 12% of rows/);
    assert.equal(evaluateGate(input).ready, false);
  });
  test('passing behavioral tests are counted; Simpson\'s paradox is named without failing', () => {
    const input = withEvaluation({
      robustness: [{ name: 'a', passed: true }, { name: 'b', passed: true }],
      findings: [{ code: 'SIMPSONS_PARADOX', severity: 'warning', message: 'wins overall, loses in region=north, region=south', evidence: {} }],
    });
    const it = item(input, 'slices');
    assert.equal(it.status, 'pass');
    assert.match(it.reason, /all 2 behavioral tests passed; Simpson's paradox: wins overall/);
  });
});
